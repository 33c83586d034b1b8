package cn.canbao.taxchannel.boundary;

import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.JobReport;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.UploadedFiles;
import cn.canbao.region.boundary.Regions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Collection files (征收明细) from the tax bureau (DOMAIN.md §7): an upload is checked — its header, and its control line
 * against its lines before anything else — and kept here; the batch job {@code collection-import} takes every line as
 * {@code POST /payments} would ({@link CollectionLines}) and writes the report read by {@link #report(long)}. A file
 * whose control totals do not match is refused whole and nothing of it is kept. A file belongs to the area of the
 * account that sent it; only that area reads it.
 */
@Stateless
@RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
public class Collections {

    /** The batch job that takes a stored collection file (batch/…/collection-import.xml). */
    public static final String JOB = "collection-import";

    /** Largest file taken (bytes): a tax office's day in the December peak is some tens of thousands of lines. */
    public static final int MAX_BYTES = 60 * 1024 * 1024;
    public static final Set<String> FORMATS = Set.of("CSV", "XLSX");

    /** An uploaded file; {@code encoding} as declared by the sender (UTF-8 or GBK), null to detect it. */
    public record Upload(String format, String encoding, String fileName, byte[] content) {
    }

    /** A line with a problem (../shared/spec/API.md): its line number in the file, its transaction id, the code, what is wrong. */
    public record Problem(int line, String transactionId, String code, String detail) {
    }

    /** The report (API.md {@code GET /collections/{id}}) and the job behind it; {@code status} is filled in by the batch boundary. */
    public record Report(long id, String status, long lines, long accepted, long replayed, long rejected,
                         BigDecimal totalAmount, BigDecimal acceptedAmount, String fileName, String encoding,
                         OffsetDateTime uploadedAt, String uploadedBy, Long executionId, String exitStatus)
            implements JobReport<Report> {

        @Override
        public Report withStatus(String batchStatus, String exitStatus) {
            String status = apiStatus(batchStatus);
            if ("COMPLETED".equals(status) && accepted + replayed + rejected < lines) {
                // COMPLETED promises every line's outcome: the job's status has been seen COMPLETED (twice in
                // fourteen 100,000-line bench files) a moment before its last chunk's report lines were readable;
                // until they are, the file is still being taken
                status = "STARTED";
            }
            return new Report(id, status, lines, accepted, replayed, rejected, totalAmount, acceptedAmount,
                    fileName, encoding, uploadedAt, uploadedBy, executionId, exitStatus);
        }

        /** The API's four states: a stopping or stopped job is not done (STARTED / FAILED). */
        private static String apiStatus(String batchStatus) {
            return switch (batchStatus == null ? "STARTING" : batchStatus) {
                case "STARTING", "COMPLETED", "FAILED" -> batchStatus;
                case "STOPPED", "ABANDONED" -> "FAILED";
                default -> "STARTED";
            };
        }
    }

    /** A page of problems and how many there are in all. */
    public record Problems(List<Problem> problems, long total) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Callers callers;

    @Inject
    Regions regions;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * Checks and keeps an upload; returns its id. Refused, with nothing kept: an unreadable file or one without the
     * columns (400), a missing or malformed control line, totals that do not match the lines, an amount that is no
     * number (422: a file whose money cannot be totalled cannot be reconciled).
     */
    public long store(Upload u) {
        List<FieldError> errors = new ArrayList<>(UploadedFiles.fileErrors(u.format(), u.content(), FORMATS, MAX_BYTES));
        Charset charset = null;
        if (u.encoding() != null && !u.encoding().isBlank()) {
            charset = switch (u.encoding().trim().toUpperCase(Locale.ROOT)) {
                case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
                case "GBK", "GB2312", "GB18030" -> Charset.forName("GB18030");
                default -> {
                    errors.add(new FieldError("encoding", "应为 UTF-8 或 GBK / UTF-8 or GBK"));
                    yield null;
                }
            };
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "征收明细文件不完整或格式错误", "incomplete or malformed collection file", errors);
        }
        CollectionFile.Parsed parsed;
        try {
            parsed = CollectionFile.parse(u.format(), u.content(), charset);
        } catch (IllegalArgumentException unreadable) {
            throw ProblemException.badRequest("INVALID_INPUT", "文件无法读取", "unreadable file",
                    List.of(new FieldError("file", "无法读取 / unreadable")));
        }
        if (!parsed.missingColumns().isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "表头缺少列：" + String.join(", ", parsed.missingColumns()),
                    "the header lacks the columns " + String.join(", ", parsed.missingColumns()),
                    List.of(new FieldError("file", "须有列 transactionId,idNumber,name,policyId,tier,amount,channel,paidAt,taxOffice")));
        }
        CollectionFile.Control control = parsed.control();
        if (control == null) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "CONTROL_LINE_MISSING",
                    "文件末行须为控制行 TOTAL,<笔数>,<金额合计>", "the last line must be the control line TOTAL,<lines>,<sum of amounts>",
                    List.of(new FieldError("file", "缺少控制行 / no control line")));
        }
        List<FieldError> mismatch = new ArrayList<>();
        if (control.lines() == null || control.amount() == null) {
            mismatch.add(new FieldError("line " + control.lineNumber(), "控制行的笔数或金额不是数字 / the control line's count or sum is no number"));
        }
        List<Integer> notNumbers = new ArrayList<>();
        BigDecimal sum = parsed.amountSum(notNumbers);
        notNumbers.stream().limit(20).forEach(n -> mismatch.add(new FieldError("line " + n, "金额不是数字 / the amount is no number")));
        if (control.lines() != null && control.lines() != parsed.lines().size()) {
            mismatch.add(new FieldError("lines", "控制行 " + control.lines() + " 笔，文件 " + parsed.lines().size() + " 笔 / the control line declares "
                    + control.lines() + " lines, the file has " + parsed.lines().size()));
        }
        if (control.amount() != null && notNumbers.isEmpty() && control.amount().compareTo(sum) != 0) {
            mismatch.add(new FieldError("amount", "控制行合计 " + control.amount() + " 元，各行合计 " + sum + " 元 / the control line declares "
                    + control.amount() + ", the lines sum to " + sum));
        }
        if (!mismatch.isEmpty()) {
            audit.recordRefusal("COLLECTION_FILE_REFUSED", "collection_file", "-",
                    clip(u.fileName()) + ": " + mismatch.get(0).field() + " " + mismatch.get(0).message());
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "CONTROL_TOTALS_MISMATCH",
                    "控制行与明细不符，整个文件未接收", "the control line does not match the lines; nothing of the file was taken", mismatch);
        }
        long id = insert(u, charset == null ? null : charset.name(), control);
        audit.record("COLLECTION_FILE_UPLOADED", "collection_file", String.valueOf(id), null, null,
                clip(u.fileName()) + " " + u.format() + " " + control.lines() + " lines " + control.amount() + " yuan");
        return id;
    }

    private long insert(Upload u, String encoding, CollectionFile.Control control) {
        java.sql.Connection c = em.unwrap(java.sql.Connection.class);
        try (java.sql.PreparedStatement s = c.prepareStatement("insert into canbao.collection_file (region_code, format,"
                + " encoding, file_name, content, declared_lines, declared_amount, uploaded_by, uploaded_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            s.setString(1, callers.current().getRegionCode());
            s.setString(2, u.format());
            s.setString(3, encoding);
            s.setString(4, clip(u.fileName()));
            s.setBytes(5, u.content());
            s.setInt(6, control.lines());
            s.setBigDecimal(7, control.amount());
            s.setString(8, audit.currentActor());
            s.setObject(9, OffsetDateTime.now(clock));
            s.executeUpdate();
            try (java.sql.ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("collection file not stored: " + e.getMessage(), e);
        }
    }

    /** Takes back a file whose job was refused at its start, so that no file waits for a job that never comes. */
    public void discard(long id, String why) {
        int removed = em.createNativeQuery("delete from canbao.collection_file where id = ?1 and job_execution_id is null")
                .setParameter(1, id).executeUpdate();
        if (removed > 0) {
            audit.record("COLLECTION_FILE_DISCARDED", "collection_file", String.valueOf(id), null, null, why);
        }
    }

    @RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION, Roles.OPERATOR})
    public void attachExecution(long id, long executionId) {
        em.createNativeQuery("update canbao.collection_file set job_execution_id = ?1 where id = ?2")
                .setParameter(1, executionId).setParameter(2, id).executeUpdate();
    }

    /** The report so far (the job may still run). 404 for a file of another area as for one that does not exist. */
    @RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION, Roles.OPERATOR})
    public Report report(long id) {
        Object[] h = header(id);
        long accepted = 0;
        long replayed = 0;
        long rejected = 0;
        BigDecimal acceptedAmount = BigDecimal.ZERO.setScale(2);
        for (Object o : em.createNativeQuery("select outcome, count(*), coalesce(sum(amount), 0) from canbao.collection_line"
                + " where collection_id = ?1 group by outcome").setParameter(1, id).getResultList()) {
            Object[] r = (Object[]) o;
            long n = ((Number) r[1]).longValue();
            switch ((String) r[0]) {
                case "ACCEPTED" -> {
                    accepted = n;
                    acceptedAmount = new BigDecimal(r[2].toString()).setScale(2);
                }
                case "REPLAYED" -> replayed = n;
                default -> rejected = n;
            }
        }
        return new Report(id, null, ((Number) h[0]).longValue(), accepted, replayed, rejected,
                new BigDecimal(h[1].toString()).setScale(2), acceptedAmount, (String) h[2], (String) h[3],
                cn.canbao.platform.boundary.NativeValues.offsetDateTime(h[4]), (String) h[5],
                h[6] == null ? null : ((Number) h[6]).longValue(), null);
    }

    /** The lines with a problem, in line order, a page at a time. */
    @RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION, Roles.OPERATOR})
    public Problems problems(long id, int first, int max) {
        header(id);
        List<Problem> page = new ArrayList<>();
        for (Object o : em.createNativeQuery("select line_number, transaction_id, code, detail from canbao.collection_line"
                        + " where collection_id = ?1 and outcome = 'REJECTED' order by line_number")
                .setParameter(1, id).setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, max)).getResultList()) {
            Object[] r = (Object[]) o;
            page.add(new Problem(((Number) r[0]).intValue(), (String) r[1], (String) r[2], (String) r[3]));
        }
        long total = ((Number) em.createNativeQuery("select count(*) from canbao.collection_line where collection_id = ?1"
                + " and outcome = 'REJECTED'").setParameter(1, id).getSingleResult()).longValue();
        return new Problems(page, total);
    }

    private Object[] header(long id) {
        List<?> found = em.createNativeQuery("select declared_lines, declared_amount, file_name, encoding, uploaded_at,"
                + " uploaded_by, job_execution_id, region_code from canbao.collection_file where id = ?1").setParameter(1, id).getResultList();
        if (found.isEmpty() || !regions.callerMaySee((String) ((Object[]) found.get(0))[7])) {
            throw ProblemException.notFound("COLLECTION_UNKNOWN", "未知的征收明细文件 " + id, "unknown collection file " + id);
        }
        return (Object[]) found.get(0);
    }

    private static String clip(String fileName) {
        return fileName == null ? "" : fileName.length() > 200 ? fileName.substring(0, 200) : fileName;
    }
}
