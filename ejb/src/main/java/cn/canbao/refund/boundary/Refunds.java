package cn.canbao.refund.boundary;

import cn.canbao.collection.boundary.Payments;
import cn.canbao.collection.entity.Payment;
import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.entity.AuditEntry;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Policy;
import cn.canbao.refund.entity.Refund;
import cn.canbao.region.boundary.Regions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * Refunds (退费): requested at the counter, reviewed by the district medical-insurance bureau, executed by the tax
 * bureau. By the rules only before cover starts and only for death or a duplicate payment; anything else needs
 * the reviewer's override reason. Execution reverses the payment and ends the enrollment (REFUNDED).
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX,
        Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATION})
public class Refunds {

    public record Requested(Refund refund, Person person) {
    }

    /** A refund with its person, as the review and execution queues list them. */
    /** A refund in a queue, with its person and the payment it would return (amount, receipt). */
    public record Line(Refund refund, Person person, cn.canbao.collection.entity.Payment payment) {
    }

    public record Page(List<Line> lines, long total) {
    }

    @Inject
    Regions regions;

    @PersistenceContext
    EntityManager em;

    @Inject
    Persons persons;

    @Inject
    Policies policies;

    @Inject
    Enrollments enrollments;

    @Inject
    Payments payments;

    @Inject
    AuditLog audit;

    @Inject
    cn.canbao.platform.boundary.ChangeFeed changeFeed;

    @Inject
    Clock clock;

    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public Requested request(String idNumber, String policyId, String reasonText, String note) {
        return request(idNumber, policyId, reasonText, note, null, null);
    }

    /**
     * A refund request with its payee: {@code payeeName} someone other than the resident (an heir, a guardian), and
     * {@code payeeAccount} the account to pay into (digits, spaces allowed, 6–34); both optional — the resident, by
     * the channel the money came through.
     */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public Requested request(String idNumber, String policyId, String reasonText, String note, String payeeName, String payeeAccount) {
        if (payeeAccount != null && !payeeAccount.isBlank() && !payeeAccount.replace(" ", "").matches("[0-9]{6,34}")) {
            throw ProblemException.badRequest("INVALID_INPUT", "收款账号应为 6–34 位数字", "the payee's account must be 6–34 digits",
                    List.of(new FieldError("payeeAccount", "6–34 位数字 / 6–34 digits")));
        }
        Refund.Reason reason;
        try {
            reason = Refund.Reason.valueOf(String.valueOf(reasonText).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("INVALID_INPUT", "退费原因应为 DEATH | DUPLICATE_PAYMENT | OTHER",
                    "reason must be DEATH, DUPLICATE_PAYMENT or OTHER", List.of(new FieldError("reason", "DEATH | DUPLICATE_PAYMENT | OTHER")));
        }
        if (policyId == null || policyId.isBlank()) {
            throw ProblemException.badRequest("INVALID_INPUT", "须提供 policyId", "policyId is required",
                    List.of(new FieldError("policyId", "必填 / required")));
        }
        Person person = persons.byIdNumber(idNumber);
        Policy policy = policies.policy(policyId.trim());
        Enrollment enrollment = enrollments.lockForRefund(person, policy);
        if (enrollment.getStatus() != EnrollmentStatus.PAID) {
            throw ProblemException.unprocessable("NOTHING_TO_REFUND", "参保人本年度没有可退的缴费（" + enrollment.getStatus() + "）",
                    "no standing payment to refund (" + enrollment.getStatus() + ")");
        }
        // a duplicate payment's refund (from a tax collection file) gives back other money: it does not block this one
        if (em.createNamedQuery(Refund.OPEN_OF_ENROLLMENT, Refund.class).setParameter("enrollment", enrollment.getId())
                .setParameter("open", List.of(Refund.Status.REQUESTED, Refund.Status.APPROVED))
                .getResultStream().anyMatch(r -> em.find(Payment.class, r.getPaymentId()).getKind() != Payment.Kind.DUPLICATE)) {
            throw ProblemException.conflict("REFUND_PENDING", "已有待处理的退费申请", "a refund request is already pending");
        }
        Payment payment = payments.standing(enrollment.getId()).orElseThrow(() -> ProblemException.unprocessable(
                "NOTHING_TO_REFUND", "没有可退的缴费", "no standing payment to refund"));
        LocalDate today = LocalDate.now(clock);
        boolean eligible = reason != Refund.Reason.OTHER && today.isBefore(payment.getBenefitStart());
        Refund refund = new Refund(enrollment.getId(), payment.getId(), person.getId(), policy.policyId(), reason,
                note == null || note.isBlank() ? null : note.trim(), eligible, audit.currentActor(), OffsetDateTime.now(clock))
                .payTo(payeeName, payeeAccount);
        em.persist(refund);
        em.flush();
        audit.record("REFUND_REQUESTED", "refund", String.valueOf(refund.getId()), null, json(refund), person.maskedIdNumber());
        return new Requested(refund, person);
    }

    /**
     * Opens the refund of a DUPLICATE payment (a second payment for a year already paid, from a tax collection file)
     * for the district bureau's review, in the caller's transaction; the one opened earlier when there is one.
     */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.MANDATORY)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
    public Refund openForDuplicate(Payment duplicate, Person person, String note) {
        if (duplicate.getKind() != Payment.Kind.DUPLICATE) {
            throw new IllegalArgumentException("payment " + duplicate.getId() + " is no duplicate");
        }
        List<Refund> earlier = em.createQuery("select r from Refund r where r.paymentId = :payment", Refund.class)
                .setParameter("payment", duplicate.getId()).getResultList();
        if (!earlier.isEmpty()) {
            return earlier.get(0);
        }
        Refund refund = new Refund(duplicate.getEnrollmentId(), duplicate.getId(), person.getId(), duplicate.getPolicyId(),
                Refund.Reason.DUPLICATE_PAYMENT, note, true, audit.currentActor(), OffsetDateTime.now(clock));
        em.persist(refund);
        em.flush();
        audit.record("REFUND_REQUESTED", "refund", String.valueOf(refund.getId()), null, json(refund), person.maskedIdNumber());
        return refund;
    }

    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Refund review(Long refundId, boolean approve, String note, String overrideReason) {
        Refund refund = require(refundId);
        String before = json(refund);
        if (refund.getStatus() != Refund.Status.REQUESTED) {
            throw ProblemException.conflict("REFUND_NOT_PENDING", "退费申请已处理（" + refund.getStatus() + "）", "refund is " + refund.getStatus());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (approve) {
            if (!refund.isEligible() && (overrideReason == null || overrideReason.isBlank())) {
                throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "OVERRIDE_REASON_REQUIRED",
                        "待遇期已开始或原因不属于死亡、重复缴费，批准须填写特批理由",
                        "cover has started or the reason is neither death nor duplicate payment: approving needs an override reason",
                        List.of(new FieldError("overrideReason", "必填 / required")));
            }
            refund.approve(audit.currentActor(), now, note, overrideReason);
        } else {
            refund.reject(audit.currentActor(), now, note);
        }
        audit.record(approve ? "REFUND_APPROVED" : "REFUND_REJECTED", "refund", String.valueOf(refundId), before, json(refund), note);
        return refund;
    }

    @RolesAllowed(Roles.TAX)
    public Refund execute(Long refundId) {
        Refund refund = require(refundId);
        Enrollment enrollment = enrollments.lockById(refund.getEnrollmentId());
        em.refresh(refund);
        if (refund.getStatus() != Refund.Status.APPROVED) {
            throw ProblemException.conflict("REFUND_NOT_APPROVED", "退费申请未批准或已执行（" + refund.getStatus() + "）", "refund is " + refund.getStatus());
        }
        String before = json(refund);
        String enrollmentBefore = Enrollments.auditJson(enrollment);
        boolean duplicate = em.find(Payment.class, refund.getPaymentId()).getKind() == Payment.Kind.DUPLICATE;
        Payment reversal = payments.refund(refund.getPaymentId(), "REF-" + refund.getId());
        if (!duplicate) {
            // a duplicate's money goes back; the payment that stands for the year stays, and so does the enrollment
            enrollments.refunded(enrollment);
        }
        refund.executed(audit.currentActor(), OffsetDateTime.now(clock), reversal.getId());
        audit.record("REFUND_EXECUTED", "refund", String.valueOf(refundId), before, json(refund), reversal.getReceiptNumber());
        if (!duplicate) {
            changeFeed.record(refund.getPolicyId(), refund.getPersonId(), cn.canbao.platform.boundary.ChangeFeed.Change.REFUNDED);
            audit.record("ENROLLMENT_REFUNDED", "enrollment", String.valueOf(enrollment.getId()), enrollmentBefore,
                    Enrollments.auditJson(enrollment), "refund " + refundId);
        }
        return refund;
    }

    /**
     * The refunds in {@code status} of persons registered in the caller's area, oldest request first, a page at a
     * time: the district bureau's review queue (REQUESTED), the tax bureau's execution queue (APPROVED).
     */
    public Page queue(Refund.Status status, int first, int max) {
        List<String> villages = regions.visibleVillages();
        if (status == null || villages.isEmpty()) {
            return new Page(List.of(), 0);
        }
        String where = " from Refund r, Person p, Payment pay where r.personId = p.id and pay.id = r.paymentId"
                + " and r.status = :status and p.householdRegionCode in :villages";
        long total = em.createQuery("select count(r)" + where, Long.class)
                .setParameter("status", status).setParameter("villages", villages).getSingleResult();
        List<Line> lines = em.createQuery("select r, p, pay" + where + " order by r.requestedAt, r.id", Object[].class)
                .setParameter("status", status).setParameter("villages", villages)
                .setFirstResult(Math.max(first, 0)).setMaxResults(Math.max(max, 1))
                .getResultStream().map(row -> new Line((Refund) row[0], (Person) row[1],
                        (cn.canbao.collection.entity.Payment) row[2])).toList();
        return new Page(lines, total);
    }

    /** A person's refunds, newest first (the counter's person page). */
    public List<Refund> of(Person person) {
        persons.requireVisible(person);
        return em.createQuery("select r from Refund r where r.personId = :person order by r.requestedAt desc, r.id desc", Refund.class)
                .setParameter("person", person.getId()).getResultList();
    }

    /** The payment a refund would return (the refund's own scope check comes first: {@link #require}). */
    public cn.canbao.collection.entity.Payment payment(Refund refund) {
        return em.find(cn.canbao.collection.entity.Payment.class, refund.getPaymentId());
    }

    /** The person a refund is for (the caller must be allowed to see them). */
    public Person person(Refund refund) {
        Person person = em.find(Person.class, refund.getPersonId());
        persons.requireVisible(person);
        return person;
    }

    /** What happened to a refund, oldest first: the audit lines written for it (requested, reviewed, executed). */
    public List<AuditEntry> history(Long refundId) {
        require(refundId);
        return audit.forEntity("refund", String.valueOf(refundId));
    }

    public Refund require(Long refundId) {
        Refund refund = refundId == null ? null : em.find(Refund.class, refundId);
        // one answer for a refund that does not exist and one of someone outside the caller's area
        if (refund == null || !persons.callerMaySee(em.find(Person.class, refund.getPersonId()))) {
            throw ProblemException.notFound("REFUND_UNKNOWN", "未知的退费申请 " + refundId, "unknown refund " + refundId);
        }
        return refund;
    }

    static String json(Refund r) {
        var b = cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder().add("id", r.getId()).add("enrollmentId", r.getEnrollmentId())
                .add("paymentId", r.getPaymentId()).add("reason", r.getReason().name()).add("status", r.getStatus().name())
                .add("eligible", r.isEligible());
        if (r.getOverrideReason() != null) {
            b.add("overrideReason", r.getOverrideReason());
        }
        if (r.getReversalPaymentId() != null) {
            b.add("reversalPaymentId", r.getReversalPaymentId());
        }
        if (r.getPayeeName() != null) {
            b.add("payeeName", r.getPayeeName());
        }
        if (r.getPayeeAccount() != null) {
            b.add("payeeAccount", r.maskedPayeeAccount());
        }
        return b.build().toString();
    }
}
