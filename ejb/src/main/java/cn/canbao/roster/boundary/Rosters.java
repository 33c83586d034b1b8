package cn.canbao.roster.boundary;

import cn.canbao.platform.boundary.UploadedFiles;
import cn.canbao.platform.boundary.JobReport;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.NativeValues;
import cn.canbao.policy.boundary.Policies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Department rosters (资助对象名册): an upload is checked and kept here; the batch job {@code roster-import} turns its
 * rows into subsidy identities and writes the report read by {@link #report(long)}.
 */
@Stateless
@RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN})
public class Rosters {

    /** The batch job that reads a stored roster (batch/…/roster-import.xml). */
    public static final String JOB = "roster-import";

    /** Largest roster file taken (bytes): a district's largest roster has some ten thousand rows. */
    public static final int MAX_BYTES = 20 * 1024 * 1024;
    public static final Set<String> FORMATS = Set.of("CSV", "XLSX", "JSON");

    /** An uploaded roster: the file (or the JSON rows) and what every row certifies. */
    public record Upload(String department, String subsidyCode, LocalDate validFrom, LocalDate validTo, String format,
                         String fileName, byte[] content) {
    }

    /** A rejected row: its number (header = row 1), the number as given (masked when valid), the reason. */
    public record Reject(int rowNumber, String idNumber, String name, String reason, String message) {
    }

    /** The import report; {@code batchStatus} and {@code exitStatus} are filled in by the upload pipeline (batch module, UploadJobs). */
    public record Report(long importId, String department, String subsidyCode, LocalDate validFrom, LocalDate validTo,
                         String format, String fileName, Long executionId, String batchStatus, String exitStatus,
                         long rowsRead, long accepted, long rejected, List<Reject> rejects) implements JobReport<Report> {

        @Override
        public Report withStatus(String batchStatus, String exitStatus) {
            return new Report(importId, department, subsidyCode, validFrom, validTo, format, fileName, executionId,
                    batchStatus, exitStatus, rowsRead, accepted, rejected, rejects);
        }
    }

    /** A line of the list of recent imports; {@code batchStatus} is filled in by the batch boundary. */
    public record Summary(long importId, String department, String subsidyCode, LocalDate validFrom, LocalDate validTo,
                          String format, String fileName, Long executionId, String uploadedBy, OffsetDateTime uploadedAt,
                          long accepted, long rejected, String batchStatus) {

        public Summary withStatus(String batchStatus) {
            return new Summary(importId, department, subsidyCode, validFrom, validTo, format, fileName, executionId,
                    uploadedBy, uploadedAt, accepted, rejected, batchStatus);
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Checks and keeps an upload; returns its import id. Nothing is kept when a check fails. */
    public long store(Upload u) {
        List<FieldError> errors = new ArrayList<>();
        if (u.department() == null || u.department().isBlank()) {
            errors.add(new FieldError("department", "必填 / required"));
        }
        String code = u.subsidyCode() == null ? null : u.subsidyCode().trim();
        if (code == null || !code.matches("[0-9A-Z]{1,10}")) {
            errors.add(new FieldError("subsidyCode", "必填，1-10位数字或大写字母 / required, 1-10 digits or capitals"));
        }
        if (u.validFrom() == null) {
            errors.add(new FieldError("validFrom", "必填 yyyy-MM-dd / required"));
        }
        if (u.validTo() == null) {
            errors.add(new FieldError("validTo", "必填 yyyy-MM-dd / required"));
        } else if (u.validFrom() != null && u.validTo().isBefore(u.validFrom())) {
            errors.add(new FieldError("validTo", "不能早于 validFrom / must not be before validFrom"));
        }
        errors.addAll(UploadedFiles.fileErrors(u.format(), u.content(), FORMATS, MAX_BYTES));
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "名册信息不完整或格式错误", "incomplete or malformed roster", errors);
        }
        if (policies.list().stream().noneMatch(s -> policies.policy(s.policyId()).category(code).isPresent())) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "SUBSIDY_CODE_UNKNOWN",
                    "资助类别代码 " + code + " 不在任何年度政策的资助目录中", "subsidy code " + code + " is in no policy's catalogue",
                    List.of(new FieldError("subsidyCode", "未知 / unknown")));
        }
        long id = insert(u, code);
        audit.record("ROSTER_UPLOADED", "roster_import", String.valueOf(id), null, null,
                u.department().trim() + " " + code + " " + u.validFrom() + ".." + u.validTo() + " " + u.format() + " "
                        + u.content().length + " bytes");
        return id;
    }

    /** Plain JDBC on the transaction's connection: the id is the database's (identity column), read back portably. */
    private long insert(Upload u, String code) {
        String fileName = u.fileName() == null ? "" : u.fileName().length() > 200 ? u.fileName().substring(0, 200) : u.fileName();
        java.sql.Connection c = em.unwrap(java.sql.Connection.class);
        try (java.sql.PreparedStatement s = c.prepareStatement("insert into canbao.roster_import (department, subsidy_code,"
                + " valid_from, valid_to, format, file_name, content, uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            s.setString(1, u.department().trim());
            s.setString(2, code);
            s.setObject(3, u.validFrom());
            s.setObject(4, u.validTo());
            s.setString(5, u.format());
            s.setString(6, fileName);
            s.setBytes(7, u.content());
            s.setString(8, audit.currentActor());
            s.setObject(9, OffsetDateTime.now(clock));
            s.executeUpdate();
            try (java.sql.ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("roster upload not stored: " + e.getMessage(), e);
        }
    }

    /**
     * Takes back an upload whose job was refused at its start (e.g. a run over the same rows still going): the import
     * is removed, with an audit line, so that no import waits for a job that never comes.
     */
    @RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN})
    public void discard(long importId, String why) {
        int removed = em.createNativeQuery("delete from canbao.roster_import where id = ?1 and job_execution_id is null")
                .setParameter(1, importId).executeUpdate();
        if (removed > 0) {
            audit.record("ROSTER_UPLOAD_DISCARDED", "roster_import", String.valueOf(importId), null, null, why);
        }
    }

    @RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public void attachExecution(long importId, long executionId) {
        em.createNativeQuery("update canbao.roster_import set job_execution_id = ?1 where id = ?2")
                .setParameter(1, executionId).setParameter(2, importId).executeUpdate();
    }

    /** The report so far (the job may still run): counts and the rejected rows in row order. */
    @RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public Report report(long importId) {
        List<?> found = em.createNativeQuery("select department, subsidy_code, valid_from, valid_to, format, file_name,"
                + " job_execution_id from canbao.roster_import where id = ?1").setParameter(1, importId).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("ROSTER_IMPORT_UNKNOWN", "未知的名册导入 " + importId, "unknown roster import " + importId);
        }
        Object[] h = (Object[]) found.get(0);
        long accepted = 0;
        long rejected = 0;
        for (Object o : em.createNativeQuery("select outcome, count(*) from canbao.roster_import_row where import_id = ?1"
                + " group by outcome").setParameter(1, importId).getResultList()) {
            Object[] c = (Object[]) o;
            if ("ACCEPTED".equals(c[0])) {
                accepted = ((Number) c[1]).longValue();
            } else {
                rejected = ((Number) c[1]).longValue();
            }
        }
        List<Reject> rejects = new ArrayList<>();
        for (Object o : em.createNativeQuery("select row_number, id_number, name, reason, message from canbao.roster_import_row"
                + " where import_id = ?1 and outcome = 'REJECTED' order by row_number").setParameter(1, importId).getResultList()) {
            Object[] r = (Object[]) o;
            rejects.add(new Reject(((Number) r[0]).intValue(), masked((String) r[1], (String) r[3]), (String) r[2],
                    (String) r[3], (String) r[4]));
        }
        return new Report(importId, (String) h[0], (String) h[1], NativeValues.localDate(h[2]), NativeValues.localDate(h[3]), (String) h[4], (String) h[5],
                h[6] == null ? null : ((Number) h[6]).longValue(), null, null, accepted + rejected, accepted, rejected, rejects);
    }

    /** The imports, newest first, a page at a time, with their row counts so far. */
    public List<Summary> imports(int first, int max) {
        List<Summary> page = new ArrayList<>();
        for (Object o : em.createNativeQuery("select i.id, i.department, i.subsidy_code, i.valid_from, i.valid_to, i.format,"
                        + " i.file_name, i.job_execution_id, i.uploaded_by, i.uploaded_at,"
                        + " (select count(*) from canbao.roster_import_row r where r.import_id = i.id and r.outcome = 'ACCEPTED'),"
                        + " (select count(*) from canbao.roster_import_row r where r.import_id = i.id and r.outcome = 'REJECTED')"
                        + " from canbao.roster_import i order by i.id desc")
                .setFirstResult(Math.max(first, 0)).setMaxResults(Math.max(max, 1)).getResultList()) {
            Object[] r = (Object[]) o;
            page.add(new Summary(((Number) r[0]).longValue(), (String) r[1], (String) r[2], NativeValues.localDate(r[3]), NativeValues.localDate(r[4]),
                    (String) r[5], (String) r[6], r[7] == null ? null : ((Number) r[7]).longValue(), (String) r[8],
                    offsetDateTime(r[9]), ((Number) r[10]).longValue(), ((Number) r[11]).longValue(), null));
        }
        return page;
    }

    public long importCount() {
        return ((Number) em.createNativeQuery("select count(*) from canbao.roster_import").getSingleResult()).longValue();
    }

    private OffsetDateTime offsetDateTime(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        java.time.Instant instant = o instanceof java.sql.Timestamp t ? t.toInstant()
                : o instanceof java.time.Instant i ? i : java.time.Instant.parse(o.toString());
        return instant.atZone(clock.getZone()).toOffsetDateTime();
    }

    /** A well-formed number is shown masked like everywhere else; a malformed one as given, so the sender finds it. */
    private static String masked(String idNumber, String reason) {
        return "BAD_ID_NUMBER".equals(reason) ? idNumber : cn.canbao.platform.entity.IdNumber.mask(idNumber);
    }

}
