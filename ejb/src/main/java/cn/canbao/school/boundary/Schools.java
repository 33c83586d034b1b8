package cn.canbao.school.boundary;

import cn.canbao.collection.boundary.Payments;
import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ChunkJdbc;
import cn.canbao.platform.boundary.NativeValues;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.SpreadsheetTable;
import cn.canbao.platform.boundary.UploadedFiles;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import cn.canbao.subsidy.entity.SubsidyIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Schools and colleges as collection points (DOMAIN.md §9). A school (or college) is registered in the caller's area;
 * its pupil file for a policy — ID number, name, class, household village, and for a college whether the student is
 * from a family in difficulty (家庭经济困难, code 108) — is taken all rows or none: every row checked first (errors
 * by row, nothing changed), then new persons registered, every pupil enrolled and listed, poor students given the
 * college's 108 identity, in one transaction. The school's collection is recorded as payments with channel SCHOOL
 * (idempotent by the school's reference), and progress is counted per school.
 * <p>
 * The file runs in the caller's transaction rather than as a batch job: a school's or college's list is bounded
 * ({@link #MAX_ROWS}), must be all or nothing, and is checked against the uploader's area and roles, which a job's
 * thread does not carry (docs/decisions.md).
 */
@Stateless
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER})
public class Schools {

    public static final int MAX_ROWS = 20_000;
    public static final int MAX_BYTES = 8 * 1024 * 1024;
    static final String POOR_CODE = "108";

    public enum Kind { SCHOOL, COLLEGE }

    public record School(String code, String name, String kind, String regionCode, String regionName) {
    }

    public record NewSchool(String code, String name, String kind, String regionCode) {
    }

    /** What a pupil file did. */
    public record Imported(long uploadId, String schoolCode, String policyId, int rows, int newPersons, int registered,
                           int alreadyEnrolled, int listed, int markedPoor) {
    }

    /** A pupil of a school's list with where they stand; the ID number masked. */
    public record Pupil(String idNumber, String name, String className, String status, boolean poor) {
    }

    /** A school's progress in a policy. */
    public record Progress(String schoolCode, String schoolName, String kind, String regionCode, long pupils,
                           long enrolled, long paid, BigDecimal rate) {
    }

    /** A school's collection recorded: payments made, replayed (same reference again), refused with the reason. */
    public record Collected(String schoolCode, String policyId, String reference, int paid, int replayed,
                            int alreadyPaid, BigDecimal amount, List<Refused> refused) {
    }

    public record Refused(String idNumber, String code, String message) {
    }

    /** A row of a pupil file as read. */
    record PupilRow(int row, String idNumber, String name, String className, String village, String poor) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Regions regions;

    @Inject
    Persons persons;

    @Inject
    Enrollments enrollments;

    @Inject
    Payments payments;

    @Inject
    Policies policies;

    @Inject
    Callers callers;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Registers a school or college in the caller's area: 400 malformed, 422 region unknown or outside, 409 code taken. */
    public School create(NewSchool s) {
        List<FieldError> errors = new ArrayList<>();
        String code = s == null || s.code() == null ? "" : s.code().trim().toUpperCase(Locale.ROOT);
        if (!code.matches("[0-9A-Z-]{2,20}")) {
            errors.add(new FieldError("code", "2-20位数字、大写字母或- / 2-20 digits, capitals or -"));
        }
        String name = s == null || s.name() == null ? "" : s.name().trim();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", "必填，至多100字 / required, at most 100 characters"));
        }
        Kind kind = kind(s == null ? null : s.kind());
        if (kind == null) {
            errors.add(new FieldError("kind", "SCHOOL | COLLEGE"));
        }
        String regionCode = s == null || s.regionCode() == null ? "" : s.regionCode().trim();
        if (regionCode.isEmpty()) {
            errors.add(new FieldError("regionCode", "必填 / required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "学校信息不完整或格式错误", "incomplete or malformed school", errors);
        }
        Region region = regions.find(regionCode).orElse(null);
        if (region == null || !regions.callerMaySee(regionCode)) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "REGION_UNKNOWN",
                    "辖区内没有区划 " + regionCode, "no region " + regionCode + " in your area",
                    List.of(new FieldError("regionCode", "未知或不在辖区 / unknown or outside your area")));
        }
        if (row(code) != null) {
            throw new ProblemException(ProblemException.Kind.CONFLICT, "SCHOOL_EXISTS", "学校代码 " + code + " 已存在",
                    "school code " + code + " exists", List.of(new FieldError("code", "已存在 / exists")));
        }
        em.createNativeQuery("insert into canbao.school (code, name, kind, region_code, created_by, created_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, code).setParameter(2, name).setParameter(3, kind.name()).setParameter(4, regionCode)
                .setParameter(5, audit.currentActor()).setParameter(6, OffsetDateTime.now(clock)).executeUpdate();
        audit.record("SCHOOL_CREATED", "school", code, null, null, kind + " " + name + " " + regionCode);
        return new School(code, name, kind.name(), regionCode, region.getName());
    }

    /** The schools at or under a region of the caller's area (default: the caller's region), by code, a page at a time. */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
    public List<School> list(String regionCode, int first, int max) {
        String area = area(regionCode);
        List<School> list = new ArrayList<>();
        for (Object o : em.createNativeQuery("select s.code, s.name, s.kind, s.region_code from canbao.school s"
                        + " where s.region_code like ?1 order by s.code").setParameter(1, area + "%")
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(max, 500))).getResultList()) {
            Object[] r = (Object[]) o;
            list.add(new School((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    regions.find((String) r[3]).map(Region::getName).orElse("")));
        }
        return list;
    }

    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
    public long count(String regionCode) {
        return ((Number) em.createNativeQuery("select count(*) from canbao.school where region_code like ?1")
                .setParameter(1, area(regionCode) + "%").getSingleResult()).longValue();
    }

    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
    public School school(String code) {
        Object[] row = code == null ? null : row(code.trim().toUpperCase(Locale.ROOT));
        if (row == null || !regions.callerMaySee((String) row[3])) {
            throw ProblemException.notFound("SCHOOL_UNKNOWN", "辖区内没有学校 " + code, "no school " + code + " in your area");
        }
        return new School((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                regions.find((String) row[3]).map(Region::getName).orElse(""));
    }

    /**
     * A school's pupil file for a policy, all rows or none. Refused with every bad row ({@code row N}, 422): malformed
     * number, no name, a number twice, a name that differs from the record, a resident outside the caller's area, a new
     * pupil without a village of the area, a pupil already on another school's list, a resident who cannot enroll
     * (employee insured, deceased, outside the policy's region), "poor" at a school (colleges only) or in a policy
     * without code 108.
     */
    public Imported importPupils(String schoolCode, String policyId, String format, String fileName, byte[] content) {
        School school = school(schoolCode);
        if (policyId == null || policyId.isBlank()) {
            throw ProblemException.badRequest("INVALID_INPUT", "须指定年度政策", "policyId is required",
                    List.of(new FieldError("policyId", "必填 / required")));
        }
        Policy policy = policies.policy(policyId.trim());
        List<FieldError> fileErrors = UploadedFiles.fileErrors(format, content, java.util.Set.of("CSV", "XLSX"), MAX_BYTES);
        if (!fileErrors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "学生名单文件有误", "bad pupil file", fileErrors);
        }
        List<PupilRow> rows = read(format, content);
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "学生名单没有数据行", "the pupil file has no rows",
                    List.of(new FieldError("file", "空 / empty")));
        }
        if (rows.size() > MAX_ROWS) {
            throw ProblemException.unprocessable("TOO_MANY_ROWS", "学生名单至多 " + MAX_ROWS + " 行", "at most " + MAX_ROWS + " rows");
        }
        boolean college = Kind.COLLEGE.name().equals(school.kind());
        CatalogueEntry poorEntry = policy.category(POOR_CODE).orElse(null);
        ResidentType type = college ? ResidentType.COLLEGE_STUDENT : ResidentType.PUPIL;
        Map<String, String> otherSchool = new HashMap<>();
        for (Object o : em.createNativeQuery("select p.id_number, s.school_code from canbao.school_pupil s"
                + " join canbao.person p on p.id = s.person_id where s.policy_id = ?1 and s.school_code <> ?2")
                .setParameter(1, policy.policyId()).setParameter(2, school.code()).getResultList()) {
            Object[] r = (Object[]) o;
            otherSchool.put((String) r[0], (String) r[1]);
        }
        // every row checked before anything is written
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Object[]> plan = new ArrayList<>();     // {row, IdNumber, Person or null, village}
        for (PupilRow row : rows) {
            String at = "row " + row.row();
            IdNumber id;
            try {
                id = IdNumber.of(row.idNumber() == null ? "" : row.idNumber().trim());
            } catch (IdNumber.InvalidIdNumberException e) {
                errors.add(new FieldError(at, "BAD_ID_NUMBER: 身份证号码无效 / invalid ID number"));
                continue;
            }
            String name = row.name() == null ? "" : row.name().trim();
            if (name.isEmpty()) {
                errors.add(new FieldError(at, "NAME_MISSING: 缺少姓名 / name missing"));
                continue;
            }
            if (!seen.add(id.value())) {
                errors.add(new FieldError(at, "DUPLICATE_IN_FILE: 前面的行已有此号码 / the number is on an earlier row"));
                continue;
            }
            if (otherSchool.containsKey(id.value())) {
                errors.add(new FieldError(at, "PUPIL_OF_OTHER_SCHOOL: 已在学校 " + otherSchool.get(id.value()) + " 的名单中 / on school "
                        + otherSchool.get(id.value()) + "'s list"));
                continue;
            }
            boolean poor = yes(row.poor());
            if (poor && !college) {
                errors.add(new FieldError(at, "POOR_ONLY_FOR_COLLEGES: 家庭经济困难学生（108）由高校认定 / only colleges mark code 108"));
                continue;
            }
            if (poor && poorEntry == null) {
                errors.add(new FieldError(at, "CATEGORY_NOT_IN_POLICY: " + policy.policyId() + " 的资助目录没有108 / no code 108 in the policy"));
                continue;
            }
            Person person = persons.find(id).orElse(null);
            String village = row.village() == null || row.village().isBlank() ? school.regionCode() : row.village().trim();
            if (person != null) {
                if (!persons.callerMaySee(person)) {
                    errors.add(new FieldError(at, "OUTSIDE_AREA: 参保人不在本账号辖区 / the resident is outside your area"));
                    continue;
                }
                if (!person.getName().equals(name)) {
                    errors.add(new FieldError(at, "NAME_MISMATCH: 姓名与登记不符 / the record names this number differently"));
                    continue;
                }
                ProblemException refusal = enrollments.refusalForPayment(person, policy, 1);
                if (refusal != null) {
                    errors.add(new FieldError(at, refusal.code() + ": " + refusal.getMessage()));
                    continue;
                }
            } else {
                Region region = regions.find(village).orElse(null);
                if (region == null || region.getLevel() != RegionLevel.VILLAGE || !regions.callerMaySee(village)
                        || !regions.isWithin(village, policy.regionCode())) {
                    errors.add(new FieldError(at, "VILLAGE_REQUIRED: 新登记学生须填写本辖区、本统筹区内的户籍村（社区）代码 / a new pupil needs a village"
                            + " of your area in the policy's region"));
                    continue;
                }
            }
            plan.add(new Object[] {row, id, person, village, poor});
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "PUPIL_FILE_REFUSED",
                    "学生名单有 " + errors.size() + " 行有误，未导入任何数据", "the pupil file has " + errors.size()
                    + " bad row(s); nothing was imported", errors.size() > 500 ? errors.subList(0, 500) : errors);
        }
        // applied: persons, enrollments, the list, the 108 identities — one transaction
        String actor = audit.currentActor();
        OffsetDateTime now = OffsetDateTime.now(clock);
        long uploadId = insertUpload(school.code(), policy.policyId(), fileName, rows.size(), actor, now);
        int newPersons = 0;
        int registered = 0;
        int already = 0;
        int listed = 0;
        int marked = 0;
        List<SubsidyIdentities.NewIdentity> identities = new ArrayList<>();
        java.util.function.LongSupplier ids = ChunkJdbc.ids(em, SubsidyIdentity.class);
        for (Object[] p : plan) {
            PupilRow row = (PupilRow) p[0];
            IdNumber id = (IdNumber) p[1];
            Person person = (Person) p[2];
            if (person == null) {
                person = persons.register(new Persons.Registration(id.value(), row.name().trim(), null, (String) p[3], null,
                        type.name(), null));
                newPersons++;
            }
            final Person pupil = person;
            boolean enrolled = enrollments.of(pupil).stream().anyMatch(r -> r.enrollment().getInsuranceYear() == policy.insuranceYear()
                    && !r.enrollment().isCancelled() && r.status() != EnrollmentStatus.REFUNDED);
            if (enrolled) {
                already++;
            } else {
                enrollments.enroll(id.value(), policy.policyId(), 1);
                registered++;
            }
            int added = em.createNativeQuery("insert into canbao.school_pupil (school_code, policy_id, person_id, class_name,"
                            + " upload_id, added_by, added_at) select ?1, ?2, ?3, ?4, ?5, ?6, ?7 where not exists (select 1 from"
                            + " canbao.school_pupil where school_code = ?1 and policy_id = ?2 and person_id = ?3)")
                    .setParameter(1, school.code()).setParameter(2, policy.policyId()).setParameter(3, pupil.getId())
                    .setParameter(4, cut(row.className(), 50)).setParameter(5, uploadId).setParameter(6, actor)
                    .setParameter(7, now).executeUpdate();
            listed += added;
            if ((Boolean) p[4]) {
                LocalDate from = poorEntry.validFrom() == null ? policy.yearStart() : poorEntry.validFrom();
                LocalDate to = poorEntry.validTo();
                try {
                    boolean holds = SubsidyIdentities.held(ChunkJdbc.connection(em), List.of(pupil.getId()))
                            .getOrDefault(pupil.getId(), List.of()).stream()
                            .anyMatch(h -> h.code().equals(POOR_CODE) && !h.validFrom().isAfter(from)
                                    && (h.validTo() == null || (to != null && !h.validTo().isBefore(to))));
                    if (!holds) {
                        identities.add(new SubsidyIdentities.NewIdentity(ids.getAsLong(), pupil.getId(), POOR_CODE, school.name(),
                                from, to, SubsidyIdentity.Source.ROSTER, "school " + school.code() + " upload " + uploadId
                                + " row " + row.row(), actor, now));
                        marked++;
                    }
                } catch (SQLException e) {
                    throw ChunkJdbc.failed("pupil file of " + school.code(), e);
                }
            }
        }
        try {
            SubsidyIdentities.insert(ChunkJdbc.connection(em), identities);
        } catch (SQLException e) {
            throw ChunkJdbc.failed("pupil file of " + school.code() + ", identities", e);
        }
        em.createNativeQuery("update canbao.school_upload set new_persons = ?2, registered = ?3, already_enrolled = ?4,"
                        + " listed = ?5, marked_poor = ?6 where id = ?1")
                .setParameter(1, uploadId).setParameter(2, newPersons).setParameter(3, registered).setParameter(4, already)
                .setParameter(5, listed).setParameter(6, marked).executeUpdate();
        audit.record("SCHOOL_PUPILS_IMPORTED", "school", school.code(), null, null, policy.policyId() + " " + rows.size()
                + " row(s): " + newPersons + " new persons, " + registered + " registered, " + already + " already enrolled, "
                + listed + " listed, " + marked + " marked 108");
        return new Imported(uploadId, school.code(), policy.policyId(), rows.size(), newPersons, registered, already, listed, marked);
    }

    /**
     * The school's pupils of a policy with where each stands (registered, paid, …), by name, a page at a time; the ID
     * numbers masked.
     */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
    public List<Pupil> pupils(String schoolCode, String policyId, int first, int max) {
        School school = school(schoolCode);
        Policy policy = policies.policy(policyId);
        List<Pupil> list = new ArrayList<>();
        for (Object o : em.createNativeQuery("select p.id_number, p.name, s.class_name, e.status, (select count(*) from"
                        + " canbao.subsidy_identity i where i.person_id = p.id and i.code = '108') from canbao.school_pupil s"
                        + " join canbao.person p on p.id = s.person_id left join canbao.enrollment e on e.person_id = p.id"
                        + " and e.insurance_year = ?3 where s.school_code = ?1 and s.policy_id = ?2 order by s.class_name, p.name, p.id")
                .setParameter(1, school.code()).setParameter(2, policy.policyId()).setParameter(3, policy.insuranceYear())
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(max, 500))).getResultList()) {
            Object[] r = (Object[]) o;
            list.add(new Pupil(IdNumber.mask((String) r[0]), (String) r[1], (String) r[2], r[3] == null ? null : (String) r[3],
                    ((Number) r[4]).longValue() > 0));
        }
        return list;
    }

    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
    public long pupilCount(String schoolCode, String policyId) {
        School school = school(schoolCode);
        return ((Number) em.createNativeQuery("select count(*) from canbao.school_pupil where school_code = ?1 and policy_id = ?2")
                .setParameter(1, school.code()).setParameter(2, policyId).getSingleResult()).longValue();
    }

    /**
     * The school's collection for a policy (学校代收): each listed pupil whose enrollment is not yet paid — or only those
     * named — pays what the quote says today through the payment boundary with channel SCHOOL, under the transaction id
     * {@code SCHOOL-<code>-<reference>-<ID number>}: the same reference again replays, never pays twice.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Collected collect(String schoolCode, String policyId, String reference, OffsetDateTime paidAt, List<String> only) {
        School school = school(schoolCode);
        List<FieldError> errors = new ArrayList<>();
        if (policyId == null || policyId.isBlank()) {
            errors.add(new FieldError("policyId", "必填 / required"));
        }
        String ref = reference == null ? "" : reference.trim();
        if (!ref.matches("[0-9A-Za-z-]{1,24}")) {
            errors.add(new FieldError("reference", "1-24位字母、数字或- / 1-24 letters, digits or -"));
        }
        if (paidAt == null) {
            errors.add(new FieldError("paidAt", "必填 ISO-8601 / required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "学校代收信息不完整", "incomplete school collection", errors);
        }
        Policy policy = policies.policy(policyId.trim());
        Set<String> named = only == null ? null : new HashSet<>(only.stream().map(s -> s == null ? "" : s.trim().toUpperCase(Locale.ROOT)).toList());
        List<Payments.Submission> submissions = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (Object o : em.createNativeQuery("select p.id_number from canbao.school_pupil s join canbao.person p on p.id = s.person_id"
                        + " where s.school_code = ?1 and s.policy_id = ?2 order by p.id_number")
                .setParameter(1, school.code()).setParameter(2, policy.policyId()).getResultList()) {
            String idNumber = (String) o;
            if (named != null && !named.remove(idNumber)) {
                continue;
            }
            Person person = persons.byIdNumber(idNumber);
            Policies.QuoteOutcome due = enrollments.quote(person, policy.policyId(), 1);
            String tx = "SCHOOL-" + school.code() + "-" + ref + "-" + idNumber;
            if (due.refused()) {
                refused.add(new Refused(IdNumber.mask(idNumber), due.refusal().name(), due.messageZh() + " / " + due.messageEn()));
                continue;
            }
            submissions.add(new Payments.Submission(tx, idNumber, policy.policyId(), 1, due.quote().personalAmount(), "SCHOOL", paidAt));
        }
        if (named != null) {
            named.forEach(n -> refused.add(new Refused(IdNumber.mask(n), "NOT_ON_LIST", "不在该校学生名单中 / not on the school's list")));
        }
        int paid = 0;
        int replayed = 0;
        int paidElsewhere = 0;
        BigDecimal amount = BigDecimal.ZERO.setScale(2);
        List<Payments.Taken> taken = submissions.isEmpty() ? List.of() : payments.payAll(submissions);
        for (int i = 0; i < taken.size(); i++) {
            Payments.Taken t = taken.get(i);
            if (t.refusal() instanceof ProblemException p && "ALREADY_PAID".equals(p.code())) {
                paidElsewhere++;    // paid through another channel or another collection: nothing to collect
            } else if (t.refusal() != null) {
                String code = t.refusal() instanceof ProblemException p ? p.code() : "REFUSED";
                refused.add(new Refused(IdNumber.mask(submissions.get(i).idNumber()), code, t.refusal().getMessage()));
            } else if (t.outcome().created()) {
                paid++;
                amount = amount.add(t.outcome().payment().getAmount());
            } else {
                replayed++;
            }
        }
        audit.record("SCHOOL_COLLECTED", "school", school.code(), null, null, policy.policyId() + " reference " + ref + ": "
                + paid + " paid (" + amount.toPlainString() + "), " + replayed + " replayed, " + paidElsewhere + " paid before, "
                + refused.size() + " refused");
        return new Collected(school.code(), policy.policyId(), ref, paid, replayed, paidElsewhere, amount, refused);
    }

    /**
     * Progress per school in a policy (在校学生缴费参保率): pupils listed, enrolled (not cancelled or refunded), paid (a
     * payment no reversal took back), rate = paid / pupils in percent with 2 decimals; schools at or under the region.
     */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
    public List<Progress> progress(String policyId, String regionCode, int first, int max) {
        Policy policy = policies.policy(policyId);
        String area = area(regionCode);
        List<Progress> list = new ArrayList<>();
        for (Object o : em.createNativeQuery("select s.code, s.name, s.kind, s.region_code,"
                        + " (select count(*) from canbao.school_pupil sp where sp.school_code = s.code and sp.policy_id = ?1),"
                        + " (select count(*) from canbao.school_pupil sp join canbao.enrollment e on e.person_id = sp.person_id"
                        + "   and e.policy_id = ?1 and e.status not in ('CANCELLED', 'REFUNDED')"
                        + "   where sp.school_code = s.code and sp.policy_id = ?1),"
                        + " (select count(*) from canbao.school_pupil sp where sp.school_code = s.code and sp.policy_id = ?1"
                        + "   and exists (select 1 from canbao.enrollment pe join canbao.payment x on x.enrollment_id = pe.id"
                        + "   where pe.person_id = sp.person_id and pe.policy_id = ?1 and x.kind = 'PAYMENT'"
                        + "   and not exists (select 1 from canbao.payment r where r.reverses_id = x.id)))"
                        + " from canbao.school s where s.region_code like ?2 order by s.code")
                .setParameter(1, policy.policyId()).setParameter(2, area + "%")
                .setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(max, 500))).getResultList()) {
            Object[] r = (Object[]) o;
            long pupils = ((Number) r[4]).longValue();
            long paid = ((Number) r[6]).longValue();
            BigDecimal rate = pupils == 0 ? BigDecimal.ZERO.setScale(2)
                    : BigDecimal.valueOf(paid * 100).divide(BigDecimal.valueOf(pupils), 2, RoundingMode.HALF_UP);
            list.add(new Progress((String) r[0], (String) r[1], (String) r[2], (String) r[3], pupils, ((Number) r[5]).longValue(),
                    paid, rate));
        }
        return list;
    }

    private Object[] row(String code) {
        List<?> found = em.createNativeQuery("select code, name, kind, region_code from canbao.school where code = ?1")
                .setParameter(1, code).getResultList();
        return found.isEmpty() ? null : (Object[]) found.get(0);
    }

    private String area(String regionCode) {
        String code = regionCode == null || regionCode.isBlank() ? callers.current().getRegionCode() : regionCode.trim();
        if (regions.find(code).isEmpty() || !regions.callerMaySee(code)) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "无权查看辖区 " + code, "region " + code + " is outside your area");
        }
        return code;
    }

    private long insertUpload(String school, String policyId, String fileName, int rows, String actor, OffsetDateTime now) {
        try (java.sql.PreparedStatement s = ChunkJdbc.connection(em).prepareStatement("insert into canbao.school_upload"
                + " (school_code, policy_id, file_name, rows_read, new_persons, registered, already_enrolled, listed, marked_poor,"
                + " uploaded_by, uploaded_at) values (?, ?, ?, ?, 0, 0, 0, 0, 0, ?, ?)", new String[] {"id"})) {
            s.setString(1, school);
            s.setString(2, policyId);
            s.setString(3, cut(fileName, 200));
            s.setInt(4, rows);
            s.setString(5, actor);
            s.setObject(6, now);
            s.executeUpdate();
            try (java.sql.ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw ChunkJdbc.failed("school upload not stored", e);
        }
    }

    static List<PupilRow> read(String format, byte[] content) {
        SpreadsheetTable table = SpreadsheetTable.upload(format, content, "pupil file");
        if (table.isEmpty()) {
            return List.of();
        }
        int id = table.column(List.of("idnumber", "id_number", "身份证号", "身份证号码", "公民身份号码"));
        int name = table.column(List.of("name", "姓名"));
        if (id < 0 || name < 0) {
            throw ProblemException.badRequest("INVALID_INPUT", "学生名单须有“身份证号”和“姓名”列",
                    "the pupil file needs the columns idNumber and name",
                    List.of(new FieldError("file", "缺少列 idNumber/name / columns idNumber, name missing")));
        }
        int className = table.column(List.of("class", "classname", "班级", "年级班级"));
        int village = table.column(List.of("householdregioncode", "village", "户籍村（社区）代码", "户籍地区划代码", "户籍地"));
        int poor = table.column(List.of("poor", "困难学生", "家庭经济困难", "家庭经济困难学生"));
        List<PupilRow> rows = new ArrayList<>();
        table.rows().forEach((number, c) -> rows.add(new PupilRow(number, SpreadsheetTable.cell(c, id), SpreadsheetTable.cell(c, name),
                SpreadsheetTable.cell(c, className), SpreadsheetTable.cell(c, village), SpreadsheetTable.cell(c, poor))));
        return rows;
    }

    private static boolean yes(String text) {
        if (text == null) {
            return false;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.equals("是") || t.equals("y") || t.equals("yes") || t.equals("1") || t.equals("true") || t.equals("108");
    }

    private static Kind kind(String text) {
        try {
            return text == null ? null : Kind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t.length() <= max ? t : t.substring(0, max);
    }
}
