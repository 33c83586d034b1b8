package cn.canbao.household.boundary;

import cn.canbao.region.boundary.Regions;
import cn.canbao.person.boundary.Persons;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.enrollment.entity.NonEnrollment;
import cn.canbao.enrollment.entity.NonEnrollmentReason;
import cn.canbao.person.entity.DocumentType;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.NativeValues;
import cn.canbao.policy.boundary.Policies;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The household comparison (户籍比对, ../shared/spec/DOMAIN.md §5.1): the police household-registration list of a region against the
 * persons and enrollments on record for a policy year. Driven by the batch job {@code household-comparison}, one chunk
 * per call in the chunk's transaction: {@link #load} records the file's rows (accepted or rejected with the reason),
 * {@link #classify} puts every person of a village into one {@link Outcome}, {@link #summarize} counts a village.
 * A death in the police list is recorded on the person (audited) and the person's unpaid enrollment for the year is
 * cancelled, so nobody chases it. Everything is keyed by (comparison, row) or (comparison, ID number): a restarted
 * chunk or a second run of the same comparison records nothing twice. Internal: uploads are checked at the boundary
 * {@code HouseholdComparisons}.
 */
@Stateless
@PermitAll
public class HouseholdComparer {

    /** The class of a person in a comparison; the names are the API's codes. */
    public enum Outcome {
        /** in the police list, registered or paid for the year (应参已参) */
        ENROLLED,
        /** in the police list and on record, not enrolled (应参未参: the follow-up list) */
        MISSING,
        /** in the police list, not on record at all (应参未参, unknown to us: the follow-up list too) */
        NOT_ON_RECORD,
        /** in employee insurance or insured elsewhere (flags on the person or a non-enrollment reason of the year) */
        INSURED_ELSEWHERE,
        /** died (死亡) by the police list, or on record as deceased */
        DECEASED,
        /** household registration cancelled (注销) */
        REGISTRATION_CANCELLED,
        /** on record in the village, not in the police list (moved away?) */
        NOT_IN_POLICE_LIST
    }

    /** Why a row of the file is not used; the names are the report's reason codes, checked in this order. */
    public enum Reason {
        BAD_ID_NUMBER, NAME_MISSING, REGION_OUTSIDE_COMPARISON, STATUS_UNKNOWN, DEATH_DATE_MISSING, DUPLICATE_IN_FILE
    }

    /** The police status of a row. */
    public enum PoliceStatus {
        NORMAL, DECEASED, CANCELLED
    }

    /** A data row of a police household file as read; {@code rowNumber} as in the spreadsheet (header = row 1). */
    public record Row(int rowNumber, String idNumber, String name, String householdNumber, String regionCode,
                      String status, String diedOn) implements Serializable {
    }

    /** The stored upload the job reads. */
    public record Upload(long comparisonId, String policyId, String regionCode, String format, String fileName, byte[] content) {
    }

    public static final String DEATH_RECORDED = "DEATH_RECORDED";
    public static final String ENROLLMENT_CANCELLED = "ENROLLMENT_CANCELLED";

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    Regions regions;

    @Inject
    Persons persons;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public Upload upload(long comparisonId) {
        List<?> found = em.createNativeQuery("select policy_id, region_code, format, file_name, content from canbao.household_comparison"
                + " where id = ?1").setParameter(1, comparisonId).getResultList();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no household comparison " + comparisonId);
        }
        Object[] r = (Object[]) found.get(0);
        return new Upload(comparisonId, (String) r[0], (String) r[1], (String) r[2], (String) r[3], NativeValues.bytes(r[4]));
    }

    // ---- step "load" ------------------------------------------------------------------------------------------------

    /** The last row number recorded (rows are recorded in file order): a rerun or restart reads on after it. */
    public int lastRowRecorded(long comparisonId) {
        Object max = em.createNativeQuery("select max(row_number) from canbao.household_comparison_row where comparison_id = ?1")
                .setParameter(1, comparisonId).getSingleResult();
        return max == null ? 0 : ((Number) max).intValue();
    }

    /** Records a chunk of file rows, each accepted or rejected; rows recorded before (a restart) are skipped. */
    public int load(long comparisonId, List<Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        Upload header = header(comparisonId);
        Set<String> villages = regions.villageSetUnder(header.regionCode());
        Set<Integer> recorded = new HashSet<>();
        em.createNativeQuery("select row_number from canbao.household_comparison_row where comparison_id = ?1 and row_number between ?2 and ?3")
                .setParameter(1, comparisonId).setParameter(2, rows.get(0).rowNumber()).setParameter(3, rows.get(rows.size() - 1).rowNumber())
                .getResultList().forEach(n -> recorded.add(((Number) n).intValue()));
        List<String> numbers = new ArrayList<>();
        for (Row row : rows) {
            try {
                numbers.add(IdNumber.of(row.idNumber() == null ? "" : row.idNumber().trim().toUpperCase(Locale.ROOT)).value());
            } catch (IdNumber.InvalidIdNumberException bad) {
                // reported below
            }
        }
        // numbers accepted on earlier rows (earlier chunks): the first occurrence wins
        Set<String> seen = numbers.isEmpty() ? new HashSet<>() : new HashSet<>(strings(inList(em.createNativeQuery(
                "select id_number from canbao.household_comparison_row where comparison_id = ?1 and reason is null and row_number < "
                        + rows.get(0).rowNumber() + " and id_number in (" + placeholders(numbers.size()) + ")")
                .setParameter(1, comparisonId), numbers).getResultList()));
        List<Object[]> lines = new ArrayList<>();
        int accepted = 0;
        for (Row row : rows) {
            if (recorded.contains(row.rowNumber())) {
                continue;
            }
            String text = trim(row.idNumber()) == null ? "" : trim(row.idNumber()).toUpperCase(Locale.ROOT);
            String name = trim(row.name());
            String region = trim(row.regionCode());
            IdNumber id;
            try {
                id = IdNumber.of(text);
            } catch (IdNumber.InvalidIdNumberException e) {
                line(lines, comparisonId, row, text, null, null, Reason.BAD_ID_NUMBER, e.messageEn());
                continue;
            }
            if (name == null) {
                line(lines, comparisonId, row, id.value(), null, null, Reason.NAME_MISSING, "name is empty");
                continue;
            }
            if (region == null || !villages.contains(region)) {
                line(lines, comparisonId, row, id.value(), null, null, Reason.REGION_OUTSIDE_COMPARISON,
                        "region " + region + " is not a village at or below " + header.regionCode());
                continue;
            }
            PoliceStatus status = status(row.status());
            if (status == null) {
                line(lines, comparisonId, row, id.value(), null, null, Reason.STATUS_UNKNOWN,
                        "status '" + row.status() + "' is none of 正常/在册, 死亡, 注销");
                continue;
            }
            LocalDate died = status == PoliceStatus.DECEASED ? date(row.diedOn()) : null;
            if (status == PoliceStatus.DECEASED && died == null) {
                line(lines, comparisonId, row, id.value(), status, null, Reason.DEATH_DATE_MISSING,
                        "status 死亡 needs a date of death (yyyy-MM-dd), found '" + row.diedOn() + "'");
                continue;
            }
            if (seen.contains(id.value())) {
                line(lines, comparisonId, row, id.value(), status, died, Reason.DUPLICATE_IN_FILE, "the number appears on an earlier row");
                continue;
            }
            seen.add(id.value());
            line(lines, comparisonId, row, id.value(), status, died, null, null);
            accepted++;
        }
        batch("insert into canbao.household_comparison_row (comparison_id, row_number, id_number, name, household_number,"
                + " region_code, status, died_on, reason, message) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", lines);
        return accepted;
    }

    private static void line(List<Object[]> lines, long comparisonId, Row row, String idNumber, PoliceStatus status, LocalDate died,
                             Reason reason, String message) {
        lines.add(new Object[] {comparisonId, row.rowNumber(), cut(idNumber, 32), cut(trim(row.name()), 100),
                cut(trim(row.householdNumber()), 40), cut(trim(row.regionCode()), 12), status == null ? null : status.name(), died,
                reason == null ? null : reason.name(), cut(message, 300)});
    }

    /** One JDBC batch on the transaction's connection (EclipseLink does not batch native statements). */
    private void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        java.sql.Connection c = em.unwrap(java.sql.Connection.class);
        try (java.sql.PreparedStatement st = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    if (v == null) {
                        st.setObject(i + 1, null);
                    } else if (v instanceof LocalDate d) {
                        st.setDate(i + 1, java.sql.Date.valueOf(d));
                    } else {
                        st.setObject(i + 1, v);
                    }
                }
                st.addBatch();
            }
            st.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("batch insert failed: " + e.getMessage()
                    + (e.getNextException() == null ? "" : " / " + e.getNextException().getMessage()), e);
        }
    }

    /** 正常/在册/NORMAL or blank, 死亡/DECEASED, 注销/CANCELLED (also 迁出, moved out); null for anything else. */
    static PoliceStatus status(String text) {
        String s = trim(text);
        if (s == null) {
            return PoliceStatus.NORMAL;
        }
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "正常", "在册", "NORMAL", "0" -> PoliceStatus.NORMAL;
            case "死亡", "DECEASED", "DEAD", "1" -> PoliceStatus.DECEASED;
            case "注销", "迁出", "CANCELLED", "CANCELED", "2" -> PoliceStatus.CANCELLED;
            default -> null;
        };
    }

    static LocalDate date(String text) {
        String s = trim(text);
        if (s == null) {
            return null;
        }
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.BASIC_ISO_DATE,
                DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy.M.d"))) {
            try {
                return LocalDate.parse(s, f);
            } catch (DateTimeParseException next) {
                // try the next form
            }
        }
        return null;
    }

    // ---- step "compare" ---------------------------------------------------------------------------------------------

    /** A page of a village's ID numbers to classify, and how far the scan got (the next page starts after it). */
    public record Page(List<String> ids, String scannedTo, boolean exhausted) {
    }

    /**
     * The next ID numbers of a village, ascending after {@code after}: its accepted police rows and its persons on
     * record, merged, without those classified before in this comparison and without persons whose police row names
     * another village (classified there). Plain keyset queries on indexed columns and IN lists, no correlated
     * subqueries: the comparison's tables are new when the job reads them, and a planner without statistics turned
     * an anti-join into a scan per person.
     */
    public Page nextIds(long comparisonId, String village, String after, int max) {
        String from = after == null ? "" : after;
        List<String> police = strings(em.createNativeQuery("select id_number from canbao.household_comparison_row where comparison_id = ?1"
                        + " and region_code = ?2 and reason is null and id_number > ?3 order by id_number")
                .setParameter(1, comparisonId).setParameter(2, village).setParameter(3, from).setMaxResults(max).getResultList());
        List<String> recorded = persons.residentNumbersAfter(village, from, max);
        // beyond the last number of a full page the other list may hold numbers not yet read: stop at the smaller end
        String limit = null;
        if (police.size() == max) {
            limit = police.get(police.size() - 1);
        }
        if (recorded.size() == max && (limit == null || recorded.get(recorded.size() - 1).compareTo(limit) < 0)) {
            limit = recorded.get(recorded.size() - 1);
        }
        java.util.TreeSet<String> merged = new java.util.TreeSet<>(police);
        merged.addAll(recorded);
        if (limit != null) {
            merged = new java.util.TreeSet<>(merged.headSet(limit, true));
        }
        boolean exhausted = limit == null;
        String scannedTo = merged.isEmpty() ? from : merged.last();
        if (!merged.isEmpty()) {
            List<String> ids = new ArrayList<>(merged);
            Set<String> skip = new HashSet<>(strings(inList(em.createNativeQuery("select id_number from canbao.household_comparison_person"
                    + " where comparison_id = ?1 and id_number in (" + placeholders(ids.size()) + ")").setParameter(1, comparisonId), ids)
                    .getResultList()));
            List<String> onRecordOnly = new ArrayList<>(recorded.stream().filter(merged::contains).toList());
            onRecordOnly.removeAll(police);
            if (!onRecordOnly.isEmpty()) {
                skip.addAll(strings(inList(em.createNativeQuery("select id_number from canbao.household_comparison_row where comparison_id = ?1"
                        + " and reason is null and id_number in (" + placeholders(onRecordOnly.size()) + ")").setParameter(1, comparisonId),
                        onRecordOnly).getResultList()));
            }
            merged.removeAll(skip);
        }
        return new Page(new ArrayList<>(merged), scannedTo, exhausted);
    }

    private static List<String> strings(List<?> values) {
        List<String> strings = new ArrayList<>(values.size());
        values.forEach(v -> strings.add((String) v));
        return strings;
    }

    /** Classifies a chunk of a village's ID numbers; returns how many were classified (0 when all were before). */
    public int classify(long comparisonId, String village, List<String> ids, Long jobExecutionId) {
        if (ids.isEmpty()) {
            return 0;
        }
        Upload header = header(comparisonId);
        int year = policies.policy(header.policyId()).insuranceYear();
        Set<String> done = new HashSet<>();
        inList(em.createNativeQuery("select id_number from canbao.household_comparison_person where comparison_id = ?1"
                + " and id_number in (" + placeholders(ids.size()) + ")").setParameter(1, comparisonId), ids)
                .getResultList().forEach(o -> done.add((String) o));
        Map<String, Object[]> police = new HashMap<>();
        for (Object o : inList(em.createNativeQuery("select id_number, row_number, name, household_number, status, died_on"
                        + " from canbao.household_comparison_row where comparison_id = ?1 and reason is null and id_number in ("
                        + placeholders(ids.size()) + ")").setParameter(1, comparisonId), ids).getResultList()) {
            Object[] r = (Object[]) o;
            police.put((String) r[0], r);
        }
        Map<String, Person> persons = new HashMap<>();
        em.createQuery("select p from Person p where p.documentType = :type and p.idNumber in :ids", Person.class)
                .setParameter("type", DocumentType.RESIDENT_ID).setParameter("ids", ids).getResultList()
                .forEach(p -> persons.put(p.getIdNumber(), p));
        Map<Long, Enrollment> enrollments = new HashMap<>();
        Set<Long> elsewhere = new HashSet<>();
        List<Long> personIds = persons.values().stream().map(Person::getId).toList();
        if (!personIds.isEmpty()) {
            em.createQuery("select e from Enrollment e where e.personId in :ids and e.insuranceYear = :year", Enrollment.class)
                    .setParameter("ids", personIds).setParameter("year", year).getResultList()
                    .forEach(e -> enrollments.put(e.getPersonId(), e));
            em.createQuery("select n from NonEnrollment n where n.personId in :ids and n.insuranceYear = :year"
                            + " and n.reason in :reasons", NonEnrollment.class)
                    .setParameter("ids", personIds).setParameter("year", year)
                    .setParameter("reasons", List.of(NonEnrollmentReason.EMPLOYEE_INSURANCE, NonEnrollmentReason.INSURED_ELSEWHERE))
                    .getResultList().forEach(n -> elsewhere.add(n.getPersonId()));
        }
        List<Object[]> lines = new ArrayList<>();
        int classified = 0;
        int deaths = 0;
        for (String id : ids) {
            if (done.contains(id)) {
                continue;
            }
            Object[] row = police.get(id);
            Person p = persons.get(id);
            Enrollment e = p == null ? null : enrollments.get(p.getId());
            PoliceStatus status = row == null ? null : PoliceStatus.valueOf((String) row[4]);
            LocalDate died = row == null ? null : NativeValues.localDate(row[5]);
            Outcome outcome;
            String action = null;
            if (status == PoliceStatus.DECEASED) {
                outcome = Outcome.DECEASED;
                if (p != null) {
                    action = recordDeath(comparisonId, p, e, died, ((Number) row[1]).intValue());
                    deaths += action == null ? 0 : 1;
                }
            } else if (status == PoliceStatus.CANCELLED) {
                outcome = Outcome.REGISTRATION_CANCELLED;
            } else if (status == PoliceStatus.NORMAL && p == null) {
                outcome = Outcome.NOT_ON_RECORD;
            } else if (status == null) {
                outcome = Outcome.NOT_IN_POLICE_LIST;
            } else if (p.getDeceasedOn() != null) {
                outcome = Outcome.DECEASED;
            } else if (e != null && (e.getStatus() == EnrollmentStatus.PAID || e.getStatus() == EnrollmentStatus.REGISTERED)) {
                outcome = Outcome.ENROLLED;
            } else if (p.isEmployeeInsured() || p.isInsuredElsewhere() || elsewhere.contains(p.getId())) {
                outcome = Outcome.INSURED_ELSEWHERE;
            } else {
                outcome = Outcome.MISSING;
            }
            lines.add(new Object[] {comparisonId, id, village, outcome.name(), p == null ? null : p.getId(),
                    p == null ? null : p.getHouseholdRegionCode(), p != null ? p.getName() : (String) row[2], row == null ? null : (String) row[3],
                    p == null ? null : p.getPhone(), status == null ? null : status.name(), died, e == null ? null : e.getId(),
                    e == null ? null : e.getStatus().name(), action, row == null ? null : ((Number) row[1]).intValue(), jobExecutionId});
            classified++;
        }
        batch("insert into canbao.household_comparison_person (comparison_id, id_number, region_code, outcome, person_id,"
                + " record_region_code, name, household_number, phone, police_status, died_on, enrollment_id, enrollment_status, action,"
                + " row_number, job_execution_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", lines);
        audit.record("HOUSEHOLD_PERSONS_COMPARED", "household_comparison", String.valueOf(comparisonId), null, null,
                village + ": " + classified + " person(s) classified, " + deaths + " death(s) recorded");
        return classified;
    }

    /** Records the police list's death on the person and cancels the unpaid enrollment of the year; what was done. */
    private String recordDeath(long comparisonId, Person p, Enrollment e, LocalDate died, int rowNumber) {
        String source = "household comparison " + comparisonId + " row " + rowNumber;
        List<String> done = new ArrayList<>();
        if (p.getDeceasedOn() == null) {
            em.lock(p, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(p);
            if (p.getDeceasedOn() == null) {
                p.recordDeath(died);
                audit.record("PERSON_DEATH_RECORDED", "person", String.valueOf(p.getId()), "{\"deceasedOn\":null}",
                        "{\"deceasedOn\":\"" + died + "\"}", p.maskedIdNumber() + " " + source);
                done.add(DEATH_RECORDED);
            }
        }
        if (e != null && e.getStatus() == EnrollmentStatus.REGISTERED) {
            em.lock(e, LockModeType.PESSIMISTIC_WRITE); // like a payment: a payment racing this waits, then sees CANCELLED
            em.refresh(e);
            if (e.getStatus() == EnrollmentStatus.REGISTERED) {
                e.cancel();
                audit.record("ENROLLMENT_CANCELLED", "enrollment", String.valueOf(e.getId()), "{\"status\":\"REGISTERED\"}",
                        "{\"status\":\"CANCELLED\"}", "deceased " + died + " by the police household list, " + source);
                done.add(ENROLLMENT_CANCELLED);
            }
        }
        em.flush();
        return done.isEmpty() ? null : String.join("+", done);
    }

    // ---- step "summarize" -------------------------------------------------------------------------------------------

    /** Counts a village's classes into its summary line; false when the village was summarized before. */
    public boolean summarize(long comparisonId, String village, Long jobExecutionId) {
        long before = ((Number) em.createNativeQuery("select count(*) from canbao.household_comparison_village"
                + " where comparison_id = ?1 and region_code = ?2").setParameter(1, comparisonId).setParameter(2, village)
                .getSingleResult()).longValue();
        if (before > 0) {
            return false;
        }
        long policeRows = ((Number) em.createNativeQuery("select count(*) from canbao.household_comparison_row where comparison_id = ?1"
                        + " and region_code = ?2 and reason is null").setParameter(1, comparisonId).setParameter(2, village)
                .getSingleResult()).longValue();
        Map<String, Long> n = new HashMap<>();
        for (Object o : em.createNativeQuery("select outcome, enrollment_status, action, count(*) from canbao.household_comparison_person"
                + " where comparison_id = ?1 and region_code = ?2 group by outcome, enrollment_status, action")
                .setParameter(1, comparisonId).setParameter(2, village).getResultList()) {
            Object[] r = (Object[]) o;
            long c = ((Number) r[3]).longValue();
            String outcome = (String) r[0];
            n.merge(outcome, c, Long::sum);
            if (Outcome.ENROLLED.name().equals(outcome)) {
                n.merge("ENROLLED_" + r[1], c, Long::sum);
            }
            if (r[2] != null && ((String) r[2]).contains(DEATH_RECORDED)) {
                n.merge(DEATH_RECORDED, c, Long::sum);
            }
        }
        em.createNativeQuery("insert into canbao.household_comparison_village (comparison_id, region_code, police_rows, enrolled_paid,"
                        + " enrolled_registered, missing, not_on_record, insured_elsewhere, deceased, deaths_recorded,"
                        + " registration_cancelled, not_in_police_list, summarized_at, job_execution_id)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, cast(?14 as bigint))")
                .setParameter(1, comparisonId).setParameter(2, village).setParameter(3, policeRows)
                .setParameter(4, n.getOrDefault("ENROLLED_PAID", 0L)).setParameter(5, n.getOrDefault("ENROLLED_REGISTERED", 0L))
                .setParameter(6, n.getOrDefault(Outcome.MISSING.name(), 0L)).setParameter(7, n.getOrDefault(Outcome.NOT_ON_RECORD.name(), 0L))
                .setParameter(8, n.getOrDefault(Outcome.INSURED_ELSEWHERE.name(), 0L)).setParameter(9, n.getOrDefault(Outcome.DECEASED.name(), 0L))
                .setParameter(10, n.getOrDefault(DEATH_RECORDED, 0L))
                .setParameter(11, n.getOrDefault(Outcome.REGISTRATION_CANCELLED.name(), 0L))
                .setParameter(12, n.getOrDefault(Outcome.NOT_IN_POLICE_LIST.name(), 0L))
                .setParameter(13, OffsetDateTime.now(clock)).setParameter(14, jobExecutionId).executeUpdate();
        return true;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private Upload header(long comparisonId) {
        Object[] r = (Object[]) em.createNativeQuery("select policy_id, region_code, format, file_name from canbao.household_comparison"
                + " where id = ?1").setParameter(1, comparisonId).getSingleResult();
        return new Upload(comparisonId, (String) r[0], (String) r[1], (String) r[2], (String) r[3], null);
    }

    /** ?2, ?3, ... for an IN list after the first parameter. */
    private static String placeholders(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append('?').append(i + 2);
        }
        return b.toString();
    }

    private static jakarta.persistence.Query inList(jakarta.persistence.Query query, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 2, values.get(i));
        }
        return query;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }


}
