package cn.canbao.household.boundary;

import cn.canbao.platform.boundary.UploadedFiles;
import cn.canbao.platform.boundary.JobReport;
import cn.canbao.household.boundary.HouseholdComparer.Outcome;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.NativeValues;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Policy;
import cn.canbao.region.boundary.Regions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Police household lists (户籍人口名单) compared with the persons and enrollments on record: an upload is checked and
 * kept here (the same file for the same policy and region is the same comparison); the batch job
 * {@code household-comparison} classifies; the report, the village summaries and the per-person lines are read here.
 * Every reader sees only the villages of their area (a clerk: their village); ID numbers are masked in lists.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.OPERATOR})
public class HouseholdComparisons {

    /** The batch job that compares a stored police list (batch/…/household-comparison.xml). */
    public static final String JOB = "household-comparison";

    public static final int MAX_BYTES = 50 * 1024 * 1024;
    public static final Set<String> FORMATS = Set.of("CSV", "XLSX");
    public static final int MAX_LIMIT = 5000;

    public record Upload(String policyId, String regionCode, String format, String fileName, byte[] content) {
    }

    /** A stored comparison; {@code created} false when the same file had been uploaded before for that policy and region. */
    public record Stored(long comparisonId, boolean created) {
    }

    /** Counts per class (the village summary's columns, or their sums). */
    public record Counts(long policeRows, long enrolledPaid, long enrolledRegistered, long missing, long notOnRecord,
                        long insuredElsewhere, long deceased, long deathsRecorded, long registrationCancelled,
                        long notInPoliceList) {

        Counts plus(Counts o) {
            return new Counts(policeRows + o.policeRows, enrolledPaid + o.enrolledPaid, enrolledRegistered + o.enrolledRegistered,
                    missing + o.missing, notOnRecord + o.notOnRecord, insuredElsewhere + o.insuredElsewhere, deceased + o.deceased,
                    deathsRecorded + o.deathsRecorded, registrationCancelled + o.registrationCancelled, notInPoliceList + o.notInPoliceList);
        }
    }

    public record Village(String regionCode, Counts counts) {
    }

    /** A row of the file that is not used, with the number as given (masked when it is a valid number). */
    public record Reject(int rowNumber, String idNumber, String name, String regionCode, String reason, String message) {
    }

    /** The comparison's report; {@code batchStatus} and {@code exitStatus} are filled in by the upload pipeline (batch module, UploadJobs). */
    public record Report(long comparisonId, String policyId, String regionCode, String format, String fileName,
                         Long executionId, String batchStatus, String exitStatus, String uploadedBy, OffsetDateTime uploadedAt,
                         long rowsRead, long rowsRejected, long villagesSummarized, Counts totals, List<Reject> rejects) implements JobReport<Report> {

        @Override
        public Report withStatus(String batchStatus, String exitStatus) {
            return new Report(comparisonId, policyId, regionCode, format, fileName, executionId, batchStatus, exitStatus,
                    uploadedBy, uploadedAt, rowsRead, rowsRejected, villagesSummarized, totals, rejects);
        }
    }

    /** One classified person; the ID number masked. */
    public record Line(String regionCode, String idNumber, String name, String householdNumber, String phone, String outcome,
                       String policeStatus, java.time.LocalDate diedOn, String enrollmentStatus, String action,
                       String recordRegionCode, Integer rowNumber) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    Regions regions;

    @Inject
    Callers callers;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Checks and keeps an upload (or finds the same file uploaded before). Nothing is kept when a check fails. */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public Stored store(Upload u) {
        List<FieldError> errors = new ArrayList<>();
        if (u.policyId() == null || u.policyId().isBlank()) {
            errors.add(new FieldError("policyId", "必填 / required"));
        }
        errors.addAll(UploadedFiles.fileErrors(u.format(), u.content(), FORMATS, MAX_BYTES));
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "户籍名单信息不完整或格式错误", "incomplete or malformed household list", errors);
        }
        String policyId = u.policyId().trim();
        if (policies.list().stream().noneMatch(s -> s.policyId().equals(policyId))) {
            throw unprocessable("POLICY_UNKNOWN", "policyId", "未知的政策编号 " + policyId, "unknown policy " + policyId);
        }
        Policy policy = policies.policy(policyId);
        String region = u.regionCode() == null || u.regionCode().isBlank() ? policy.regionCode() : u.regionCode().trim();
        if (regions.find(region).isEmpty()) {
            throw unprocessable("REGION_UNKNOWN", "regionCode", "未知的行政区划代码 " + region, "unknown region code " + region);
        }
        if (!regions.isWithin(region, policy.regionCode())) {
            throw unprocessable("REGION_OUTSIDE_POLICY", "regionCode", region + " 不属于 " + policyId + " 的统筹区 " + policy.regionCode(),
                    region + " lies outside " + policyId + "'s pooling region " + policy.regionCode());
        }
        if (!regions.callerMaySee(region)) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "无权比对辖区 " + region, "region " + region + " is outside your area");
        }
        if (regions.villagesUnder(region).isEmpty()) {
            throw unprocessable("REGION_WITHOUT_VILLAGES", "regionCode", region + " 下没有村（社区）", "no village at or below " + region);
        }
        String hash = sha256(u.content());
        List<?> same = em.createNativeQuery("select id from canbao.household_comparison where policy_id = ?1 and region_code = ?2"
                + " and content_sha256 = ?3").setParameter(1, policyId).setParameter(2, region).setParameter(3, hash).getResultList();
        if (!same.isEmpty()) {
            return new Stored(((Number) same.get(0)).longValue(), false);
        }
        long id = insert(policyId, region, u, hash);
        audit.record("HOUSEHOLD_LIST_UPLOADED", "household_comparison", String.valueOf(id), null, null,
                policyId + " " + region + " " + u.format() + " " + u.content().length + " bytes sha256 " + hash);
        return new Stored(id, true);
    }

    private long insert(String policyId, String region, Upload u, String hash) {
        String fileName = u.fileName() == null ? "" : u.fileName().length() > 200 ? u.fileName().substring(0, 200) : u.fileName();
        java.sql.Connection c = em.unwrap(java.sql.Connection.class);
        try (java.sql.PreparedStatement s = c.prepareStatement("insert into canbao.household_comparison (policy_id, region_code,"
                + " format, file_name, content, content_sha256, uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            s.setString(1, policyId);
            s.setString(2, region);
            s.setString(3, u.format());
            s.setString(4, fileName);
            s.setBytes(5, u.content());
            s.setString(6, hash);
            s.setString(7, audit.currentActor());
            s.setObject(8, OffsetDateTime.now(clock));
            s.executeUpdate();
            try (java.sql.ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("household list not stored: " + e.getMessage(), e);
        }
    }

    /** Takes back a stored household list whose job was refused at its start: nothing waits for a job that never comes. */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public void discard(long comparisonId, String why) {
        int removed = em.createNativeQuery("delete from canbao.household_comparison where id = ?1 and job_execution_id is null")
                .setParameter(1, comparisonId).executeUpdate();
        if (removed > 0) {
            audit.record("HOUSEHOLD_LIST_DISCARDED", "household_comparison", String.valueOf(comparisonId), null, null, why);
        }
    }

    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public void attachExecution(long comparisonId, long executionId) {
        em.createNativeQuery("update canbao.household_comparison set job_execution_id = ?1 where id = ?2")
                .setParameter(1, executionId).setParameter(2, comparisonId).executeUpdate();
    }

    /** The comparison's policy and region (for the batch boundary's parameter check); 404 when unknown. */
    public String[] policyAndRegion(long comparisonId) {
        Object[] h = head(comparisonId);
        return new String[] {(String) h[0], (String) h[1]};
    }

    /** The report so far (the job may still run): rows read and rejected, the totals over the caller's villages. */
    public Report report(long comparisonId) {
        Object[] h = head(comparisonId);
        String region = (String) h[1];
        requireVisible(region);
        boolean whole = regions.callerMaySee(region);
        long read = 0;
        long rejected = 0;
        for (Object o : em.createNativeQuery("select case when reason is null then 0 else 1 end, count(*) from canbao.household_comparison_row"
                + " where comparison_id = ?1 group by case when reason is null then 0 else 1 end").setParameter(1, comparisonId).getResultList()) {
            Object[] r = (Object[]) o;
            long n = ((Number) r[1]).longValue();
            read += n;
            if (((Number) r[0]).intValue() == 1) {
                rejected = n;
            }
        }
        List<Reject> rejects = new ArrayList<>();
        for (Object o : em.createNativeQuery("select row_number, id_number, name, region_code, reason, message from canbao.household_comparison_row"
                + " where comparison_id = ?1 and reason is not null order by row_number").setParameter(1, comparisonId).getResultList()) {
            Object[] r = (Object[]) o;
            String rowRegion = (String) r[3];
            if (whole || (rowRegion != null && regions.find(rowRegion).isPresent() && regions.callerMaySee(rowRegion))) {
                rejects.add(new Reject(((Number) r[0]).intValue(), masked((String) r[1], (String) r[4]), (String) r[2], rowRegion,
                        (String) r[4], (String) r[5]));
            }
        }
        List<Village> villages = villages(comparisonId);
        Counts totals = villages.stream().map(Village::counts).reduce(Counts::plus).orElse(new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        return new Report(comparisonId, (String) h[0], region, (String) h[2], (String) h[3],
                h[4] == null ? null : ((Number) h[4]).longValue(), null, null, (String) h[5], NativeValues.offsetDateTime(h[6]),
                whole ? read : totals.policeRows() + rejects.size(), whole ? rejected : rejects.size(), villages.size(), totals, rejects);
    }

    /** The summary line of each village of the comparison the caller may see, by code. */
    public List<Village> villages(long comparisonId) {
        requireVisible((String) head(comparisonId)[1]);
        List<Village> villages = new ArrayList<>();
        for (Object o : em.createNativeQuery("select region_code, police_rows, enrolled_paid, enrolled_registered, missing, not_on_record,"
                + " insured_elsewhere, deceased, deaths_recorded, registration_cancelled, not_in_police_list"
                + " from canbao.household_comparison_village where comparison_id = ?1 order by region_code")
                .setParameter(1, comparisonId).getResultList()) {
            Object[] r = (Object[]) o;
            if (regions.callerMaySee((String) r[0])) {
                villages.add(new Village((String) r[0], new Counts(n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7]),
                        n(r[8]), n(r[9]), n(r[10]))));
            }
        }
        return villages;
    }

    /**
     * The classified persons of the villages at or below {@code regionCode} (default: the caller's region), of one
     * {@code outcome} or of all; {@code FOLLOW_UP} = MISSING and NOT_ON_RECORD (the follow-up list). Ordered by
     * village and ID number, paged by offset.
     */
    public List<Line> persons(long comparisonId, String outcome, String regionCode, int offset, int limit) {
        String comparisonRegion = (String) head(comparisonId)[1];
        requireVisible(comparisonRegion);
        String code = regionCode == null || regionCode.isBlank() ? callers.current().getRegionCode() : regionCode.trim();
        if (regions.find(code).isEmpty()) {
            throw ProblemException.notFound("REGION_UNKNOWN", "未知的行政区划代码 " + code, "unknown region code " + code);
        }
        if (!regions.callerMaySee(code)) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "无权查看辖区 " + code, "region " + code + " is outside your area");
        }
        List<String> outcomes;
        if (outcome == null || outcome.isBlank()) {
            outcomes = java.util.Arrays.stream(Outcome.values()).map(Enum::name).toList();
        } else if ("FOLLOW_UP".equals(outcome.trim())) {
            outcomes = List.of(Outcome.MISSING.name(), Outcome.NOT_ON_RECORD.name());
        } else {
            try {
                outcomes = List.of(Outcome.valueOf(outcome.trim()).name());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("INVALID_INPUT", "未知的比对类别 " + outcome, "unknown outcome " + outcome,
                        List.of(new FieldError("outcome", "FOLLOW_UP, " + java.util.Arrays.toString(Outcome.values()))));
            }
        }
        List<String> villages = regions.villagesUnder(code);
        List<Line> lines = new ArrayList<>();
        if (villages.isEmpty()) {
            return lines;
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < villages.size(); i++) {
            in.append(i == 0 ? "" : ", ").append('?').append(i + 10);
        }
        StringBuilder kinds = new StringBuilder();
        for (int i = 0; i < outcomes.size(); i++) {
            kinds.append(i == 0 ? "" : ", ").append('?').append(i + 2);
        }
        jakarta.persistence.Query q = em.createNativeQuery("select region_code, id_number, name, household_number, phone, outcome,"
                        + " police_status, died_on, enrollment_status, action, record_region_code, row_number"
                        + " from canbao.household_comparison_person where comparison_id = ?1 and outcome in (" + kinds + ")"
                        + " and region_code in (" + in + ") order by region_code, id_number")
                .setParameter(1, comparisonId).setFirstResult(Math.max(0, offset)).setMaxResults(Math.max(1, Math.min(limit, MAX_LIMIT)));
        for (int i = 0; i < outcomes.size(); i++) {
            q.setParameter(i + 2, outcomes.get(i));
        }
        for (int i = 0; i < villages.size(); i++) {
            q.setParameter(i + 10, villages.get(i));
        }
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            lines.add(new Line((String) r[0], masked((String) r[1], null), (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (String) r[6], NativeValues.localDate(r[7]),
                    (String) r[8], (String) r[9], (String) r[10], r[11] == null ? null : ((Number) r[11]).intValue()));
        }
        return lines;
    }

    /** A caller sees a comparison of their area, or one covering their area (then only their villages of it). */
    private void requireVisible(String comparisonRegion) {
        String own = callers.current().getRegionCode();
        if (!regions.isWithin(comparisonRegion, own) && !regions.isWithin(own, comparisonRegion)) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "无权查看辖区 " + comparisonRegion + " 的户籍比对",
                    "the household comparison of " + comparisonRegion + " is outside your area");
        }
    }

    private Object[] head(long comparisonId) {
        List<?> found = em.createNativeQuery("select policy_id, region_code, format, file_name, job_execution_id, uploaded_by,"
                + " uploaded_at from canbao.household_comparison where id = ?1").setParameter(1, comparisonId).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("HOUSEHOLD_COMPARISON_UNKNOWN", "未知的户籍比对 " + comparisonId,
                    "unknown household comparison " + comparisonId);
        }
        return (Object[]) found.get(0);
    }

    private static String masked(String idNumber, String reason) {
        return "BAD_ID_NUMBER".equals(reason) ? idNumber : cn.canbao.platform.entity.IdNumber.mask(idNumber);
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }


    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException unprocessable(String code, String field, String zh, String en) {
        return new ProblemException(ProblemException.Kind.UNPROCESSABLE, code, zh, en, List.of(new FieldError(field, zh)));
    }
}
