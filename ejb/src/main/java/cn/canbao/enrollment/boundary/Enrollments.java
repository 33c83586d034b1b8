package cn.canbao.enrollment.boundary;

import cn.canbao.platform.boundary.ChunkJdbc;

import cn.canbao.platform.boundary.NativeValues;
import java.util.Map;
import java.util.HashMap;
import jakarta.annotation.security.PermitAll;
import cn.canbao.subsidy.boundary.PersonQuotes;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.enrollment.entity.ContactOutcome;
import cn.canbao.enrollment.entity.NonEnrollment;
import cn.canbao.enrollment.entity.NonEnrollmentReason;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.LostRace;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Constraints;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.QuoteRefusedException;
import cn.canbao.region.boundary.Regions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Enrollments (参保登记) of persons in campaign years, and the recorded reasons why someone does not enroll. The
 * status model is in docs/enrollment-status.md.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX,
        Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATION})
public class Enrollments {

    /** An enrollment as read on a day: its status and what is due that day (null when nothing can be paid then). */
    public record Reading(Enrollment enrollment, Person person, EnrollmentStatus status, BigDecimal amountDue,
                          String amountDueNote) {
    }

    /** Quote refusals that still allow registration: payment is simply not possible yet (or in this gap). */
    private static final Set<QuoteRefusedException.Code> REGISTER_WITHOUT_AMOUNT = Set.of(
            QuoteRefusedException.Code.NOT_YET_OPEN, QuoteRefusedException.Code.WINDOW_CLOSED);

    /** A line of a village's unpaid list: the person and their REGISTERED enrollment, or none yet for the year. */
    public record Unpaid(Person person, Enrollment enrollment) {
    }

    /**
     * What a clerk narrows the unpaid list to: a name's beginning or a whole ID number ({@code text}, blank for all),
     * and only those nobody has contacted yet for the year.
     */
    public record UnpaidFilter(String text, boolean notContacted, UnpaidStatus status, ContactOutcome lastOutcome)
            implements java.io.Serializable {
        public static final UnpaidFilter NONE = new UnpaidFilter(null, false);

        public UnpaidFilter(String text, boolean notContacted) {
            this(text, notContacted, null, null);
        }

        boolean hasText() {
            return text != null && !text.isBlank();
        }
    }

    /** Which of the unpaid a list shows: never registered this year, or registered and not paid. */
    public enum UnpaidStatus { UNREGISTERED, REGISTERED }

    /** A page of the unpaid list and how many lines it has in all. */
    public record UnpaidPage(List<Unpaid> lines, long total) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Persons persons;

    @Inject
    Policies policies;

    @Inject
    PersonQuotes quotes;

    @Inject
    InsuranceHistories histories;

    @Inject
    Regions regions;

    @Inject
    AuditLog audit;

    @Inject
    cn.canbao.platform.boundary.ChangeFeed changeFeed;

    @Inject
    Clock clock;

    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
    public Reading enroll(String idNumber, String policyId, Integer tier) {
        List<FieldError> errors = new ArrayList<>();
        if (idNumber == null || idNumber.isBlank()) {
            errors.add(new FieldError("idNumber", "必填 / required"));
        }
        if (policyId == null || policyId.isBlank()) {
            errors.add(new FieldError("policyId", "必填 / required"));
        }
        if (tier == null) {
            errors.add(new FieldError("tier", "必填 / required"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "参保登记信息不完整", "incomplete enrollment", errors);
        }
        Person person = persons.byIdNumber(idNumber);
        Policy policy = policies.policy(policyId.trim());
        requireEnrollable(person, policy, tier);
        LocalDate today = LocalDate.now(clock);
        Policies.QuoteOutcome due = policies.tryQuote(policy, histories.withHistory(policy, person,
                quotes.request(person, tier, today)));
        if (due.refused() && !REGISTER_WITHOUT_AMOUNT.contains(due.refusal())) {
            throw ProblemException.unprocessable(due.refusal().name(), due.messageZh(), due.messageEn());
        }
        BigDecimal amountDue = due.refused() ? null : due.quote().personalAmount();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String actor = audit.currentActor();
        Optional<Enrollment> existing = ofYear(person, policy.insuranceYear());
        Enrollment enrollment;
        String before = null;
        if (existing.isPresent()) {
            enrollment = existing.get();
            if (!enrollment.isCancelled()) {
                throw new ProblemException(ProblemException.Kind.CONFLICT, "ALREADY_ENROLLED",
                        "参保人 " + person.maskedIdNumber() + " 已登记" + policy.insuranceYear() + "年度参保（" + enrollment.getPolicyId() + "，"
                                + enrollment.getStatus() + "）",
                        "person " + person.maskedIdNumber() + " is already enrolled for " + policy.insuranceYear(),
                        List.of(new FieldError("idNumber", "已参保 / already enrolled")));
            }
            before = auditJson(enrollment);
            enrollment.reopen(policy.policyId(), tier, person.getHouseholdRegionCode(), amountDue, now, actor);
        } else {
            enrollment = new Enrollment(person.getId(), policy.policyId(), policy.insuranceYear(), tier,
                    person.getHouseholdRegionCode(), amountDue, now, actor);
            em.persist(enrollment);
        }
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (Constraints.isUniqueViolation(e, null) || Constraints.isTransient(e)) {
                throw ProblemException.conflict("ALREADY_ENROLLED", "该参保人本年度已登记（并发登记）",
                        "the person was enrolled for this year meanwhile");
            }
            throw e;
        }
        changeFeed.record(policy.policyId(), person.getId(), cn.canbao.platform.boundary.ChangeFeed.Change.REGISTERED);
        audit.record(before == null ? "ENROLLMENT_REGISTERED" : "ENROLLMENT_REOPENED", "enrollment",
                String.valueOf(enrollment.getId()), before, auditJson(enrollment), person.maskedIdNumber());
        return new Reading(enrollment, person, enrollment.statusOn(today), amountDue,
                due.refused() ? due.messageZh() + " / " + due.messageEn() : null);
    }

    /**
     * Cancels a registration that was not paid (取消参保登记: registered by mistake, moved away, enrolled elsewhere),
     * with the reason in the audit and the tax bureau's feed told; a paid enrollment is refunded, never cancelled
     * (409 ALREADY_PAID). The person may be registered again later (the enrollment reopens).
     */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public Reading cancel(String idNumber, String policyId, String reason) {
        List<FieldError> errors = new ArrayList<>();
        if (policyId == null || policyId.isBlank()) {
            errors.add(new FieldError("policyId", "必填 / required"));
        }
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "必填 / required"));
        } else if (reason.trim().length() > 200 || reason.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            errors.add(new FieldError("reason", "至多 200 字 / at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "取消登记须说明原因", "a cancellation needs a reason", errors);
        }
        Person person = persons.byIdNumber(idNumber);
        Policy policy = policies.policy(policyId.trim());
        Enrollment enrollment = ofYear(person, policy.insuranceYear()).filter(e -> e.getPolicyId().equals(policy.policyId()))
                .orElseThrow(() -> ProblemException.notFound("NOT_ENROLLED", "参保人 " + person.maskedIdNumber() + " 未登记 "
                        + policy.policyId(), "person " + person.maskedIdNumber() + " is not enrolled in " + policy.policyId()));
        if (enrollment.isPaid()) {
            throw ProblemException.conflict("ALREADY_PAID", "已缴费的参保登记不能取消，请办理退费",
                    "a paid enrollment is refunded, not cancelled");
        }
        if (enrollment.getStatus() != EnrollmentStatus.REGISTERED) {
            throw ProblemException.conflict("NOT_CANCELLABLE", "该参保登记状态为 " + enrollment.getStatus() + "，不能取消",
                    "an enrollment in state " + enrollment.getStatus() + " cannot be cancelled");
        }
        String before = auditJson(enrollment);
        enrollment.cancel();
        em.flush();
        changeFeed.record(policy.policyId(), person.getId(), cn.canbao.platform.boundary.ChangeFeed.Change.CANCELLED);
        audit.record("ENROLLMENT_CANCELLED", "enrollment", String.valueOf(enrollment.getId()), before, auditJson(enrollment),
                person.maskedIdNumber() + " " + reason.trim());
        return read(enrollment, person, LocalDate.now(clock));
    }

    /** The person's enrollments, newest year first, each read on today. */
    public List<Reading> of(Person person) {
        LocalDate today = LocalDate.now(clock);
        return em.createNamedQuery(Enrollment.OF_PERSON, Enrollment.class).setParameter("person", person.getId())
                .getResultList().stream().map(e -> read(e, person, today)).toList();
    }

    /** The enrollment of a person (by ID number) in a policy's year, as the provincial platform asks for it. */
    public Reading status(String idNumber, String policyId) {
        Person person = persons.byIdNumber(idNumber);
        Policy policy = policies.policy(policyId);
        Enrollment enrollment = ofYear(person, policy.insuranceYear())
                .filter(e -> e.getPolicyId().equals(policy.policyId()))
                .orElseThrow(() -> ProblemException.notFound("NOT_ENROLLED",
                        "参保人 " + person.maskedIdNumber() + " 未登记 " + policyId, "person " + person.maskedIdNumber() + " is not enrolled in " + policyId));
        return read(enrollment, person, LocalDate.now(clock));
    }

    /**
     * The enrollment a payment goes to, locked against concurrent payments (SELECT ... FOR UPDATE) until the
     * caller's transaction ends. Created (registered by the collector) when the person has none for the year yet;
     * the new row is written at the caller's next flush (the payment's), where two first payments racing to create
     * it meet at the unique constraint (person, year) and the loser retries.
     */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
    public Enrollment lockForPayment(Person person, Policy policy, int tier) {
        requireEnrollable(person, policy, tier);
        // one statement: SELECT ... FOR UPDATE of the year's enrollment, read afresh from the database
        Optional<Enrollment> existing;
        try {
            existing = em.createNamedQuery(Enrollment.OF_PERSON_YEAR, Enrollment.class)
                    .setParameter("person", person.getId()).setParameter("year", policy.insuranceYear())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint("eclipselink.refresh", Boolean.TRUE)
                    .getResultStream().findFirst();
        } catch (PersistenceException e) {
            if (Constraints.isTransient(e)) {
                throw new LostRace(e);
            }
            throw e;
        }
        return admitForPayment(person, policy, tier, existing.orElse(null));
    }

    /**
     * The enrollment a payment is recorded on, given the year's row already locked ({@code locked}, null when the
     * person has none): a new one registered with the payment, or a cancelled one reopened; the caller checks the
     * status. {@link #refusalForPayment} must have found nothing to refuse.
     */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
    public Enrollment admitForPayment(Person person, Policy policy, int tier, Enrollment locked) {
        if (locked == null) {
            Enrollment created = new Enrollment(person.getId(), policy.policyId(), policy.insuranceYear(), tier,
                    person.getHouseholdRegionCode(), null, OffsetDateTime.now(clock), audit.currentActor());
            // not flushed here: the caller's flush inserts it once, already paid, before the payment that refers
            // to it (Payment's commit-order customizer), instead of an INSERT now and an UPDATE to PAID later; the
            // id comes from the sequence at persist, so the audit line can name it now
            em.persist(created);
            audit.record("ENROLLMENT_REGISTERED", "enrollment", String.valueOf(created.getId()), null,
                    auditJson(created), "registered with its first payment");
            return created;
        }
        if (!locked.getPolicyId().equals(policy.policyId())) {
            throw ProblemException.conflict("ENROLLED_IN_OTHER_POLICY",
                    "参保人 " + person.maskedIdNumber() + " 本年度已在 " + locked.getPolicyId() + " 登记",
                    "person " + person.maskedIdNumber() + " is enrolled in " + locked.getPolicyId() + " for this year");
        }
        if (locked.isCancelled()) {
            String before = auditJson(locked);
            locked.reopen(policy.policyId(), tier, person.getHouseholdRegionCode(), null, OffsetDateTime.now(clock), audit.currentActor());
            audit.record("ENROLLMENT_REOPENED", "enrollment", String.valueOf(locked.getId()), before, auditJson(locked),
                    "reopened by a payment");
        }
        return locked;
    }

    /**
     * {@link #admitForPayment} for many persons who have no enrollment in the year (the bulk payment path): each
     * registered with its payment, given its id and its audit line added to {@code lines} (one per person, in order),
     * in one call instead of one per person. Not persisted: the caller marks them paid and writes them with
     * {@link EnrollmentRows#insert} (a thousand new entities cost EclipseLink's unit of work more than the rows cost
     * the database).
     * {@link #refusalsForPayment} must have found nothing.
     */
    @RolesAllowed({Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
    public List<Enrollment> registerAllForPayment(List<Person> people, List<Policy> policiesOf, int[] tiers,
                                                  List<AuditLog.Line> lines) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String actor = audit.currentActor();
        List<Enrollment> created = new java.util.ArrayList<>(people.size());
        java.util.function.LongSupplier ids = ChunkJdbc.ids(em, Enrollment.class);
        for (int i = 0; i < people.size(); i++) {
            Person person = people.get(i);
            Policy policy = policiesOf.get(i);
            Enrollment e = new Enrollment(person.getId(), policy.policyId(), policy.insuranceYear(), tiers[i],
                    person.getHouseholdRegionCode(), null, now, actor);
            e.identified(ids.getAsLong());
            lines.add(new AuditLog.Line("ENROLLMENT_REGISTERED", "enrollment", String.valueOf(e.getId()), null,
                    auditJson(e), "registered with its first payment"));
            created.add(e);
        }
        return created;
    }

    /**
     * The enrollments of these persons in the year, locked ({@code SELECT ... FOR UPDATE}, in id order so that two
     * bulk payments wait for each other instead of deadlocking) and read afresh: the bulk payment path's
     * {@link #lockForPayment}. Persons without one are absent.
     */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
    public java.util.Map<Long, Enrollment> lockAllForPayment(java.util.Collection<Long> personIds, int insuranceYear) {
        java.util.Map<Long, Enrollment> locked = new java.util.HashMap<>();
        if (personIds.isEmpty()) {
            return locked;
        }
        em.createQuery("select e from Enrollment e where e.personId in :persons and e.insuranceYear = :year order by e.id",
                        Enrollment.class)
                .setParameter("persons", personIds).setParameter("year", insuranceYear)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("eclipselink.refresh", Boolean.TRUE)
                .getResultList().forEach(e -> locked.put(e.getPersonId(), e));
        return locked;
    }

    /** The person's enrollment in the policy's year, locked for a refund request. */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public Enrollment lockForRefund(Person person, Policy policy) {
        Enrollment enrollment = ofYear(person, policy.insuranceYear()).filter(e -> e.getPolicyId().equals(policy.policyId()))
                .orElseThrow(() -> ProblemException.notFound("NOT_ENROLLED", "参保人未登记 " + policy.policyId(),
                        "the person is not enrolled in " + policy.policyId()));
        Enrollment locked = em.find(Enrollment.class, enrollment.getId(), LockModeType.PESSIMISTIC_WRITE);
        em.refresh(locked);
        return locked;
    }

    /** The enrollment locked for a correction (reversal, refund) until the caller's transaction ends. */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TAX})
    public Enrollment lockById(Long enrollmentId) {
        Enrollment locked = em.find(Enrollment.class, enrollmentId, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(locked);
        return locked;
    }

    /** The payment on this enrollment was reversed as a mistake: unpaid again. */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TAX})
    public void reversed(Enrollment enrollment) {
        enrollment.paymentReversed();
    }

    /** The contribution on this enrollment was refunded: cover ends. */
    @RolesAllowed({Roles.TAX})
    public void refunded(Enrollment enrollment) {
        enrollment.refunded();
    }

    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public NonEnrollment recordNonEnrollment(String idNumber, String policyId, String reasonText, String note, Boolean signed) {
        return recordNonEnrollment(idNumber, policyId, reasonText, note, signed, null, null);
    }

    /**
     * A reason for not enrolling, signed by the resident (SELF, the default when signed) or by a proxy (PROXY: 委托人,
     * whose name is required); who signed is asked only of a signed reason.
     */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public NonEnrollment recordNonEnrollment(String idNumber, String policyId, String reasonText, String note, Boolean signed,
                                             String signedByText, String signerName) {
        List<FieldError> errors = new ArrayList<>();
        String signedBy = null;
        String signer = signerName == null || signerName.isBlank() ? null : signerName.trim();
        if (Boolean.TRUE.equals(signed)) {
            signedBy = signedByText == null || signedByText.isBlank() ? "SELF" : signedByText.trim().toUpperCase(Locale.ROOT);
            if (!signedBy.equals("SELF") && !signedBy.equals("PROXY")) {
                errors.add(new FieldError("signedBy", "应为 SELF（本人）| PROXY（委托人）/ SELF | PROXY"));
            } else if (signedBy.equals("PROXY") && signer == null) {
                errors.add(new FieldError("signerName", "委托人签字时须填写委托人姓名 / the proxy's name is required"));
            }
            if (signer != null && (signer.length() > 50 || signer.chars().anyMatch(Character::isISOControl))) {
                errors.add(new FieldError("signerName", "至多 50 字 / at most 50 characters"));
            }
        } else if ((signedByText != null && !signedByText.isBlank()) || signer != null) {
            errors.add(new FieldError("signedBy", "未签字的原因没有签字人 / only a signed reason has a signer"));
        }
        NonEnrollmentReason reason = null;
        if (reasonText == null || reasonText.isBlank()) {
            errors.add(new FieldError("reason", "必填 / required"));
        } else {
            try {
                reason = NonEnrollmentReason.valueOf(reasonText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("reason", "应为 EMPLOYEE_INSURANCE | INSURED_ELSEWHERE | DECEASED | IN_PRISON | MILITARY_SERVICE | REFUSED | OTHER"));
            }
        }
        if (policyId == null || policyId.isBlank()) {
            errors.add(new FieldError("policyId", "必填 / required"));
        }
        if (reason == NonEnrollmentReason.OTHER && (note == null || note.isBlank())) {
            errors.add(new FieldError("note", "原因为“其他”时须说明 / required when the reason is OTHER"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "未参保原因不完整", "incomplete non-enrollment reason", errors);
        }
        Person person = persons.byIdNumber(idNumber);
        Policy policy = policies.policy(policyId.trim());
        Optional<Enrollment> enrollment = ofYear(person, policy.insuranceYear());
        if (enrollment.isPresent() && enrollment.get().isPaid()) {
            throw ProblemException.conflict("ALREADY_PAID", "参保人本年度已缴费，不能登记未参保原因",
                    "the person has paid for this year; no non-enrollment reason can be recorded");
        }
        String before = Persons.auditJson(person);
        if (reason == NonEnrollmentReason.EMPLOYEE_INSURANCE) {
            person.markEmployeeInsured();
        } else if (reason == NonEnrollmentReason.INSURED_ELSEWHERE) {
            person.markInsuredElsewhere();
        }
        NonEnrollment recorded = new NonEnrollment(person.getId(), policy.policyId(), policy.insuranceYear(), reason,
                note == null || note.isBlank() ? null : note.trim(), Boolean.TRUE.equals(signed),
                person.getHouseholdRegionCode(), audit.currentActor(), OffsetDateTime.now(clock));
        if (signedBy != null) {
            recorded.signedBy(signedBy, signedBy.equals("SELF") ? (signer == null ? person.getName() : signer) : signer);
        }
        em.persist(recorded);
        em.flush();
        audit.record("NON_ENROLLMENT_RECORDED", "person", String.valueOf(person.getId()), before, Persons.auditJson(person),
                reason + (recorded.isSigned() ? " signed" + (recorded.getSignedBy() == null ? "" : " by " + recorded.getSignedBy()
                        + " " + recorded.getSignerName()) : " unsigned") + " " + policy.policyId());
        return recorded;
    }

    /**
     * The unpaid list (未缴费名单) of a village (or of every village below a town): residents registered there, alive,
     * whose enrollment for the policy's year is REGISTERED or who have none yet, and who have not signed a reason for
     * not enrolling that year (DOMAIN.md §9: a signed reason takes the person off the list). Refused (403) outside the
     * caller's area: a clerk reads only their own village.
     */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR})
    public UnpaidPage unpaid(String policyId, String regionCode, int first, int max) {
        return unpaid(policyId, regionCode, first, max, true);
    }

    /**
     * A page of the unpaid list, with the number of lines in all when {@code withTotal} (else -1): counting reads
     * every resident of the area (a village of 60,000 takes a noticeable fraction of a second), so a screen paging
     * through the list counts once and then asks for pages only.
     */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR})
    public UnpaidPage unpaid(String policyId, String regionCode, int first, int max, boolean withTotal) {
        return unpaid(policyId, regionCode, UnpaidFilter.NONE, first, max, withTotal);
    }

    /** {@link #unpaid(String, String, int, int, boolean)} narrowed by {@code filter}. */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR})
    public UnpaidPage unpaid(String policyId, String regionCode, UnpaidFilter filter, int first, int max, boolean withTotal) {
        if (regionCode == null || regionCode.isBlank() || !regions.callerMaySee(regionCode.trim())) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "无权查看辖区 " + regionCode + " 的未缴费名单",
                    "the unpaid list of " + regionCode + " is outside your area");
        }
        Policy policy = policies.policy(policyId == null ? null : policyId.trim());
        List<String> villages = regions.villagesUnder(regionCode.trim());
        if (villages.isEmpty()) {
            return new UnpaidPage(List.of(), 0);
        }
        UnpaidFilter f = filter == null ? UnpaidFilter.NONE : filter;
        long total = withTotal ? unpaidCount(villages, policy.insuranceYear(), f) : -1;
        var query = em.createQuery("select p from Person p where p.householdRegionCode in :villages and p.deceasedOn is null"
                        + " and not exists (select e from Enrollment e where e.personId = p.id and e.insuranceYear = :year"
                        + " and e.status <> :registered)"
                        + " and not exists (select n from NonEnrollment n where n.personId = p.id and n.insuranceYear = :year"
                        // EclipseLink writes TRUE (literal or bound) as 1 on H2, which H2 2 refuses against a BOOLEAN column;
                        // the column as the condition itself is plain SQL on PostgreSQL and H2 alike
                        + " and SQL('CASE WHEN ? THEN 1 ELSE 0 END', n.signed) = 1)"
                        + (f.hasText() ? " and (p.name like :name escape '!' or p.idNumber = :idNumber)" : "")
                        + (f.notContacted() ? " and not exists (select c from ContactAttempt c where c.personId = p.id"
                        + " and c.insuranceYear = :year)" : "")
                        + (f.status() == UnpaidStatus.UNREGISTERED ? " and not exists (select e2 from Enrollment e2"
                        + " where e2.personId = p.id and e2.insuranceYear = :year)" : "")
                        + (f.status() == UnpaidStatus.REGISTERED ? " and exists (select e2 from Enrollment e2"
                        + " where e2.personId = p.id and e2.insuranceYear = :year and e2.status = :registered)" : "")
                        // the latest contact of the year had this outcome
                        + (f.lastOutcome() != null ? " and exists (select lc from ContactAttempt lc where lc.personId = p.id"
                        + " and lc.insuranceYear = :year and lc.outcome = :outcome and not exists (select lc2 from ContactAttempt lc2"
                        + " where lc2.personId = p.id and lc2.insuranceYear = :year and (lc2.recordedAt > lc.recordedAt"
                        + " or (lc2.recordedAt = lc.recordedAt and lc2.id > lc.id))))" : "")
                        + " order by p.householdRegionCode, p.name, p.id", Person.class)
                .setParameter("villages", villages).setParameter("year", policy.insuranceYear())
                .setParameter("registered", EnrollmentStatus.REGISTERED);
        if (f.hasText()) {
            query.setParameter("name", likePrefix(f.text())).setParameter("idNumber", f.text().trim().toUpperCase(java.util.Locale.ROOT));
        }
        if (f.lastOutcome() != null) {
            query.setParameter("outcome", f.lastOutcome());
        }
        List<Person> persons = query.setFirstResult(Math.max(first, 0)).setMaxResults(Math.max(max, 1)).getResultList();
        java.util.Map<Long, Enrollment> enrolled = new java.util.HashMap<>();
        if (!persons.isEmpty()) {
            em.createQuery("select e from Enrollment e where e.personId in :persons and e.insuranceYear = :year", Enrollment.class)
                    .setParameter("persons", persons.stream().map(Person::getId).toList())
                    .setParameter("year", policy.insuranceYear())
                    .getResultList().forEach(e -> enrolled.put(e.getPersonId(), e));
        }
        return new UnpaidPage(persons.stream().map(p -> new Unpaid(p, enrolled.get(p.getId()))).toList(), total);
    }

    /**
     * How many alive residents of these villages have no enrollment for the year or an unpaid one. Written with a
     * scalar subquery on purpose: PostgreSQL then probes {@code uq_enrollment_person_year} once per resident of the
     * village (≈ 60,000 index lookups) instead of hashing every enrollment of the year (1,000,000 in a big district),
     * which it chooses for the equivalent NOT EXISTS: 2–4× faster measured at that size (docs/benchmarks.md).
     */
    private long unpaidCount(List<String> villages, int insuranceYear, UnpaidFilter filter) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < villages.size(); i++) {
            in.append(i == 0 ? "?" : ", ?").append(i + 4);
        }
        var count = em.createNativeQuery("select count(*) from canbao.person p where p.household_region_code in (" + in + ")"
                + " and p.deceased_on is null and coalesce((select e.status from canbao.enrollment e"
                + " where e.person_id = p.id and e.insurance_year = ?1), 'REGISTERED') = 'REGISTERED'"
                + " and not exists (select 1 from canbao.non_enrollment n where n.person_id = p.id and n.insurance_year = ?1"
                + " and n.signed)"
                + (filter.hasText() ? " and (p.name like ?2 escape '!' or p.id_number = ?3)" : "")
                + (filter.notContacted() ? " and not exists (select 1 from canbao.contact_attempt c where c.person_id = p.id"
                + " and c.insurance_year = ?1)" : "")
                + (filter.status() == UnpaidStatus.UNREGISTERED ? " and not exists (select 1 from canbao.enrollment e2"
                + " where e2.person_id = p.id and e2.insurance_year = ?1)" : "")
                + (filter.status() == UnpaidStatus.REGISTERED ? " and exists (select 1 from canbao.enrollment e2"
                + " where e2.person_id = p.id and e2.insurance_year = ?1 and e2.status = 'REGISTERED')" : "")
                + (filter.lastOutcome() != null ? " and exists (select 1 from canbao.contact_attempt c where c.person_id = p.id"
                + " and c.insurance_year = ?1 and c.outcome = '" + filter.lastOutcome().name() + "' and not exists (select 1"
                + " from canbao.contact_attempt c2 where c2.person_id = p.id and c2.insurance_year = ?1"
                + " and (c2.recorded_at > c.recorded_at or (c2.recorded_at = c.recorded_at and c2.id > c.id))))" : ""))
                .setParameter(1, insuranceYear);
        if (filter.hasText()) {
            count.setParameter(2, likePrefix(filter.text())).setParameter(3, filter.text().trim().toUpperCase(java.util.Locale.ROOT));
        }
        for (int i = 0; i < villages.size(); i++) {
            count.setParameter(i + 4, villages.get(i));
        }
        return ((Number) count.getSingleResult()).longValue();
    }

    /** A LIKE pattern (escape {@code !}) for names beginning with {@code text}: its own % and _ taken literally. */
    private static String likePrefix(String text) {
        return Persons.likeEscaped(text.trim()) + "%";
    }

    /** What the person would pay today in this tier of the policy, with the rules behind it, or why nothing can be paid. */
    public Policies.QuoteOutcome quote(Person person, String policyId, int tier) {
        persons.requireVisible(person);
        Policy policy = policies.policy(policyId);
        return policies.tryQuote(policy, histories.withHistory(policy, person, quotes.request(person, tier, LocalDate.now(clock))));
    }

    public List<NonEnrollment> nonEnrollments(Person person) {
        return em.createNamedQuery(NonEnrollment.OF_PERSON, NonEnrollment.class).setParameter("person", person.getId()).getResultList();
    }

    private Optional<Enrollment> ofYear(Person person, int year) {
        return em.createNamedQuery(Enrollment.OF_PERSON_YEAR, Enrollment.class)
                .setParameter("person", person.getId()).setParameter("year", year)
                .getResultStream().findFirst();
    }

    private void requireEnrollable(Person person, Policy policy, int tier) {
        ProblemException refusal = refusalForPayment(person, policy, tier);
        if (refusal != null) {
            throw refusal;
        }
    }

    /**
     * Why this person cannot be enrolled in the policy's tier, as a value (null: nothing to refuse) — for callers
     * that must not throw across this boundary, which would mark their transaction for rollback.
     */
    public ProblemException refusalForPayment(Person person, Policy policy, int tier) {
        return refusalForPayment(person, policy, tier, new java.util.HashMap<>());
    }

    /**
     * {@link #refusalForPayment} for many payments in one call (null where there is nothing to refuse); whether a
     * region lies in a policy's pooling region is asked once per pair.
     */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
    public ProblemException[] refusalsForPayment(List<Person> persons, List<Policy> policies, int[] tiers) {
        java.util.Map<String, Boolean> within = new java.util.HashMap<>();
        ProblemException[] refusals = new ProblemException[persons.size()];
        for (int i = 0; i < refusals.length; i++) {
            refusals[i] = refusalForPayment(persons.get(i), policies.get(i), tiers[i], within);
        }
        return refusals;
    }

    private ProblemException refusalForPayment(Person person, Policy policy, int tier, java.util.Map<String, Boolean> within) {
        if (person.isEmployeeInsured()) {
            return new ProblemException(ProblemException.Kind.CONFLICT, "EMPLOYEE_INSURED",
                    "参保人 " + person.maskedIdNumber() + " 已参加职工医保，不能参加居民医保",
                    "person " + person.maskedIdNumber() + " is insured in employee insurance",
                    List.of(new FieldError("idNumber", "已参加职工医保 / in employee insurance")));
        }
        if (person.getDeceasedOn() != null) {
            return ProblemException.unprocessable("PERSON_DECEASED", "参保人已于 " + person.getDeceasedOn() + " 死亡",
                    "the person died on " + person.getDeceasedOn());
        }
        if (!within.computeIfAbsent(person.getHouseholdRegionCode() + "|" + person.getResidenceRegionCode() + "|" + policy.regionCode(),
                k -> regions.isWithin(person.getHouseholdRegionCode(), policy.regionCode())
                        || (person.getResidenceRegionCode() != null && regions.isWithin(person.getResidenceRegionCode(), policy.regionCode())))) {
            return new ProblemException(ProblemException.Kind.UNPROCESSABLE, "POLICY_NOT_FOR_REGION",
                    "参保人户籍地或居住地不在 " + policy.policyId() + " 的统筹区内", "the person neither lives nor is registered in "
                    + policy.policyId() + "'s pooling region", List.of(new FieldError("policyId", "统筹区不符 / other pooling region")));
        }
        if (policy.tier(tier).isEmpty()) {
            return new ProblemException(ProblemException.Kind.UNPROCESSABLE, "TIER_NOT_OFFERED",
                    policy.policyId() + " 没有第" + tier + "档", policy.policyId() + " has no tier " + tier,
                    List.of(new FieldError("tier", "不提供 / not offered")));
        }
        return null;
    }

    private Reading read(Enrollment e, Person person, LocalDate today) {
        if (e.getStatus() != EnrollmentStatus.REGISTERED) {
            return new Reading(e, person, e.statusOn(today), e.getAmountDue(), null);
        }
        Policy policy = policies.policy(e.getPolicyId());
        Policies.QuoteOutcome due = policies.tryQuote(policy, histories.withHistory(policy, person,
                quotes.request(person, e.getTier(), today)));
        return due.refused() ? new Reading(e, person, e.statusOn(today), null, due.messageZh() + " / " + due.messageEn())
                : new Reading(e, person, e.statusOn(today), due.quote().personalAmount(), null);
    }

    public static String auditJson(Enrollment e) {
        return cn.canbao.platform.boundary.Jsons.object(g -> {
            g.write("id", e.getId() == null ? 0 : e.getId())
                    .write("personId", e.getPersonId())
                    .write("policyId", e.getPolicyId())
                    .write("insuranceYear", e.getInsuranceYear())
                    .write("tier", e.getTier())
                    .write("status", e.getStatus().name())
                    .write("regionCode", e.getRegionCode());
            if (e.getAmountDue() != null) {
                g.write("amountDue", e.getAmountDue());
            }
            if (e.getBenefitStart() != null) {
                g.write("benefitStart", e.getBenefitStart().toString()).write("benefitEnd", e.getBenefitEnd().toString());
            }
        });
    }

    /** Paid enrollments of a policy, counted by the village they count in. */
    @PermitAll
    public Map<String, Long> paidByRegion(String policyId) {
        Map<String, Long> counts = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select region_code, count(*) from canbao.enrollment where policy_id = ?1"
                + " and status = 'PAID' group by region_code").setParameter(1, policyId).getResultList();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /**
     * Residents without a paid enrollment in the policy who are insured otherwise — a recorded non-enrollment with one
     * of {@code reasons} (employee insurance, insured elsewhere) — by village: what a notice counts toward the target
     * beside the paid (seed 001, {@code targetCounting.alsoCounts}). Each person once.
     */
    @PermitAll
    public Map<String, Long> insuredOtherwiseByRegion(String policyId, List<String> reasons) {
        Map<String, Long> counts = new HashMap<>();
        if (reasons.isEmpty()) {
            return counts;
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < reasons.size(); i++) {
            in.append(i == 0 ? "?" : ", ?").append(i + 2);
        }
        var query = em.createNativeQuery("select n.region_code, count(distinct n.person_id) from canbao.non_enrollment n"
                + " where n.policy_id = ?1 and n.reason in (" + in + ") and not exists (select 1 from canbao.enrollment e"
                + " where e.person_id = n.person_id and e.policy_id = n.policy_id and e.status = 'PAID') group by n.region_code")
                .setParameter(1, policyId);
        for (int i = 0; i < reasons.size(); i++) {
            query.setParameter(i + 2, reasons.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /**
     * Residents without a paid enrollment in the policy who signed a reason for not enrolling among {@code reasons},
     * by village: what a notice takes out of the village's target ({@code targetCounting.excludes}). Each person once.
     */
    @PermitAll
    public Map<String, Long> signedOutByRegion(String policyId, List<String> reasons) {
        Map<String, Long> counts = new HashMap<>();
        if (reasons.isEmpty()) {
            return counts;
        }
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < reasons.size(); i++) {
            in.append(i == 0 ? "?" : ", ?").append(i + 2);
        }
        var query = em.createNativeQuery("select n.region_code, count(distinct n.person_id) from canbao.non_enrollment n"
                + " where n.policy_id = ?1 and n.signed = true and n.reason in (" + in + ") and not exists (select 1 from"
                + " canbao.enrollment e where e.person_id = n.person_id and e.policy_id = n.policy_id and e.status = 'PAID')"
                + " group by n.region_code")
                .setParameter(1, policyId);
        for (int i = 0; i < reasons.size(); i++) {
            query.setParameter(i + 2, reasons.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        for (Object[] row : rows) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    /**
     * Paid enrollments of a policy in these villages, counted by {@code paid_on} (the business date of the standing
     * payment); enrollments paid before paid_on was recorded and without a standing payment row have none and are left out.
     */
    @PermitAll
    public Map<LocalDate, Long> paidByDay(String policyId, List<String> villages) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < villages.size(); i++) {
            in.append(i == 0 ? "?" : ", ?").append(i + 2);
        }
        var query = em.createNativeQuery("select paid_on, count(*) from canbao.enrollment"
                + " where policy_id = ?1 and status = 'PAID' and region_code in (" + in + ") group by paid_on")
                .setParameter(1, policyId);
        for (int i = 0; i < villages.size(); i++) {
            query.setParameter(i + 2, villages.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> days = query.getResultList();
        Map<LocalDate, Long> perDay = new java.util.TreeMap<>();
        for (Object[] day : days) {
            if (day[0] != null) {
                perDay.merge(NativeValues.localDate(day[0]), ((Number) day[1]).longValue(), Long::sum);
            }
        }
        return perDay;
    }
}
