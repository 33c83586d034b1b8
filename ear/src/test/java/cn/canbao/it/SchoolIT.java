package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schools and colleges as collection points (DOMAIN.md §9) through {@code /schools}: a pupil file refused whole with
 * every bad row and nothing changed; a good one registers new pupils and enrolls all, again adds nothing; the school's
 * collection pays the unpaid pupils with channel SCHOOL exactly once per reference; progress per school to the pupil;
 * a college marks its poor freshmen (108) in the same file; areas and roles kept.
 */
@ExtendWith(ArquillianExtension.class)
class SchoolIT {

    private static final String POLICY = "500101-2024";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void aSchoolRegistersCollectsAndCountsItsPupils() {
        Http admin = Http.as("district_admin");
        String town = RegionIT.freeTown();
        String village = town + "001";
        assertEquals(201, admin.put("/api/v1/regions/" + town, "{\"name\":\"学校镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}").status());
        assertEquals(201, admin.put("/api/v1/regions/" + village, "{\"name\":\"学校村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}").status());
        String nonce = String.valueOf(System.nanoTime() % 1000000);
        String school = "SCH-" + nonce;
        String college = "COL-" + nonce;
        Http.Reply created = admin.post("/api/v1/schools", "{\"code\":\"" + school + "\",\"name\":\"学校村小学\",\"kind\":\"SCHOOL\",\"regionCode\":\"" + village + "\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals(409, admin.post("/api/v1/schools", "{\"code\":\"" + school + "\",\"name\":\"又一所\",\"kind\":\"SCHOOL\",\"regionCode\":\"" + village + "\"}").status());
        assertEquals(400, admin.post("/api/v1/schools", "{\"code\":\"x\",\"name\":\"\",\"kind\":\"KINDERGARTEN\",\"regionCode\":\"" + village + "\"}").status());
        assertEquals(201, admin.post("/api/v1/schools", "{\"code\":\"" + college + "\",\"name\":\"学校村学院\",\"kind\":\"COLLEGE\",\"regionCode\":\"" + village + "\"}").status());

        String known = resident(admin, village, "校甲");
        String p2 = newNumber();
        String p3 = newNumber();

        // a file with bad rows: refused whole, each row named, nothing registered
        String bad = "身份证号,姓名,班级,户籍地,困难学生\n"
                + "500101197001011234,坏号,一年级1班,,\n"
                + known + ",别名,一年级1班,,\n"
                + p2 + ",校乙,一年级1班," + village + ",\n"
                + p2 + ",校乙,一年级2班," + village + ",\n"
                + p3 + ",校丙,一年级2班," + village + ",是\n";
        Http.Reply refused = admin.upload("/api/v1/schools/" + school + "/pupils?policyId=" + POLICY, Map.of(), "pupils.csv", "text/csv", bytes(bad));
        assertEquals(422, refused.status(), refused.body());
        JsonArray errors = refused.json().getJsonArray("errors");
        List<String> fields = errors.stream().map(e -> ((JsonObject) e).getString("field")).toList();
        assertEquals(List.of("row 2", "row 3", "row 5", "row 6"), fields, refused.body());
        assertTrue(refused.body().contains("BAD_ID_NUMBER") && refused.body().contains("NAME_MISMATCH")
                && refused.body().contains("DUPLICATE_IN_FILE") && refused.body().contains("POOR_ONLY_FOR_COLLEGES"), refused.body());
        assertEquals(404, admin.get("/api/v1/persons/" + p2).status(), "nothing of a refused file is kept");

        String good = "身份证号,姓名,班级,户籍地\n" + known + ",校甲,一年级1班,\n" + p2 + ",校乙,一年级1班," + village + "\n"
                + p3 + ",校丙,一年级2班," + village + "\n";
        JsonObject imported = admin.upload("/api/v1/schools/" + school + "/pupils?policyId=" + POLICY, Map.of(), "pupils.csv", "text/csv", bytes(good)).json();
        assertEquals(3, imported.getInt("rows"), imported.toString());
        assertEquals(2, imported.getInt("newPersons"));
        assertEquals(3, imported.getInt("registered"));
        assertEquals(0, imported.getInt("alreadyEnrolled"));
        assertEquals(3, imported.getInt("listed"));
        assertEquals("PUPIL", admin.get("/api/v1/persons/" + p2).json().getString("residentType"));
        JsonObject again = admin.upload("/api/v1/schools/" + school + "/pupils?policyId=" + POLICY, Map.of(), "pupils.csv", "text/csv", bytes(good)).json();
        assertEquals(0, again.getInt("newPersons"), again.toString());
        assertEquals(0, again.getInt("registered"));
        assertEquals(3, again.getInt("alreadyEnrolled"));
        assertEquals(0, again.getInt("listed"));
        Http.Reply list = admin.get("/api/v1/schools/" + school + "/pupils?policyId=" + POLICY);
        assertEquals("3", list.header("X-Total-Count"), list.body());
        assertFalse(list.body().contains(p2), "masked: " + list.body());

        JsonObject line = progress(admin, village, school);
        assertEquals(3, line.getInt("pupils"));
        assertEquals(3, line.getInt("enrolled"));
        assertEquals(0, line.getInt("paid"));

        // 甲 paid by WeChat already; the school's collection pays 乙 and 丙 — once per reference
        BigDecimal due = personal(p2);
        assertEquals(due, personal(p3));
        Http.Reply wechat = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"IT-SCHOOL-WX-" + known + "\",\"idNumber\":\"" + known
                + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":" + personal(known).toPlainString()
                + ",\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-02T10:00:00+08:00\"}");
        assertEquals(201, wechat.status(), wechat.body());
        String body = "{\"policyId\":\"" + POLICY + "\",\"reference\":\"B1\",\"paidAt\":\"2023-11-03T10:00:00+08:00\"}";
        JsonObject collected = admin.post("/api/v1/schools/" + school + "/collections", body).json();
        assertEquals(2, collected.getInt("paid"), collected.toString());
        assertEquals(1, collected.getInt("alreadyPaid"), collected.toString());
        assertEquals(0, collected.getJsonArray("refused").size(), collected.toString());
        assertEquals(due.add(due), collected.getJsonNumber("amount").bigDecimalValue().setScale(2));
        JsonObject replay = admin.post("/api/v1/schools/" + school + "/collections", body).json();
        assertEquals(0, replay.getInt("paid"), replay.toString());
        assertEquals(2, replay.getInt("replayed"), replay.toString());
        Http.Reply bySchool = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"SCHOOL-" + school + "-B1-" + p2
                + "\",\"idNumber\":\"" + p2 + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":" + due.toPlainString()
                + ",\"channel\":\"SCHOOL\",\"paidAt\":\"2023-11-03T10:00:00+08:00\"}");
        assertEquals(200, bySchool.status(), "the school's payment, replayed: " + bySchool.body());
        assertEquals("SCHOOL", bySchool.json().getString("channel"));
        assertEquals(400, admin.post("/api/v1/schools/" + school + "/collections", "{\"policyId\":\"" + POLICY + "\",\"reference\":\"\"}").status());

        line = progress(admin, village, school);
        assertEquals(3, line.getInt("paid"), line.toString());
        assertEquals(new BigDecimal("100.00"), line.getJsonNumber("rate").bigDecimalValue().setScale(2));

        // a college: freshmen registered in bulk, the poor marked 108 by the college; a pupil of another school refused
        String f1 = newNumber();
        String f2 = newNumber();
        Http.Reply twice = admin.upload("/api/v1/schools/" + college + "/pupils?policyId=" + POLICY, Map.of(), "freshmen.csv", "text/csv",
                bytes("idNumber,name,class,householdRegionCode,poor\n" + p2 + ",校乙,2023级," + village + ",\n"));
        assertEquals(422, twice.status(), twice.body());
        assertTrue(twice.body().contains("PUPIL_OF_OTHER_SCHOOL"), twice.body());
        JsonObject freshmen = admin.upload("/api/v1/schools/" + college + "/pupils?policyId=" + POLICY, Map.of(), "freshmen.csv", "text/csv",
                bytes("idNumber,name,class,householdRegionCode,poor\n" + f1 + ",新生甲,2023级," + village + ",是\n"
                        + f2 + ",新生乙,2023级," + village + ",否\n")).json();
        assertEquals(2, freshmen.getInt("newPersons"), freshmen.toString());
        assertEquals(1, freshmen.getInt("markedPoor"), freshmen.toString());
        JsonObject f1Person = admin.get("/api/v1/persons/" + f1).json();
        assertEquals("COLLEGE_STUDENT", f1Person.getString("residentType"));
        JsonObject poor = f1Person.getJsonArray("identities").getJsonObject(0);
        assertEquals("108", poor.getString("code"));
        assertEquals("学校村学院", poor.getString("certifyingDepartment"));
        assertEquals(0, admin.get("/api/v1/persons/" + f2).json().getJsonArray("identities").size());

        // roles and areas
        assertEquals(403, Http.as("clerk").post("/api/v1/schools", "{\"code\":\"X-1\",\"name\":\"x\",\"kind\":\"SCHOOL\",\"regionCode\":\"" + village + "\"}").status());
        assertEquals(200, Http.as("supervisor").get("/api/v1/schools/progress?policyId=" + POLICY).status());
        assertEquals(403, Http.as("supervisor").post("/api/v1/schools/" + school + "/collections", body).status());
        assertEquals(404, Http.as("yc_town_officer").get("/api/v1/schools/" + school).status(), "another district's town");
        assertEquals(400, admin.get("/api/v1/schools/progress").status(), "policyId required");
    }

    private static JsonObject progress(Http admin, String region, String school) {
        Http.Reply r = admin.get("/api/v1/schools/progress?policyId=" + POLICY + "&regionCode=" + region);
        assertEquals(200, r.status(), r.body());
        return r.array().stream().map(v -> (JsonObject) v).filter(o -> school.equals(o.getString("schoolCode"))).findFirst()
                .orElseThrow(() -> new AssertionError(r.body()));
    }

    private static BigDecimal personal(String id) {
        Http.Reply quote = Http.as("district_admin").post("/api/v1/policies/" + POLICY + "/quotes",
                "{\"tier\":1,\"paymentDate\":\"2023-11-03\",\"idNumber\":\"" + id + "\"}");
        assertEquals(200, quote.status(), quote.body());
        return quote.json().getJsonNumber("personalAmount").bigDecimalValue().setScale(2);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String newNumber() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return IdNumber.withCheckCharacter("500101" + LocalDate.of(2005, 1, 1).plusDays(random.nextInt(4000))
                .format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", random.nextInt(1000))).value();
    }

    private static String resident(Http admin, String village, String name) {
        String id = newNumber();
        Http.Reply created = admin.post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + village + "\",\"residentType\":\"PUPIL\"}");
        assertEquals(201, created.status(), created.body());
        return id;
    }
}
