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
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The college transition cover (seeds 000, 002; issue 14 item 4; decision 52) on seed 000 as shipped (500101-2024, in
 * force on the IT server's business date 2023-11-20): a college student insured for the 2023/24 academic year, recorded
 * with its evidence as group ACADEMIC_YEAR_INSURED, is refused a quote and a payment (COVERED_BY_TRANSITION) and gets
 * the year's enrollment PAID without a payment, covered 2024-01-01..2024-12-31, audited; everybody else is quoted as
 * before, and the refusals name what is missing.
 */
@ExtendWith(ArquillianExtension.class)
class CollegeTransitionIT {

    private static final String POLICY = "500101-2024";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void aStudentInsuredForTheAcademicYearOfTheChangeIsCoveredWithoutPaying() {
        Http admin = Http.as("district_admin");
        String village = village(admin);
        String student = person(admin, village, "过渡甲", "COLLEGE_STUDENT");
        String freshman = person(admin, village, "过渡乙", "COLLEGE_STUDENT");
        String resident = person(admin, village, "过渡丙", "RESIDENT");

        // no group yet: quoted the college standard, and the cover names what is missing
        assertEquals(0, new BigDecimal("350.00").compareTo(quote(admin, student, "COLLEGE_STUDENT").json().getJsonNumber("personalAmount").bigDecimalValue()));
        Http.Reply missing = admin.post(cover(student), "{\"policyId\":\"" + POLICY + "\"}");
        assertEquals(422, missing.status(), missing.body());
        assertTrue(missing.body().contains("ACADEMIC_YEAR_NOT_INSURED"), missing.body());

        Http.Reply noEvidence = admin.post(groups(student), "{\"group\":\"ACADEMIC_YEAR_INSURED\",\"validFrom\":\"2023-09-01\"}");
        assertEquals(400, noEvidence.status(), "the counter records a group with its evidence: " + noEvidence.body());
        Http.Reply recorded = admin.post(groups(student), "{\"group\":\"ACADEMIC_YEAR_INSURED\",\"validFrom\":\"2023-09-01\","
                + "\"evidence\":\"重庆某大学 2023-2024学年度居民医保缴费证明\"}");
        assertEquals(201, recorded.status(), recorded.body());

        // the quote and the payment are refused: nothing to pay
        Http.Reply refused = quote(admin, student, "COLLEGE_STUDENT");
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("COVERED_BY_TRANSITION") && refused.body().contains("2024-12-31"), refused.body());
        Http.Reply payment = Http.as("tax").post("/api/v1/payments", payment("IT-CT-" + student, student));
        assertEquals(422, payment.status(), payment.body());
        assertTrue(payment.body().contains("COVERED_BY_TRANSITION"), payment.body());

        // recorded as the year's enrollment, PAID without a payment, once
        Http.Reply covered = admin.post(cover(student), "{\"policyId\":\"" + POLICY + "\"}");
        assertEquals(201, covered.status(), covered.body());
        JsonObject c = covered.json();
        assertEquals("PAID", c.getString("status"));
        assertEquals(0, BigDecimal.ZERO.compareTo(c.getJsonNumber("amountDue").bigDecimalValue()), covered.body());
        assertEquals("2024-01-01", c.getString("benefitStart"));
        assertEquals("2024-12-31", c.getString("benefitEnd"));
        assertTrue(c.getString("reason").contains("2023-09-01") && c.getString("reason").contains("缴费证明"), c.getString("reason"));
        Http.Reply again = admin.post(cover(student), "{\"policyId\":\"" + POLICY + "\"}");
        assertEquals(200, again.status(), again.body());
        assertEquals(c.getJsonNumber("enrollmentId"), again.json().getJsonNumber("enrollmentId"));
        Http.Reply audit = admin.get("/api/v1/audit?entity=enrollment&entityId=" + c.getJsonNumber("enrollmentId"));
        assertEquals(200, audit.status(), audit.body());
        assertTrue(audit.body().contains("ENROLLMENT_COVERED_BY_TRANSITION"), audit.body());
        Http.Reply later = Http.as("tax").post("/api/v1/payments", payment("IT-CT2-" + student, student));
        assertTrue(later.status() == 409 || later.status() == 422, "no payment on a covered year: " + later.body());

        // a freshman (no transition group) and a resident with the group recorded in error are quoted as before
        assertEquals(201, admin.post(groups(freshman), "{\"group\":\"FRESHMAN\",\"validFrom\":\"2023-09-01\",\"evidence\":\"录取通知书\"}").status());
        Http.Reply freshmanQuote = quote(admin, freshman, "COLLEGE_STUDENT");
        assertEquals(200, freshmanQuote.status(), freshmanQuote.body());
        assertEquals(0, new BigDecimal("350.00").compareTo(freshmanQuote.json().getJsonNumber("personalAmount").bigDecimalValue()));
        assertEquals(201, admin.post(groups(resident), "{\"group\":\"ACADEMIC_YEAR_INSURED\",\"validFrom\":\"2023-09-01\",\"evidence\":\"误录\"}").status());
        assertEquals(0, new BigDecimal("380.00").compareTo(quote(admin, resident, "RESIDENT").json().getJsonNumber("personalAmount").bigDecimalValue()));
        Http.Reply notAStudent = admin.post(cover(resident), "{\"policyId\":\"" + POLICY + "\"}");
        assertEquals(422, notAStudent.status(), notAStudent.body());
        assertTrue(notAStudent.body().contains("NOT_A_COLLEGE_STUDENT"), notAStudent.body());

        // bad input and roles change nothing
        Http.Reply noTransition = admin.post(cover(freshman), "{\"policyId\":\"500118-2023\"}");
        assertEquals(422, noTransition.status(), noTransition.body());
        assertTrue(noTransition.body().contains("NO_COLLEGE_TRANSITION"), noTransition.body());
        assertEquals(400, admin.post(cover(freshman), "{}").status());
        assertEquals(400, admin.post(cover(freshman), "{\"policyId\":\"" + POLICY + "\",\"tier\":\"one\"}").status());
        assertEquals(404, admin.post(cover(freshman), "{\"policyId\":\"500101-1999\"}").status());
        assertEquals(403, Http.as("supervisor").post(cover(student), "{\"policyId\":\"" + POLICY + "\"}").status());
        assertEquals(403, Http.as("tax").post(cover(student), "{\"policyId\":\"" + POLICY + "\"}").status());
        assertEquals(404, Http.as("clerk").post(cover(student), "{\"policyId\":\"" + POLICY + "\"}").status(),
                "a clerk of another village does not find the student");
    }

    @Test
    void theCounterRecordsTheCoverFromThePersonPage() {
        Http admin = Http.as("district_admin");
        String student = person(admin, "500101101001", "过渡丁", "COLLEGE_STUDENT"); // the demo clerk's village
        assertEquals(201, admin.post(groups(student), "{\"group\":\"ACADEMIC_YEAR_INSURED\",\"validFrom\":\"2023-09-01\","
                + "\"evidence\":\"学校缴费凭证\"}").status());
        try (Browser browser = Browser.open("college-transition-01-person-page")) {
            browser.signIn("clerk");
            browser.go("/counter/find.xhtml");
            browser.find("#find\\:query").sendKeys(student, org.openqa.selenium.Keys.ENTER);
            browser.wait(d -> d.getCurrentUrl().contains("/counter/person.xhtml"));
            browser.find("[id='groups-form:cover-transition']");
            // the policy chosen, not the first offered (the illustrative 500101-2026 comes first)
            browser.script("PF('widget_groups_form_transition_policy').selectValue('" + POLICY + "');");
            browser.waitForText("[id='groups-form:transition-policy_label']", POLICY);
            browser.screenshot("1-offered");
            browser.driver.findElement(org.openqa.selenium.By.id("groups-form:cover-transition")).click();
            String message = browser.waitForText("body", "过渡期待遇：已参加");
            assertTrue(message.contains("2024-12-31"), message);
            browser.screenshot("2-recorded");
        }
        Http.Reply again = admin.post(cover(student), "{\"policyId\":\"" + POLICY + "\"}");
        assertEquals(200, again.status(), "recorded by the page: " + again.body());
        assertEquals("PAID", again.json().getString("status"));
    }

    @Test
    void thePolicyShowsItsTransition() {
        Http.Reply policy = Http.as("district_admin").get("/api/v1/policies/" + POLICY);
        assertEquals(200, policy.status(), policy.body());
        JsonObject transition = policy.json().getJsonObject("college").getJsonObject("transition");
        assertEquals("2023-09-01", transition.getString("insuredFrom"));
        assertEquals("2024-08-31", transition.getString("insuredTo"));
        assertEquals("2024-12-31", transition.getString("coverTo"));
        Http.Reply draft = Http.as("district_admin").get("/api/v1/policies/" + POLICY + "/next-year-draft");
        assertEquals(200, draft.status(), draft.body());
        assertTrue(draft.json().getJsonObject("college").get("transition") == null, "not copied to next year: " + draft.body());
        JsonArray notes = draft.json().getJsonArray("notes");
        assertTrue(notes.getString(notes.size() - 1).contains("college.transition"), notes.toString());
    }

    /** The quote a counter asks for a person on record (the quote takes the resident type from the request, API.md). */
    private static Http.Reply quote(Http admin, String id, String residentType) {
        return admin.post("/api/v1/policies/" + POLICY + "/quotes", "{\"tier\":1,\"paymentDate\":\"2023-11-20\",\"idNumber\":\""
                + id + "\",\"residentType\":\"" + residentType + "\"}");
    }

    private static String payment(String tx, String id) {
        return "{\"transactionId\":\"" + tx + "\",\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY
                + "\",\"tier\":1,\"amount\":350.00,\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-20T10:00:00+08:00\"}";
    }

    private static String groups(String id) {
        return "/api/v1/persons/" + id + "/groups";
    }

    private static String cover(String id) {
        return "/api/v1/persons/" + id + "/college-transition-cover";
    }

    /** A village of a free town of 500101 (ITs share one database). */
    private static String village(Http admin) {
        for (int i = 0; i < 100; i++) {
            String town = "500101" + (200 + ThreadLocalRandom.current().nextInt(800));
            if (admin.get("/api/v1/regions/" + town).status() == 404) {
                assertEquals(201, admin.put("/api/v1/regions/" + town, "{\"name\":\"过渡镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}").status());
                assertEquals(201, admin.put("/api/v1/regions/" + town + "001", "{\"name\":\"过渡村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}").status());
                return town + "001";
            }
        }
        throw new IllegalStateException("no free town code");
    }

    private static String person(Http admin, String village, String name, String type) {
        LocalDate birth = LocalDate.of(2003, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(730));
        String id = IdNumber.withCheckCharacter("500101" + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000))).value();
        Http.Reply created = admin.post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + village + "\",\"residentType\":\"" + type + "\"}");
        assertEquals(201, created.status(), created.body());
        return id;
    }
}
