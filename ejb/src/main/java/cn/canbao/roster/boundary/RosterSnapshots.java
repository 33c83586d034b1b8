package cn.canbao.roster.boundary;

import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ChangeFeed;
import cn.canbao.platform.boundary.ChunkJdbc;
import cn.canbao.platform.boundary.JobReport;
import cn.canbao.platform.boundary.NativeValues;
import cn.canbao.platform.boundary.PgCopy;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.UploadedFiles;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.roster.boundary.RosterImporter.Reason;
import cn.canbao.roster.boundary.RosterImporter.Row;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import cn.canbao.subsidy.entity.SubsidyIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Roster snapshots (名册比对, DOMAIN.md §9): a department re-sends the full roster of one subsidy code; its rows are
 * staged, checked and compared with the department's previous applied roster of that code — new, changed (name,
 * region or code), unchanged, and cancelled (on the previous roster, not on this one) — and nothing changes until the
 * department applies the comparison. Applying records an identity for every good row that holds none covering the
 * roster's validity, ends the identities of the cancelled persons (and of a changed code) the day before the roster's
 * validity starts — or revokes one that had not begun by then — all in one transaction. A frozen payment is never
 * re-priced or refunded: identities only change what later quotes see (DOMAIN.md §3.2).
 * <p>
 * Staging and comparison run in the batch job {@code roster-snapshot} (one batchlet: {@link #stage}, then
 * {@link #compare}); the checks on persons, names and the previous roster are set-based SQL.
 */
@Stateless
@RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN})
public class RosterSnapshots {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RosterSnapshots.class.getName());

    public static final String JOB = "roster-snapshot";

    /** A full roster may be large (a province's low-income roster): 48 MB, about 1.8 million CSV rows. */
    public static final int MAX_BYTES = 48 * 1024 * 1024;

    /** What a row's comparison says; REJECTED = a row with a problem, CANCELLED = a person of the previous roster only. */
    public enum Change { NEW, CHANGED, UNCHANGED, CANCELLED, REJECTED }

    /** Problems found only by a snapshot, beside the roster import's {@link Reason}s. */
    public static final String OUTSIDE_AREA = "OUTSIDE_AREA";
    public static final String DEPARTMENT_NOT_CERTIFYING = "DEPARTMENT_NOT_CERTIFYING";

    /** The comparison and, once decided, what applying it did; {@code batchStatus}/{@code exitStatus} from the job. */
    public record Comparison(long snapshotId, String department, String subsidyCode, LocalDate validFrom, LocalDate validTo,
                             String fileName, String state, Long previousId, Long executionId, String batchStatus,
                             String exitStatus, Integer rowsRead, Integer newRows, Integer changedRows,
                             Integer unchangedRows, Integer cancelledRows, Integer rejectedRows, Integer identitiesAdded,
                             Integer identitiesEnded, String uploadedBy, OffsetDateTime uploadedAt, String decidedBy,
                             OffsetDateTime decidedAt) implements JobReport<Comparison> {

        @Override
        public Comparison withStatus(String batchStatus, String exitStatus) {
            return new Comparison(snapshotId, department, subsidyCode, validFrom, validTo, fileName, state, previousId,
                    executionId, batchStatus, exitStatus, rowsRead, newRows, changedRows, unchangedRows, cancelledRows,
                    rejectedRows, identitiesAdded, identitiesEnded, uploadedBy, uploadedAt, decidedBy, decidedAt);
        }
    }

    /** A line of a comparison: a row of the file (rowNumber ≥ 2) or a cancelled person (rowNumber null); ID masked. */
    public record Line(Integer rowNumber, String idNumber, String name, String region, String subsidyCode, String change,
                       String problem, String previousName, String previousRegion, String previousCode) {
    }

    /** The stored upload the job reads. */
    public record Upload(long snapshotId, String department, String subsidyCode, LocalDate validFrom, LocalDate validTo,
                         String format, byte[] content, String areaCode) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    AuditLog audit;

    @Inject
    Callers callers;

    @Inject
    Clock clock;

    /**
     * Checks and keeps a full roster; returns its snapshot id. Refused, nothing kept: a malformed form, a code in no
     * catalogue, a department that neither certifies nor funds the code, or a validity starting before the department's
     * applied roster of that code starts (rosters move forward).
     */
    public long store(Rosters.Upload u) {
        List<FieldError> errors = new ArrayList<>();
        String department = u.department() == null ? "" : u.department().trim();
        if (department.isEmpty() || department.length() > 100) {
            errors.add(new FieldError("department", "必填，至多100字 / required, at most 100 characters"));
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
        errors.addAll(UploadedFiles.fileErrors(u.format(), u.content(), Rosters.FORMATS, MAX_BYTES));
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "名册信息不完整或格式错误", "incomplete or malformed roster", errors);
        }
        List<CatalogueEntry> entries = entries(code);
        if (entries.isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "SUBSIDY_CODE_UNKNOWN",
                    "资助类别代码 " + code + " 不在任何年度政策的资助目录中", "subsidy code " + code + " is in no policy's catalogue",
                    List.of(new FieldError("subsidyCode", "未知 / unknown")));
        }
        if (entries.stream().noneMatch(e -> concerns(e, department))) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, DEPARTMENT_NOT_CERTIFYING,
                    department + " 不是资助类别 " + code + " 的认定或资助部门（目录：" + departments(entries) + "）",
                    department + " neither certifies nor funds subsidy code " + code + " (catalogue: " + departments(entries) + ")",
                    List.of(new FieldError("department", "不是该类别的认定或资助部门 / not a department of this code")));
        }
        if (entries.stream().noneMatch(e -> e.validOn(u.validFrom()) && e.validOn(u.validTo()))) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "VALIDITY_OUTSIDE_CATALOGUE",
                    u.validFrom() + " 至 " + u.validTo() + " 不在资助类别 " + code + " 的目录有效期内",
                    u.validFrom() + ".." + u.validTo() + " is not inside the validity of code " + code + " in any catalogue",
                    List.of(new FieldError("validFrom", "超出目录有效期 / outside the catalogue's validity")));
        }
        List<?> applied = em.createNativeQuery("select id, valid_from from canbao.roster_snapshot where department = ?1"
                        + " and subsidy_code = ?2 and state = 'APPLIED' order by id desc")
                .setParameter(1, department).setParameter(2, code).setMaxResults(1).getResultList();
        if (!applied.isEmpty()) {
            LocalDate previousFrom = NativeValues.localDate(((Object[]) applied.get(0))[1]);
            if (u.validFrom().isBefore(previousFrom)) {
                throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "VALIDITY_OVERLAPS_PREVIOUS",
                        "有效期起始日 " + u.validFrom() + " 早于该部门已应用的上一份名册（" + previousFrom + " 起）",
                        "validFrom " + u.validFrom() + " is before the department's applied roster of this code (from " + previousFrom + ")",
                        List.of(new FieldError("validFrom", "须不早于 " + previousFrom + " / must not be before " + previousFrom)));
            }
        }
        long id = insert(u, department, code);
        audit.record("ROSTER_SNAPSHOT_UPLOADED", "roster_snapshot", String.valueOf(id), null, null,
                department + " " + code + " " + u.validFrom() + ".." + u.validTo() + " " + u.format() + " "
                        + u.content().length + " bytes");
        return id;
    }

    private long insert(Rosters.Upload u, String department, String code) {
        String fileName = u.fileName() == null ? "" : u.fileName().length() > 200 ? u.fileName().substring(0, 200) : u.fileName();
        Connection c = ChunkJdbc.connection(em);
        try (PreparedStatement s = c.prepareStatement("insert into canbao.roster_snapshot (department, subsidy_code,"
                + " valid_from, valid_to, format, file_name, content, area_code, state, uploaded_by, uploaded_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, 'UPLOADED', ?, ?)", new String[] {"id"})) {
            s.setString(1, department);
            s.setString(2, code);
            s.setObject(3, u.validFrom());
            s.setObject(4, u.validTo());
            s.setString(5, u.format());
            s.setString(6, fileName);
            s.setBytes(7, u.content());
            s.setString(8, callers.current().getRegionCode());
            s.setString(9, audit.currentActor());
            s.setObject(10, OffsetDateTime.now(clock));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("roster snapshot not stored: " + e.getMessage(), e);
        }
    }

    /** An upload whose job could not start: removed with an audit line. */
    public void discardUnstarted(long snapshotId, String why) {
        int removed = em.createNativeQuery("delete from canbao.roster_snapshot where id = ?1 and job_execution_id is null")
                .setParameter(1, snapshotId).executeUpdate();
        if (removed > 0) {
            audit.record("ROSTER_SNAPSHOT_DISCARDED", "roster_snapshot", String.valueOf(snapshotId), null, null, why);
        }
    }

    @RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public void attachExecution(long snapshotId, long executionId) {
        em.createNativeQuery("update canbao.roster_snapshot set job_execution_id = ?1 where id = ?2")
                .setParameter(1, executionId).setParameter(2, snapshotId).executeUpdate();
    }

    /** For the job: the stored file. */
    @PermitAll
    public Upload upload(long snapshotId) {
        List<?> found = em.createNativeQuery("select department, subsidy_code, valid_from, valid_to, format, content, area_code"
                + " from canbao.roster_snapshot where id = ?1").setParameter(1, snapshotId).getResultList();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no roster snapshot " + snapshotId);
        }
        Object[] r = (Object[]) found.get(0);
        return new Upload(snapshotId, (String) r[0], (String) r[1], NativeValues.localDate(r[2]), NativeValues.localDate(r[3]),
                (String) r[4], NativeValues.bytes(r[5]), (String) r[6]);
    }

    /**
     * For the job: the file's rows staged afresh (a restart stages again), with the checks a row carries alone —
     * number, name, repeated number, code known and certified by the department — by COPY on PostgreSQL (a JDBC batch
     * wrote 1,000,000 rows in 22 s, COPY in a fraction of it; docs/benchmarks.md), as JDBC batches elsewhere.
     */
    @PermitAll
    public int stage(long snapshotId, List<Row> rows) {
        long t0 = System.nanoTime();
        Upload upload = upload(snapshotId);
        requireState(snapshotId, "UPLOADED");
        em.createNativeQuery("delete from canbao.roster_snapshot_cancel where snapshot_id = ?1").setParameter(1, snapshotId).executeUpdate();
        em.createNativeQuery("delete from canbao.roster_snapshot_row where snapshot_id = ?1").setParameter(1, snapshotId).executeUpdate();
        Map<String, String> codeProblems = new LinkedHashMap<>();
        Set<Integer> repeated = RosterImporter.repeatedRows(rows, Integer.MAX_VALUE);
        Connection connection = ChunkJdbc.connection(em);
        try (PreparedStatement insert = connection.prepareStatement("insert into canbao.roster_snapshot_row (snapshot_id,"
                + " row_number, id_number, name, region, subsidy_code, problem) values (?, ?, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (Row row : rows) {
                String[] values = staged(row, upload, repeated, codeProblems);
                insert.setLong(1, snapshotId);
                insert.setInt(2, row.rowNumber());
                for (int i = 0; i < values.length; i++) {
                    insert.setString(3 + i, values[i]);
                }
                insert.addBatch();
                if (++batched % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw ChunkJdbc.failed("roster snapshot " + snapshotId + ", staging rows", e);
        }
        LOG.info(() -> "roster snapshot " + snapshotId + ": " + rows.size() + " rows staged by JDBC batches in " + millis(t0) + " ms");
        return rows.size();
    }

    /** A row as staged: number, name, region, code (the roster's when the row names none), the problem found alone. */
    private String[] staged(Row row, Upload upload, Set<Integer> repeated, Map<String, String> codeProblems) {
        String number = row.idNumber() == null ? "" : row.idNumber().trim().toUpperCase(Locale.ROOT);
        String name = row.name() == null ? "" : row.name().trim();
        String code = row.subsidyCode() == null || row.subsidyCode().isBlank() ? upload.subsidyCode() : row.subsidyCode().trim();
        String problem = null;
        if (!wellFormed(number)) {
            problem = Reason.BAD_ID_NUMBER.name();
        } else if (name.isEmpty()) {
            problem = Reason.NAME_MISSING.name();
        } else if (repeated.contains(row.rowNumber())) {
            problem = Reason.DUPLICATE_IN_FILE.name();
        } else if (!code.equals(upload.subsidyCode())) {
            problem = codeProblems.computeIfAbsent(code, c -> codeProblem(c, upload));
        }
        return new String[] {cut(number, 32), cut(name, 100), cut(row.region() == null ? null : row.region().trim(), 40),
                cut(code, 10), problem};
    }

    /**
     * For the job: the file staged and compared in one transaction. On PostgreSQL the rows go by COPY into a temporary
     * table and land in {@code roster_snapshot_row} by one {@code insert … select} that joins the persons and the
     * previous roster (checked and compared as they are written); elsewhere they are written as JDBC batches and then
     * checked and compared by correlated updates ({@link #stage}, {@link #compare}).
     */
    @PermitAll
    public void stageAndCompare(long snapshotId, List<Row> rows) {
        Connection connection = ChunkJdbc.connection(em);
        if (!PgCopy.available(connection)) {
            stage(snapshotId, rows);
            compare(snapshotId);
            return;
        }
        long t0 = System.nanoTime();
        Upload upload = upload(snapshotId);
        requireState(snapshotId, "UPLOADED");
        em.createNativeQuery("delete from canbao.roster_snapshot_cancel where snapshot_id = ?1").setParameter(1, snapshotId).executeUpdate();
        em.createNativeQuery("delete from canbao.roster_snapshot_row where snapshot_id = ?1").setParameter(1, snapshotId).executeUpdate();
        Long previous = latestApplied(upload.department(), upload.subsidyCode());
        String area = upload.areaCode() == null ? "" : upload.areaCode();
        Set<Integer> repeated = RosterImporter.repeatedRows(rows, Integer.MAX_VALUE);
        Map<String, String> codeProblems = new LinkedHashMap<>();
        try {
            try (java.sql.Statement st = connection.createStatement()) {
                st.execute("create temporary table roster_stage (row_number integer, id_number varchar(32), name varchar(100),"
                        + " region varchar(40), subsidy_code varchar(10), problem varchar(40)) on commit drop");
            }
            String target = "roster_stage (row_number, id_number, name, region, subsidy_code, problem)";
            StringBuilder csv = new StringBuilder(1 << 20);
            int batched = 0;
            for (Row row : rows) {
                csv.append(row.rowNumber());
                for (String v : staged(row, upload, repeated, codeProblems)) {
                    csv.append(',');
                    PgCopy.text(csv, v);
                }
                csv.append('\n');
                if (++batched % 50_000 == 0) {
                    PgCopy.copyIn(connection, target, csv);
                    csv.setLength(0);
                }
            }
            if (csv.length() > 0) {
                PgCopy.copyIn(connection, target, csv);
            }
            try (java.sql.Statement st = connection.createStatement()) {
                st.execute("analyze roster_stage");
            }
        } catch (SQLException e) {
            throw ChunkJdbc.failed("roster snapshot " + snapshotId + ", staging rows", e);
        }
        long staged = System.nanoTime();
        // every row written once, checked against the persons and compared with the previous roster as it is written
        update("insert into canbao.roster_snapshot_row (snapshot_id, row_number, id_number, name, region, subsidy_code,"
                + " person_id, problem, change_kind)"
                + " select ?1, s.row_number, s.id_number, s.name, s.region, s.subsidy_code, p.id,"
                + " coalesce(s.problem, case when p.id is null then 'PERSON_UNKNOWN' when p.name <> s.name then 'NAME_MISMATCH'"
                + "   when p.household_region_code not like ?2 then 'OUTSIDE_AREA' end),"
                + " case when s.problem is not null or p.id is null or p.name <> s.name or p.household_region_code not like ?2 then null"
                + "   when o.id_number is null then 'NEW' when o.name = s.name and o.subsidy_code = s.subsidy_code"
                + "   and coalesce(o.region, '') = coalesce(s.region, '') then 'UNCHANGED' else 'CHANGED' end"
                + " from roster_stage s"
                + " left join canbao.person p on s.problem is null and p.document_type = 'RESIDENT_ID' and p.id_number = s.id_number"
                + " left join canbao.roster_snapshot_row o on s.problem is null and o.snapshot_id = ?3 and o.id_number = s.id_number"
                + "   and o.problem is null", snapshotId, area + "%", previous == null ? -1L : previous);
        long written = System.nanoTime();
        conclude(snapshotId, previous);
        LOG.info(() -> "roster snapshot " + snapshotId + ": " + rows.size() + " rows staged by COPY in " + (staged - t0) / 1_000_000
                + " ms, checked, compared and written in " + (written - staged) / 1_000_000 + " ms, concluded in " + millis(written) + " ms");
    }

    /** Null when another code of the file is fine for this department and validity, else the problem's code. */
    private String codeProblem(String code, Upload upload) {
        if (!code.matches("[0-9A-Z]{1,10}")) {
            return Reason.SUBSIDY_CODE_UNKNOWN.name();
        }
        List<CatalogueEntry> entries = entries(code);
        if (entries.isEmpty()) {
            return Reason.SUBSIDY_CODE_UNKNOWN.name();
        }
        if (entries.stream().noneMatch(e -> concerns(e, upload.department()))) {
            return DEPARTMENT_NOT_CERTIFYING;
        }
        if (entries.stream().noneMatch(e -> e.validOn(upload.validFrom()) && e.validOn(upload.validTo()))) {
            return Reason.VALIDITY_OUTSIDE_CATALOGUE.name();
        }
        return null;
    }

    /**
     * For the job: the staged rows checked against the persons on record (set-based) and compared with the
     * department's latest applied roster of the code; the counts kept; state COMPARED.
     */
    @PermitAll
    public void compare(long snapshotId) {
        long t0 = System.nanoTime();
        Upload upload = upload(snapshotId);
        requireState(snapshotId, "UPLOADED");
        Long previous = latestApplied(upload.department(), upload.subsidyCode());
        String area = upload.areaCode() == null ? "" : upload.areaCode();
        long checked;
        // portable: the resident each good row names, its problem, then its change (correlated subqueries)
        update("update canbao.roster_snapshot_row set person_id = (select p.id from canbao.person p"
                + " where p.document_type = 'RESIDENT_ID' and p.id_number = canbao.roster_snapshot_row.id_number)"
                + " where snapshot_id = ?1 and problem is null", snapshotId);
        update("update canbao.roster_snapshot_row set problem = case"
                + " when person_id is null then 'PERSON_UNKNOWN'"
                + " when (select p.name from canbao.person p where p.id = canbao.roster_snapshot_row.person_id) <> name then 'NAME_MISMATCH'"
                + " when (select p.household_region_code from canbao.person p where p.id = canbao.roster_snapshot_row.person_id) not like ?2 then 'OUTSIDE_AREA'"
                + " end where snapshot_id = ?1 and problem is null", snapshotId, area + "%");
        checked = System.nanoTime();
        update("update canbao.roster_snapshot_row set change_kind = case"
                + " when not exists (select 1 from canbao.roster_snapshot_row o where o.snapshot_id = ?2"
                + "   and o.id_number = canbao.roster_snapshot_row.id_number and o.problem is null) then 'NEW'"
                + " when exists (select 1 from canbao.roster_snapshot_row o where o.snapshot_id = ?2"
                + "   and o.id_number = canbao.roster_snapshot_row.id_number and o.problem is null"
                + "   and o.name = canbao.roster_snapshot_row.name and o.subsidy_code = canbao.roster_snapshot_row.subsidy_code"
                + "   and coalesce(o.region, '') = coalesce(canbao.roster_snapshot_row.region, '')) then 'UNCHANGED'"
                + " else 'CHANGED' end where snapshot_id = ?1 and problem is null", snapshotId, previous == null ? -1L : previous);
        long comparedAt = System.nanoTime();
        conclude(snapshotId, previous);
        LOG.info(() -> "roster snapshot " + snapshotId + ": checked against persons in " + (checked - t0) / 1_000_000
                + " ms, compared in " + (comparedAt - checked) / 1_000_000 + " ms, counted in " + millis(comparedAt) + " ms");
    }

    /** The cancelled persons (on the previous roster, not on this one), the counts, and state COMPARED. */
    private void conclude(long snapshotId, Long previous) {
        if (previous != null) {
            update("insert into canbao.roster_snapshot_cancel (snapshot_id, id_number, name, subsidy_code, person_id)"
                    + " select ?1, o.id_number, o.name, o.subsidy_code, o.person_id from canbao.roster_snapshot_row o"
                    + " where o.snapshot_id = ?2 and o.problem is null and not exists (select 1 from canbao.roster_snapshot_row r"
                    + "   where r.snapshot_id = ?1 and r.id_number = o.id_number)", snapshotId, previous);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("select coalesce(change_kind, 'REJECTED'), count(*) from canbao.roster_snapshot_row"
                + " where snapshot_id = ?1 group by coalesce(change_kind, 'REJECTED')").setParameter(1, snapshotId).getResultList()) {
            Object[] r = (Object[]) o;
            counts.put((String) r[0], ((Number) r[1]).intValue());
        }
        int cancelled = ((Number) em.createNativeQuery("select count(*) from canbao.roster_snapshot_cancel where snapshot_id = ?1")
                .setParameter(1, snapshotId).getSingleResult()).intValue();
        int read = counts.values().stream().mapToInt(Integer::intValue).sum();
        // a null parameter would be bound as text (EclipseLink), which PostgreSQL refuses for a bigint column
        jakarta.persistence.Query done = em.createNativeQuery("update canbao.roster_snapshot set state = 'COMPARED', previous_id = "
                        + (previous == null ? "null" : "?2") + ", rows_read = ?3,"
                        + " new_rows = ?4, changed_rows = ?5, unchanged_rows = ?6, cancelled_rows = ?7, rejected_rows = ?8"
                        + " where id = ?1 and state = 'UPLOADED'");
        if (previous != null) {
            done.setParameter(2, previous);
        }
        done.setParameter(1, snapshotId).setParameter(3, read)
                .setParameter(4, counts.getOrDefault("NEW", 0)).setParameter(5, counts.getOrDefault("CHANGED", 0))
                .setParameter(6, counts.getOrDefault("UNCHANGED", 0)).setParameter(7, cancelled)
                .setParameter(8, counts.getOrDefault("REJECTED", 0)).executeUpdate();
    }

    /**
     * Applies a comparison, all or nothing: an identity of the roster's validity for every good row whose person holds
     * none of that code covering it; the identities of the department's code held by cancelled persons (and the old
     * code of a changed row) end the day before the roster's validity starts, or are revoked when they had not begun.
     * 409 when the snapshot is not a comparison waiting for a decision, or when another roster of the department and
     * code was applied since it was compared (compare again).
     */
    public Comparison apply(long snapshotId) {
        long t0 = System.nanoTime();
        Object[] h = lockHeader(snapshotId);
        String state = (String) h[0];
        if (!"COMPARED".equals(state)) {
            throw notDecidable(snapshotId, state);
        }
        String department = (String) h[1];
        String code = (String) h[2];
        LocalDate validFrom = NativeValues.localDate(h[3]);
        LocalDate validTo = NativeValues.localDate(h[4]);
        Long previous = h[5] == null ? null : ((Number) h[5]).longValue();
        Long latest = latestApplied(department, code);
        if (!java.util.Objects.equals(previous, latest)) {
            throw ProblemException.conflict("COMPARISON_STALE",
                    "比对之后该部门又应用了名册 " + latest + "，请重新上传比对",
                    "roster " + latest + " of the department was applied after this comparison; upload it again to compare");
        }
        String actor = audit.currentActor();
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate cutoff = validFrom.minusDays(1);
        String reason = "名册比对 " + snapshotId + "：不在" + department + "新名册中 / not on the department's roster " + snapshotId;
        Connection connection = ChunkJdbc.connection(em);
        LongSupplier ids = ChunkJdbc.ids(em, SubsidyIdentity.class);
        Set<Long> touched = new HashSet<>();
        int ended;
        int added;
        List<AuditLog.Line> lines = new ArrayList<>();
        try {
            // identities to end: cancelled persons' identities of the old code, and a changed row's old code
            List<long[]> toEnd = new ArrayList<>();
            List<Object[]> endedIdentities = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("select i.id, i.person_id, i.code, i.valid_from, i.valid_to"
                    + " from canbao.subsidy_identity i where i.certifying_department = ? and i.source = 'ROSTER'"
                    + " and (i.valid_to is null or i.valid_to > ?) and ("
                    + "   exists (select 1 from canbao.roster_snapshot_cancel c where c.snapshot_id = ? and c.person_id = i.person_id and c.subsidy_code = i.code)"
                    + "   or exists (select 1 from canbao.roster_snapshot_row r join canbao.roster_snapshot_row o"
                    + "     on o.snapshot_id = ? and o.id_number = r.id_number and o.problem is null"
                    + "     where r.snapshot_id = ? and r.change_kind = 'CHANGED' and r.person_id = i.person_id"
                    + "     and o.subsidy_code = i.code and r.subsidy_code <> o.subsidy_code))")) {
                s.setString(1, department);
                s.setObject(2, cutoff);
                s.setLong(3, snapshotId);
                s.setObject(4, previous == null ? -1L : previous);
                s.setLong(5, snapshotId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        LocalDate from = r.getObject(4, LocalDate.class);
                        toEnd.add(new long[] {r.getLong(1), r.getLong(2), from.isAfter(cutoff) ? 1 : 0});
                        endedIdentities.add(new Object[] {r.getLong(1), r.getString(3), from, r.getObject(5, LocalDate.class)});
                    }
                }
            }
            for (int k = 0; k < toEnd.size(); k++) {
                long[] e = toEnd.get(k);
                Object[] was = endedIdentities.get(k);
                touched.add(e[1]);
                if (e[2] == 1) {
                    SubsidyIdentities.revoke(connection, e[0], actor, now, reason);
                    lines.add(new AuditLog.Line("SUBSIDY_IDENTITY_REVOKED", "person", String.valueOf(e[1]),
                            identityJson(was[0], was[1], was[2], was[3]), null, reason));
                } else {
                    SubsidyIdentities.endOn(connection, e[0], cutoff, ids.getAsLong(), actor, now, reason);
                    lines.add(new AuditLog.Line("SUBSIDY_IDENTITY_ENDED", "person", String.valueOf(e[1]),
                            identityJson(was[0], was[1], was[2], was[3]), identityJson(was[0], was[1], was[2], cutoff), reason));
                }
            }
            ended = toEnd.size();
            // new identities: good rows whose person holds no identity of the row's code covering the validity
            List<SubsidyIdentities.NewIdentity> identities = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("select r.row_number, r.person_id, r.subsidy_code"
                    + " from canbao.roster_snapshot_row r where r.snapshot_id = ? and r.problem is null"
                    + " and not exists (select 1 from canbao.subsidy_identity i where i.person_id = r.person_id"
                    + "   and i.code = r.subsidy_code and i.valid_from <= ? and (i.valid_to is null or i.valid_to >= ?))"
                    + " order by r.row_number")) {
                s.setLong(1, snapshotId);
                s.setObject(2, validFrom);
                s.setObject(3, validTo);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        identities.add(new SubsidyIdentities.NewIdentity(ids.getAsLong(), r.getLong(2), r.getString(3),
                                department, validFrom, validTo, SubsidyIdentity.Source.ROSTER,
                                "roster snapshot " + snapshotId + " row " + r.getInt(1), actor, now));
                    }
                }
            }
            SubsidyIdentities.insert(connection, identities);
            added = identities.size();
            ChangeFeed.recordAll(connection, null, List.copyOf(touched), ChangeFeed.Change.IDENTITY, now);
        } catch (SQLException e) {
            throw ChunkJdbc.failed("roster snapshot " + snapshotId + ", applying", e);
        }
        audit.recordAll(lines);
        em.createNativeQuery("update canbao.roster_snapshot set state = 'APPLIED', identities_added = ?2, identities_ended = ?3,"
                        + " decided_by = ?4, decided_at = ?5 where id = ?1")
                .setParameter(1, snapshotId).setParameter(2, added).setParameter(3, ended).setParameter(4, actor)
                .setParameter(5, now).executeUpdate();
        LOG.info(() -> "roster snapshot " + snapshotId + ": applied (" + added + " added, " + ended + " ended) in " + millis(t0) + " ms");
        audit.record("ROSTER_SNAPSHOT_APPLIED", "roster_snapshot", String.valueOf(snapshotId), null, null,
                department + " " + code + " " + validFrom + ".." + validTo + ": " + added + " identities added, "
                        + ended + " ended or revoked");
        return comparison(snapshotId);
    }

    /** Discards a comparison waiting for a decision: nothing of it is applied. */
    public Comparison discard(long snapshotId) {
        Object[] h = lockHeader(snapshotId);
        String state = (String) h[0];
        if (!"COMPARED".equals(state) && !"UPLOADED".equals(state)) {
            throw notDecidable(snapshotId, state);
        }
        em.createNativeQuery("update canbao.roster_snapshot set state = 'DISCARDED', decided_by = ?2, decided_at = ?3 where id = ?1")
                .setParameter(1, snapshotId).setParameter(2, audit.currentActor()).setParameter(3, OffsetDateTime.now(clock))
                .executeUpdate();
        audit.record("ROSTER_SNAPSHOT_DISCARDED", "roster_snapshot", String.valueOf(snapshotId), null, null, "discarded by the department");
        return comparison(snapshotId);
    }

    private ProblemException notDecidable(long snapshotId, String state) {
        return ProblemException.conflict("SNAPSHOT_" + state,
                "名册比对 " + snapshotId + " " + stateZh(state) + "，不能再应用或放弃",
                "roster snapshot " + snapshotId + " is " + state.toLowerCase(Locale.ROOT) + "; it cannot be applied or discarded");
    }

    private static String stateZh(String state) {
        return switch (state) {
            case "UPLOADED" -> "尚在比对中";
            case "APPLIED" -> "已应用";
            case "DISCARDED" -> "已放弃";
            default -> "待确认";
        };
    }

    @RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public Comparison comparison(long snapshotId) {
        List<?> found = em.createNativeQuery("select department, subsidy_code, valid_from, valid_to, file_name, state,"
                + " previous_id, job_execution_id, rows_read, new_rows, changed_rows, unchanged_rows, cancelled_rows,"
                + " rejected_rows, identities_added, identities_ended, uploaded_by, uploaded_at, decided_by, decided_at"
                + " from canbao.roster_snapshot where id = ?1").setParameter(1, snapshotId).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("ROSTER_SNAPSHOT_UNKNOWN", "未知的名册比对 " + snapshotId, "unknown roster snapshot " + snapshotId);
        }
        return comparison(snapshotId, (Object[]) found.get(0));
    }

    private Comparison comparison(long id, Object[] r) {
        return new Comparison(id, (String) r[0], (String) r[1], NativeValues.localDate(r[2]), NativeValues.localDate(r[3]),
                (String) r[4], (String) r[5], longOrNull(r[6]), longOrNull(r[7]), null, null, intOrNull(r[8]),
                intOrNull(r[9]), intOrNull(r[10]), intOrNull(r[11]), intOrNull(r[12]), intOrNull(r[13]), intOrNull(r[14]),
                intOrNull(r[15]), (String) r[16], offsetDateTime(r[17]), (String) r[18], offsetDateTime(r[19]));
    }

    /** The snapshots, newest first, a page at a time. */
    public List<Comparison> recent(int first, int max) {
        List<Comparison> page = new ArrayList<>();
        for (Object o : em.createNativeQuery("select department, subsidy_code, valid_from, valid_to, file_name, state,"
                        + " previous_id, job_execution_id, rows_read, new_rows, changed_rows, unchanged_rows, cancelled_rows,"
                        + " rejected_rows, identities_added, identities_ended, uploaded_by, uploaded_at, decided_by, decided_at, id"
                        + " from canbao.roster_snapshot order by id desc")
                .setFirstResult(Math.max(first, 0)).setMaxResults(Math.max(1, Math.min(max, 500))).getResultList()) {
            Object[] r = (Object[]) o;
            page.add(comparison(((Number) r[20]).longValue(), r));
        }
        return page;
    }

    public long count() {
        return ((Number) em.createNativeQuery("select count(*) from canbao.roster_snapshot").getSingleResult()).longValue();
    }

    /**
     * A page of a comparison's lines of one kind, in row order (cancelled persons by ID number), ID numbers masked;
     * a changed row with what the previous roster said.
     */
    @RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public List<Line> lines(long snapshotId, Change change, int first, int max) {
        Comparison c = comparison(snapshotId);
        List<Line> lines = new ArrayList<>();
        int from = Math.max(first, 0);
        int size = Math.max(1, Math.min(max, 500));
        if (change == Change.CANCELLED) {
            for (Object o : em.createNativeQuery("select id_number, name, subsidy_code from canbao.roster_snapshot_cancel"
                    + " where snapshot_id = ?1 order by id_number").setParameter(1, snapshotId)
                    .setFirstResult(from).setMaxResults(size).getResultList()) {
                Object[] r = (Object[]) o;
                lines.add(new Line(null, IdNumber.mask((String) r[0]), (String) r[1], null, (String) r[2], change.name(), null, null, null, null));
            }
            return lines;
        }
        String where = change == Change.REJECTED ? "r.change_kind is null" : "r.change_kind = ?2";
        jakarta.persistence.Query q = em.createNativeQuery("select r.row_number, r.id_number, r.name, r.region, r.subsidy_code,"
                        + " r.problem, o.name, o.region, o.subsidy_code from canbao.roster_snapshot_row r"
                        + " left join canbao.roster_snapshot_row o on o.snapshot_id = ?3 and o.id_number = r.id_number"
                        + " and o.problem is null and r.change_kind = 'CHANGED'"
                        + " where r.snapshot_id = ?1 and " + where + " order by r.row_number")
                .setParameter(1, snapshotId).setParameter(3, c.previousId() == null ? -1L : c.previousId());
        if (change != Change.REJECTED) {
            q.setParameter(2, change.name());
        }
        for (Object o : q.setFirstResult(from).setMaxResults(size).getResultList()) {
            Object[] r = (Object[]) o;
            String problem = (String) r[5];
            String number = (String) r[1];
            lines.add(new Line(((Number) r[0]).intValue(),
                    Reason.BAD_ID_NUMBER.name().equals(problem) ? number : IdNumber.mask(number), (String) r[2],
                    (String) r[3], (String) r[4], problem == null ? change.name() : Change.REJECTED.name(), problem,
                    (String) r[6], (String) r[7], (String) r[8]));
        }
        return lines;
    }

    /** How many lines of a kind {@link #lines} pages through. */
    @RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public long lineCount(long snapshotId, Change change) {
        Comparison c = comparison(snapshotId);
        Integer n = switch (change) {
            case NEW -> c.newRows();
            case CHANGED -> c.changedRows();
            case UNCHANGED -> c.unchangedRows();
            case CANCELLED -> c.cancelledRows();
            case REJECTED -> c.rejectedRows();
        };
        return n == null ? 0 : n;
    }

    private Object[] lockHeader(long snapshotId) {
        List<?> found = em.createNativeQuery("select state, department, subsidy_code, valid_from, valid_to, previous_id"
                + " from canbao.roster_snapshot where id = ?1 for update").setParameter(1, snapshotId).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("ROSTER_SNAPSHOT_UNKNOWN", "未知的名册比对 " + snapshotId, "unknown roster snapshot " + snapshotId);
        }
        return (Object[]) found.get(0);
    }

    private void requireState(long snapshotId, String state) {
        Object current = em.createNativeQuery("select state from canbao.roster_snapshot where id = ?1")
                .setParameter(1, snapshotId).getSingleResult();
        if (!state.equals(current)) {
            throw new IllegalStateException("roster snapshot " + snapshotId + " is " + current + ", not " + state);
        }
    }

    private Long latestApplied(String department, String code) {
        List<?> found = em.createNativeQuery("select max(id) from canbao.roster_snapshot where department = ?1"
                + " and subsidy_code = ?2 and state = 'APPLIED'").setParameter(1, department).setParameter(2, code).getResultList();
        return found.isEmpty() || found.get(0) == null ? null : ((Number) found.get(0)).longValue();
    }

    private void update(String sql, Object... parameters) {
        jakarta.persistence.Query q = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            q.setParameter(i + 1, parameters[i]);
        }
        q.executeUpdate();
    }

    private List<CatalogueEntry> entries(String code) {
        List<CatalogueEntry> entries = new ArrayList<>();
        policies.list().forEach(s -> policies.policy(s.policyId()).category(code).ifPresent(entries::add));
        return entries;
    }

    static boolean concerns(CatalogueEntry e, String department) {
        return e.concerns(department);
    }

    private static String departments(List<CatalogueEntry> entries) {
        Set<String> names = new java.util.TreeSet<>();
        entries.forEach(e -> {
            if (e.certifyingDepartment() != null) {
                names.add(e.certifyingDepartment());
            }
            if (e.fundingDepartment() != null) {
                names.add(e.fundingDepartment());
            }
        });
        return String.join("、", names);
    }

    private static String identityJson(Object id, Object code, Object from, Object to) {
        return cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder().add("identityId", ((Number) id).longValue())
                .add("code", String.valueOf(code)).add("validFrom", String.valueOf(from))
                .add("validTo", to == null ? "" : String.valueOf(to)).build().toString();
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

    private static Long longOrNull(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    private static Integer intOrNull(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static boolean wellFormed(String number) {
        if (number.length() != 18) {
            return false;
        }
        try {
            IdNumber.of(number);
            return true;
        } catch (IdNumber.InvalidIdNumberException e) {
            return false;
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
