package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import jakarta.json.JsonArray;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.json.JsonObject;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Department rosters through {@code POST /api/v1/rosters}: a CSV and an XLSX file (written here with POI) and JSON
 * rows, with good rows and every kind of reject; exact counts, the reasons by row number, the identities on the
 * persons' records, and a second import of the same roster adding nothing.
 */
@ExtendWith(ArquillianExtension.class)
class RosterIT {

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    private static final String VILLAGE = "500101101001";
    private static final String VALIDITY = "\"validFrom\":\"2023-09-01\",\"validTo\":\"2024-12-31\"";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(RosterIT.class, Http.class, Http.Reply.class);
    }

    @Test
    void csvAndXlsxRostersRecordGoodRowsAndReportEveryRejectOnceAndOnlyOnce() throws IOException {
        String p1 = resident("名册甲");
        String p2 = resident("名册乙");
        String p3 = resident("名册丙");
        String p4 = resident("名册丁");
        String held = resident("名册戊");
        assertEquals(201, Http.as("department").post("/api/v1/persons/" + held + "/identities",
                "{\"code\":\"101\",\"certifyingDepartment\":\"万州区民政局\"," + VALIDITY + ",\"evidence\":\"低保证\"}").status());
        String unknown = IdNumber.withCheckCharacter("500101" + "1921" + "0101" + digits(3)).value();
        String badCheck = p1.substring(0, 17) + (p1.charAt(17) == '1' ? '2' : '1');

        String csv = "身份证号,姓名,行政区划,资助类别代码\n"
                + p1 + ",名册甲," + VILLAGE + ",\n"          // 2 accepted
                + p2 + ",名册乙,,\n"                          // 3 accepted
                + badCheck + ",名册甲,,\n"                    // 4 BAD_ID_NUMBER
                + p1 + ",名册甲,,\n"                          // 5 DUPLICATE_IN_FILE
                + "\n"                                        // 6 blank: skipped
                + unknown + ",无此人,,\n"                     // 7 PERSON_UNKNOWN
                + p3 + ",别人,,\n"                            // 8 NAME_MISMATCH
                + held + ",名册戊,,\n"                        // 9 ALREADY_ON_RECORD
                + p4 + ",名册丁,,999\n";                      // 10 SUBSIDY_CODE_UNKNOWN
        Http.Reply first = upload("roster.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8), "101", "2023-09-01", "2024-12-31");
        assertEquals(200, first.status(), first.body());
        JsonObject report = first.json();
        assertEquals("COMPLETED", report.getString("batchStatus"), report.toString());
        assertEquals(8, report.getInt("rowsRead"));
        assertEquals(2, report.getInt("accepted"));
        assertEquals(6, report.getInt("rejected"));
        assertEquals(Map.of(4, "BAD_ID_NUMBER", 5, "DUPLICATE_IN_FILE", 7, "PERSON_UNKNOWN", 8, "NAME_MISMATCH",
                9, "ALREADY_ON_RECORD", 10, "SUBSIDY_CODE_UNKNOWN"), reasons(report));
        assertRosterIdentity(p1, 1);
        assertRosterIdentity(p2, 1);
        assertRosterIdentity(p3, 0);

        // the same roster again adds nothing: every well-formed known row is already on record
        Http.Reply again = upload("roster.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8), "101", "2023-09-01", "2024-12-31");
        assertEquals(200, again.status(), again.body());
        assertEquals(0, again.json().getInt("accepted"));
        assertEquals(8, again.json().getInt("rejected"));
        Map<Integer, String> reasons = reasons(again.json());
        assertEquals("ALREADY_ON_RECORD", reasons.get(2));
        assertEquals("ALREADY_ON_RECORD", reasons.get(3));
        assertRosterIdentity(p1, 1);

        // XLSX, written with POI: the ID numbers as text cells
        Http.Reply xlsx = upload("名册.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                workbook(new String[][] {{"姓名", "身份证号码"}, {"名册丙", p3}, {"名册丁", p4}, {"名册丁", "5001011990"}, {"名册丁", p4}}),
                "101", "2023-09-01", "2024-12-31");
        assertEquals(200, xlsx.status(), xlsx.body());
        assertEquals(4, xlsx.json().getInt("rowsRead"));
        assertEquals(2, xlsx.json().getInt("accepted"));
        assertEquals(Map.of(4, "BAD_ID_NUMBER", 5, "DUPLICATE_IN_FILE"), reasons(xlsx.json()));
        assertRosterIdentity(p3, 1);
        assertRosterIdentity(p4, 1);

        // JSON rows, answered at once (202) and read later: a validity the catalogue does not cover
        Http.Reply json = Http.as("department").post("/api/v1/rosters?wait=0", "{\"department\":\"万州区民政局\","
                + "\"subsidyCode\":\"113\",\"validFrom\":\"2023-09-01\",\"validTo\":\"2030-12-31\",\"rows\":[{\"idNumber\":\""
                + p2 + "\",\"name\":\"名册乙\"}]}");
        assertTrue(json.status() == 202 || json.status() == 200, json.body());
        JsonObject late = awaitReport(json.json().getJsonNumber("importId").longValue());
        assertEquals(1, late.getInt("rowsRead"));
        assertEquals(Map.of(1, "VALIDITY_OUTSIDE_CATALOGUE"), reasons(late));

        // refusals of the upload itself
        Http.Reply unknownCode = upload("r.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8), "999", "2023-09-01", "2024-12-31");
        assertEquals(422, unknownCode.status(), unknownCode.body());
        assertEquals("SUBSIDY_CODE_UNKNOWN", unknownCode.json().getString("code"));
        assertEquals(400, upload("r.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8), "101", "2023-09-01", "yesterday").status());
        assertEquals(403, Http.as("clerk").post("/api/v1/rosters", "{\"rows\":[]}").status());
        assertEquals(404, Http.as("department").get("/api/v1/rosters/987654321").status());
    }

    /**
     * A roster of 12,000 rows is checked in two partitions of consecutive rows (at least 5,000 rows each) at once, and
     * the report is the one a single pass writes: a number's first occurrence in the first part makes its later one
     * in the second part DUPLICATE_IN_FILE; a first occurrence rejected before the duplicate check (no name) does not.
     */
    @Test
    void aLargeRosterIsCheckedInTwoPartsWithTheReportOfOnePass() {
        String early = resident("名册早");
        String late = resident("名册晚");
        String nameless = resident("名册无名");
        int rows = 12_000;
        StringBuilder csv = new StringBuilder("身份证号,姓名\n");
        for (int row = 2; row <= rows + 1; row++) {
            String line = switch (row) {
                case 3 -> early + ",名册早";                  // accepted (first part)
                case 4 -> nameless + ",";                     // NAME_MISSING: does not count as a first occurrence
                case 9_000 -> late + ",名册晚";               // accepted (second part)
                case 10_000 -> nameless + ",名册无名";        // accepted: its earlier row had no name
                case 11_000 -> early + ",名册早";             // DUPLICATE_IN_FILE across the parts
                default -> unknownPerson(row) + ",无此人";    // PERSON_UNKNOWN
            };
            csv.append(line).append('\n');
        }
        Http.Reply reply = upload("big.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8), "101", "2023-09-01", "2024-12-31");
        assertTrue(reply.status() == 200 || reply.status() == 202, reply.body());
        JsonObject report = "COMPLETED".equals(reply.json().getString("batchStatus")) ? reply.json()
                : awaitReport(reply.json().getJsonNumber("importId").longValue());
        assertEquals(rows, report.getInt("rowsRead"));
        assertEquals(3, report.getInt("accepted"));
        assertEquals(rows - 3, report.getInt("rejected"));
        Map<Integer, String> reasons = reasons(report);
        assertEquals("NAME_MISSING", reasons.get(4));
        assertEquals("DUPLICATE_IN_FILE", reasons.get(11_000));
        assertEquals(rows - 5, reasons.values().stream().filter("PERSON_UNKNOWN"::equals).count());
        assertTrue(!reasons.containsKey(3) && !reasons.containsKey(9_000) && !reasons.containsKey(10_000), reasons.toString());
        assertRosterIdentity(early, 1);
        assertRosterIdentity(late, 1);
        assertRosterIdentity(nameless, 1);
        long executionId = report.getJsonNumber("executionId").longValue();
        assertEquals(2L, ((Number) em.createNativeQuery("select count(*) from partition_execution p join step_execution s"
                + " on s.stepexecutionid = p.stepexecutionid where s.jobexecutionid = ?1").setParameter(1, executionId)
                .getSingleResult()).longValue(), "two partitions");
    }

    /** A well-formed number of nobody on record (district 110101 has no residents here), distinct for each row. */
    private static String unknownPerson(int row) {
        return IdNumber.withCheckCharacter(String.format("11010119210%d%02d%03d", 1 + row / 28_000, 1 + row / 1000 % 28, row % 1000)).value();
    }

    private static JsonObject awaitReport(long importId) {
        for (int i = 0; i < 300; i++) {
            Http.Reply r = Http.as("department").get("/api/v1/rosters/" + importId);
            assertEquals(200, r.status(), r.body());
            if ("COMPLETED".equals(r.json().getString("batchStatus"))) {
                return r.json();
            }
            sleep();
        }
        throw new AssertionError("roster import " + importId + " did not complete");
    }

    private static void assertRosterIdentity(String idNumber, int count) {
        Http.Reply person = Http.as("clerk").get("/api/v1/persons/" + idNumber);
        assertEquals(200, person.status(), person.body());
        JsonArray identities = person.json().getJsonArray("identities");
        long roster = identities.stream().map(v -> v.asJsonObject())
                .filter(i -> "ROSTER".equals(i.getString("source")) && "101".equals(i.getString("code"))
                        && "万州区民政局".equals(i.getString("certifyingDepartment")) && "2024-12-31".equals(i.getString("validTo")))
                .count();
        assertEquals(count, roster, identities.toString());
    }

    private static Map<Integer, String> reasons(JsonObject report) {
        Map<Integer, String> reasons = new TreeMap<>();
        report.getJsonArray("rejects").forEach(v -> reasons.put(v.asJsonObject().getInt("rowNumber"), v.asJsonObject().getString("reason")));
        return reasons;
    }

    private static byte[] workbook(String[][] rows) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("名册");
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** A roster upload as the department sends it. */
    private static Http.Reply upload(String fileName, String type, byte[] file, String code, String from, String to) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("department", "万州区民政局");
        fields.put("subsidyCode", code);
        fields.put("validFrom", from);
        fields.put("validTo", to);
        return Http.as("department").upload("/api/v1/rosters", fields, fileName, type, file);
    }

    private static String resident(String name) {
        String id = IdNumber.withCheckCharacter("5001011975" + String.format("%02d%02d", 1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28)) + digits(3)).value();
        Http.Reply reply = Http.as("clerk").post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + VILLAGE + "\",\"residentType\":\"RESIDENT\"}");
        if (reply.status() == 409) {
            return resident(name);
        }
        assertEquals(201, reply.status(), reply.body());
        return id;
    }

    private static String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(ThreadLocalRandom.current().nextInt(10));
        }
        return b.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
