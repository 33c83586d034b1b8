package cn.canbao.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The role × capability × area matrix of docs/access.md, walked as one table: each row a caller, a request into
 * another district's (永川, 500118) policy, jobs, lists or accounts, and the answer it must get. Table-driven inside one
 * test (no parameterised tests in the container). Every refusal changes nothing: the refused job starts are checked
 * by counting executions before and after.
 */
@ExtendWith(ArquillianExtension.class)
class ScopeMatrixIT {

    private static final String YONGCHUAN = "500118-2023";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    record Row(String user, String method, String path, String body, int status, String code) {
    }

    @Test
    void anotherDistrictsPolicyJobsListsAndAccountsAreOutOfReach() {
        List<Row> matrix = List.of(
                new Row("district_admin", "PUT", "/api/v1/policies/" + YONGCHUAN, "SEED", 403, "POLICY_OUTSIDE_AREA"),
                new Row("operator", "POST", "/api/v1/batch/jobs/full-cost-switchover/executions",
                        "{\"parameters\":{\"policyId\":\"" + YONGCHUAN + "\",\"asOf\":\"2023-07-01\"}}", 403, "JOB_OUTSIDE_AREA"),
                new Row("district_admin", "POST", "/api/v1/batch/jobs/campaign-deadline-rollover/executions",
                        "{\"parameters\":{\"policyId\":\"" + YONGCHUAN + "\",\"asOf\":\"2023-01-01\"}}", 403, "JOB_OUTSIDE_AREA"),
                new Row("operator", "POST", "/api/v1/batch/jobs/demo-population/executions",
                        "{\"parameters\":{\"regionCode\":\"500118101007\",\"count\":4,\"seed\":1,\"policyId\":\"" + YONGCHUAN + "\"}}",
                        403, "JOB_OUTSIDE_AREA"),
                new Row("yc_operator", "POST", "/api/v1/batch/jobs/full-cost-switchover/executions",
                        "{\"parameters\":{\"policyId\":\"500101-2024\",\"asOf\":\"2024-07-01\"}}", 403, "JOB_OUTSIDE_AREA"),
                new Row("town_officer", "GET", "/api/v1/policies/" + YONGCHUAN + "/unpaid-list?regionCode=500118101001", null, 403, "REGION_NOT_VISIBLE"),
                new Row("tax", "GET", "/api/v1/policies/" + YONGCHUAN + "/amount-changes?since=2000-01-01", null, 403, "POLICY_OUTSIDE_AREA"),
                new Row("clerk", "GET", "/api/v1/progress?policyId=" + YONGCHUAN + "&regionCode=500118101", null, 403, null),
                new Row("town_officer", "GET", "/api/v1/accounts?regionCode=500118", null, 403, "REGION_NOT_VISIBLE"),
                new Row("town_officer", "GET", "/api/v1/accounts/yc_admin", null, 404, "ACCOUNT_UNKNOWN"),
                new Row("district_admin", "GET", "/api/v1/accounts/yc_admin", null, 404, "ACCOUNT_UNKNOWN"),
                new Row("district_admin", "PATCH", "/api/v1/accounts/yc_operator", "{\"enabled\":false}", 404, "ACCOUNT_UNKNOWN"),
                new Row("yc_admin", "PUT", "/api/v1/accounts/clerk/password", "{\"password\":\"Stolen2026ab\"}", 404, "ACCOUNT_UNKNOWN"),
                new Row("town_officer", "POST", "/api/v1/accounts",
                        "{\"username\":\"matrixdistrict\",\"displayName\":\"x\",\"role\":\"district_admin\",\"regionCode\":\"500101\","
                                + "\"password\":\"Matrix2026ab\"}", 403, "ROLE_ABOVE_CALLER"),
                new Row("clerk", "GET", "/api/v1/accounts", null, 403, null),
                new Row("yc_admin", "GET", "/api/v1/policies/500101-2024", null, 200, null));
        int executionsBefore = executions("operator") + executions("yc_operator");
        List<String> wrong = new ArrayList<>();
        for (Row row : matrix) {
            Http.Reply reply = send(row);
            boolean ok = reply.status() == row.status()
                    && (row.code() == null || (reply.body().contains("\"code\"") && row.code().equals(reply.json().getString("code", null))));
            if (!ok) {
                wrong.add(row.user() + " " + row.method() + " " + row.path() + " → " + reply.status() + " " + reply.body()
                        + " (expected " + row.status() + " " + row.code() + ")");
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(executionsBefore, executions("operator") + executions("yc_operator"), "no job started");
        assertEquals(200, Http.as("clerk").get("/api/v1/regions").status(), "the clerk's password was not changed");
    }

    @Test
    void listsShowOnlyTheCallersArea() {
        for (JsonValue v : Http.as("supervisor").get("/api/v1/policies/" + YONGCHUAN + "/village-results").array()) {
            assertTrue(((JsonObject) v).getString("regionCode").startsWith("500101"), v.toString());
        }
        for (JsonValue v : Http.as("yc_operator").get("/api/v1/batch/executions?limit=500").array()) {
            String region = ((JsonObject) v).getJsonObject("parameters").getString("regionCode", "500118");
            assertTrue(region.startsWith("500118"), v.toString());
        }
        for (JsonValue v : Http.as("operator").get("/api/v1/batch/executions?limit=500").array()) {
            String region = ((JsonObject) v).getJsonObject("parameters").getString("regionCode", "500101");
            assertTrue(region.startsWith("500101"), v.toString());
        }
    }

    private static int executions(String user) {
        return Http.as(user).get("/api/v1/batch/executions?limit=500").array().size();
    }

    private static Http.Reply send(Row row) {
        Http http = Http.as(row.user());
        return switch (row.method()) {
            case "GET" -> http.get(row.path());
            case "POST" -> http.post(row.path(), row.body());
            case "PATCH" -> http.patch(row.path(), row.body());
            case "PUT" -> http.put(row.path(), "SEED".equals(row.body()) ? Http.as("yc_admin").get(row.path()).body() : row.body());
            default -> throw new IllegalArgumentException(row.method());
        };
    }
}
