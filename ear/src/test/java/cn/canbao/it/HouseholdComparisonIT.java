package cn.canbao.it;

import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.enrollment.entity.NonEnrollment;
import cn.canbao.enrollment.entity.NonEnrollmentReason;
import cn.canbao.platform.entity.IdNumber;
import jakarta.annotation.Resource;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * household-comparison over REST on a village of 白羊镇 filled by demo-population (3,000 persons): the police file is
 * built here from the persons on record (some left out, some dead, some cancelled, some unknown to us, one bad row,
 * one duplicate) after some enrollments are withdrawn or marked insured elsewhere; exact counts per class, the deaths
 * recorded and unpaid enrollments cancelled, the follow-up list, the clerk's limits, and a rerun changing nothing.
 */
@ExtendWith(ArquillianExtension.class)
class HouseholdComparisonIT {

    private static final String POLICY = "500101-2024";
    private static final String TOWN = "500101101";
    private static final int COUNT = 3000;
    private static final LocalDate DIED = LocalDate.of(2023, 10, 5);

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(HouseholdComparisonIT.class, BatchRuns.class, Http.class, Http.Reply.class);
    }

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Test
    void everyPersonOfTheVillageFallsIntoExactlyOneClassAndARerunChangesNothing() throws Exception {
        String village = emptyVillage();
        JsonObject population = BatchRuns.run("demo-population", "{\"regionCode\":\"" + village + "\",\"count\":" + COUNT
                + ",\"seed\":4242,\"policyId\":\"" + POLICY + "\",\"paidUntil\":\"2023-11-20\"}", Duration.ofMinutes(5));
        List<Object[]> paid = persons(village, EnrollmentStatus.PAID);
        List<Object[]> registered = persons(village, EnrollmentStatus.REGISTERED);
        assertEquals(COUNT, paid.size() + registered.size());
        assertTrue(paid.size() >= 30 && registered.size() >= 70, paid.size() + " paid, " + registered.size() + " unpaid");

        List<Object[]> deceasedUnpaid = registered.subList(0, 10);
        List<Object[]> deceasedPaid = paid.subList(0, 5);
        List<Object[]> missing = registered.subList(10, 40);
        List<Object[]> employee = registered.subList(40, 45);
        List<Object[]> elsewhere = registered.subList(45, 50);
        List<Object[]> cancelled = paid.subList(5, 10);
        Set<Object[]> omitted = new HashSet<>(paid.subList(10, 30));
        omitted.addAll(registered.subList(50, 70));

        tx.begin();
        for (int i = 0; i < missing.size(); i++) {
            withdraw(missing.get(i));
            if (i < 10) {
                em.createNativeQuery("update canbao.person set phone = ?1 where id = ?2").setParameter(1, "1380000" + String.format("%04d", i))
                        .setParameter(2, id(missing.get(i))).executeUpdate();
            }
        }
        for (Object[] p : employee) {
            withdraw(p);
            em.createNativeQuery("update canbao.person set employee_insured = true where id = ?1").setParameter(1, id(p)).executeUpdate();
        }
        for (Object[] p : elsewhere) {
            withdraw(p);
            em.persist(new NonEnrollment(id(p), POLICY, 2024, NonEnrollmentReason.INSURED_ELSEWHERE, "外地参保", true, village,
                    "clerk", OffsetDateTime.now()));
        }
        tx.commit();
        em.clear();

        // the police file: header, every listed person in id order with the dead, the cancelled and the unknown, one bad row, one duplicate
        Set<Long> dead = new HashSet<>();
        deceasedUnpaid.forEach(p -> dead.add(id(p)));
        deceasedPaid.forEach(p -> dead.add(id(p)));
        Set<Long> gone = new HashSet<>();
        cancelled.forEach(p -> gone.add(id(p)));
        Set<Long> left = new HashSet<>();
        omitted.forEach(p -> left.add(id(p)));
        List<Object[]> all = new ArrayList<>(paid);
        all.addAll(registered);
        StringBuilder csv = new StringBuilder("身份证号码,姓名,户号,行政区划代码,人员状态,死亡日期\n");
        int row = 1;
        int badRow = 0;
        String duplicate = null;
        for (Object[] p : all) {
            if (left.contains(id(p))) {
                continue;
            }
            String status = dead.contains(id(p)) ? "死亡" : gone.contains(id(p)) ? "注销" : "正常";
            csv.append(p[1]).append(',').append(p[2]).append(",H").append(id(p) % 997).append(',').append(village).append(',')
                    .append(status).append(',').append(dead.contains(id(p)) ? DIED.toString() : "").append('\n');
            row++;
            if (row == 101) {
                String number = (String) p[1];
                csv.append(number, 0, 17).append(number.charAt(17) == '1' ? '2' : '1').append(",错号,H0,").append(village).append(",正常,\n");
                badRow = ++row;
            }
            if (duplicate == null && status.equals("正常")) {
                duplicate = p[1] + "," + p[2] + ",H1," + village + ",正常,\n";
            }
        }
        List<String> unknown = unknownNumbers(25);
        for (String number : unknown) {
            csv.append(number).append(",户籍外来,H9,").append(village).append(",在册,\n");
            row++;
        }
        csv.append(duplicate);
        int duplicateRow = ++row;
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);

        Http.Reply first = upload(file, village);
        assertEquals(201, first.status(), first.body());
        JsonObject report = first.json();
        assertEquals("COMPLETED", report.getString("batchStatus"), first.body());
        long comparisonId = report.getJsonNumber("comparisonId").longValue();
        JsonObject comparison = Http.as("operator").get("/api/v1/batch/executions/" + report.getJsonNumber("executionId").longValue()).json();
        System.out.printf("household-comparison of %d persons: %d ms; demo-population of them (baseline, same run): %d ms%n",
                COUNT + 25, millis(comparison), millis(population));
        assertTrue(first.raw().headers().firstValue("Location").orElse("").endsWith("/household-comparisons/" + comparisonId));
        int listed = COUNT - omitted.size() + unknown.size();
        assertEquals(listed + 2, report.getJsonNumber("rowsRead").longValue());
        assertEquals(2, report.getJsonNumber("rowsRejected").longValue());
        JsonArray rejects = report.getJsonArray("rejects");
        assertEquals(badRow, rejects.getJsonObject(0).getInt("rowNumber"));
        assertEquals("BAD_ID_NUMBER", rejects.getJsonObject(0).getString("reason"));
        assertEquals(duplicateRow, rejects.getJsonObject(1).getInt("rowNumber"));
        assertEquals("DUPLICATE_IN_FILE", rejects.getJsonObject(1).getString("reason"));
        assertTrue(rejects.getJsonObject(1).getString("idNumber").contains("**********"), rejects.toString());

        Map<String, Long> expected = Map.of("policeRows", (long) listed, "enrolledPaid", (long) paid.size() - 30,
                "enrolledRegistered", (long) registered.size() - 70, "missing", 30L, "notOnRecord", 25L, "insuredElsewhere", 10L,
                "deceased", 15L, "deathsRecorded", 15L, "registrationCancelled", 5L, "notInPoliceList", 40L);
        assertCounts(expected, report.getJsonObject("totals"));
        JsonArray villages = Http.as("town_officer").get("/api/v1/household-comparisons/" + comparisonId + "/villages").array();
        assertEquals(1, villages.size(), villages.toString());
        assertEquals(village, villages.getJsonObject(0).getString("regionCode"));
        assertCounts(expected, villages.getJsonObject(0).getJsonObject("counts"));
        assertEquals(COUNT + 25L, count("select count(*) from canbao.household_comparison_person where comparison_id = " + comparisonId));

        // deaths recorded and audited; the unpaid enrollments of the dead cancelled, the paid ones left alone
        for (Object[] p : deceasedUnpaid) {
            assertEquals(DIED.toString(), String.valueOf(single("select deceased_on from canbao.person where id = " + id(p))));
            assertEquals("CANCELLED", single("select status from canbao.enrollment where person_id = " + id(p) + " and insurance_year = 2024"));
        }
        for (Object[] p : deceasedPaid) {
            assertEquals(DIED.toString(), String.valueOf(single("select deceased_on from canbao.person where id = " + id(p))));
            assertEquals("PAID", single("select status from canbao.enrollment where person_id = " + id(p) + " and insurance_year = 2024"));
        }
        String deadIds = dead.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertEquals(15L, count("select count(*) from canbao.audit_log where action = 'PERSON_DEATH_RECORDED' and entity_id in ("
                + dead.stream().map(i -> "'" + i + "'").collect(Collectors.joining(",")) + ")"));
        assertEquals(10L, count("select count(*) from canbao.audit_log a where a.action = 'ENROLLMENT_CANCELLED' and a.entity_id in"
                + " (select cast(e.id as varchar(20)) from canbao.enrollment e where e.person_id in (" + deadIds + "))"));

        // the follow-up list: the missing (with their phones) and the unknown; masked; a clerk of another village sees none of it
        JsonArray followUp = Http.as("town_officer").get("/api/v1/household-comparisons/" + comparisonId
                + "/persons?outcome=FOLLOW_UP&regionCode=" + village).array();
        assertEquals(55, followUp.size());
        assertEquals(30, followUp.stream().filter(v -> "MISSING".equals(v.asJsonObject().getString("outcome"))).count());
        assertEquals(10, followUp.stream().filter(v -> !v.asJsonObject().isNull("phone")
                && v.asJsonObject().getString("phone").startsWith("1380000")).count());
        for (JsonValue v : followUp) {
            assertTrue(v.asJsonObject().getString("idNumber").contains("**********"), v.toString());
        }
        assertEquals(5, Http.as("supervisor").get("/api/v1/household-comparisons/" + comparisonId
                + "/persons?outcome=REGISTRATION_CANCELLED&regionCode=" + village).array().size());
        assertEquals(403, Http.as("clerk").get("/api/v1/household-comparisons/" + comparisonId + "/persons?regionCode=" + village).status());
        assertEquals(403, Http.as("clerk").get("/api/v1/household-comparisons/" + comparisonId + "/villages").status());
        assertEquals(403, Http.as("town_officer").post("/api/v1/batch/jobs/household-comparison/executions",
                "{\"parameters\":{\"comparisonId\":" + comparisonId + "}}").status());

        // the same file again: the same comparison, nothing new
        long audits = count("select count(*) from canbao.audit_log where action in ('PERSON_DEATH_RECORDED', 'ENROLLMENT_CANCELLED')");
        Http.Reply again = upload(file, village);
        assertEquals(200, again.status(), again.body());
        assertEquals(comparisonId, again.json().getJsonNumber("comparisonId").longValue());
        assertCounts(expected, again.json().getJsonObject("totals"));
        JsonObject rerun = BatchRuns.run("household-comparison", "{\"comparisonId\":" + comparisonId + "}", Duration.ofMinutes(2));
        assertEquals(0L, step(rerun, "load").get("writeCount"));
        assertEquals(0L, step(rerun, "compare").get("readCount"));
        assertEquals(0L, step(rerun, "compare").get("writeCount"));
        assertEquals(COUNT + 25L, count("select count(*) from canbao.household_comparison_person where comparison_id = " + comparisonId));
        assertEquals(listed + 2L, count("select count(*) from canbao.household_comparison_row where comparison_id = " + comparisonId));
        assertEquals(audits, count("select count(*) from canbao.audit_log where action in ('PERSON_DEATH_RECORDED', 'ENROLLMENT_CANCELLED')"));
        assertCounts(expected, Http.as("operator").get("/api/v1/household-comparisons/" + comparisonId).json().getJsonObject("totals"));

        Http.Reply unknownComparison = Http.as("operator").post("/api/v1/batch/jobs/household-comparison/executions",
                "{\"parameters\":{\"comparisonId\":999999999}}");
        assertEquals(404, unknownComparison.status(), unknownComparison.body());
        assertEquals("HOUSEHOLD_COMPARISON_UNKNOWN", unknownComparison.json().getString("code"));
    }

    private static long millis(JsonObject execution) {
        return Duration.between(OffsetDateTime.parse(execution.getString("startTime")), OffsetDateTime.parse(execution.getString("endTime"))).toMillis();
    }

    private static void assertCounts(Map<String, Long> expected, JsonObject counts) {
        expected.forEach((name, value) -> assertEquals(value.longValue(), counts.getJsonNumber(name).longValue(), name + " in " + counts));
    }

    private static Map<String, Long> step(JsonObject execution, String name) {
        for (JsonValue v : execution.getJsonArray("steps")) {
            JsonObject step = v.asJsonObject();
            if (name.equals(step.getString("stepName"))) {
                return step.getJsonObject("metrics").entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.parseLong(e.getValue().toString())));
            }
        }
        fail("no step " + name + " in " + execution);
        return null;
    }

    private void withdraw(Object[] person) {
        assertEquals(1, em.createNativeQuery("update canbao.enrollment set status = 'CANCELLED' where person_id = ?1 and insurance_year = 2024"
                + " and status = 'REGISTERED'").setParameter(1, id(person)).executeUpdate());
    }

    /** [person id, ID number, name] of the village's persons whose 2024 enrollment has that status, by person id. */
    @SuppressWarnings("unchecked")
    private List<Object[]> persons(String village, EnrollmentStatus status) {
        return em.createNativeQuery("select p.id, p.id_number, p.name from canbao.person p join canbao.enrollment e on e.person_id = p.id"
                        + " where p.household_region_code = ?1 and e.insurance_year = 2024 and e.status = ?2 order by p.id")
                .setParameter(1, village).setParameter(2, status.name()).getResultList();
    }

    private List<String> unknownNumbers(int n) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; numbers.size() < n; i++) {
            String number = IdNumber.withCheckCharacter("500101" + "19790315" + String.format("%03d", 100 + i)).value();
            if (count("select count(*) from canbao.person where id_number = '" + number + "'") == 0) {
                numbers.add(number);
            }
        }
        return numbers;
    }

    private static long id(Object[] person) {
        return ((Number) person[0]).longValue();
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    private Object single(String sql) {
        List<?> found = em.createNativeQuery(sql).getResultList();
        assertEquals(1, found.size(), sql);
        assertNotNull(found.get(0), sql);
        return found.get(0);
    }

    /** The first village of 白羊镇 from 009 down without residents (BatchIT counts down from 017, CampaignIT up from 002). */
    private String emptyVillage() {
        for (int i = 9; i >= 5; i--) {
            String code = TOWN + String.format("%03d", i);
            if (count("select count(*) from canbao.person where household_region_code = '" + code + "'") == 0) {
                return code;
            }
        }
        fail("villages 005-009 of " + TOWN + " already have residents: delete ear/target/wildfly for a fresh database");
        return null;
    }

    private static Http.Reply upload(byte[] file, String region) {
        String boundary = "----canbao" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"policyId", POLICY}, {"regionCode", region}}) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1]
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"户籍人口.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(Http.BASE + "/api/v1/household-comparisons?wait=110"))
                .timeout(Duration.ofSeconds(150))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("district_admin:demo123".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Http.Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
