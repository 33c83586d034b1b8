package cn.canbao.collection.boundary;

import jakarta.validation.constraints.Digits;
import cn.canbao.platform.boundary.SaneDate;
import cn.canbao.platform.boundary.FitsColumn;
import java.time.LocalDate;
import jakarta.annotation.security.PermitAll;
import cn.canbao.collection.control.PaymentRecorder;
import cn.canbao.collection.control.PaymentRecorder.Checked;
import cn.canbao.platform.boundary.LostRace;
import cn.canbao.collection.control.PaymentRecorder.Recorded;
import cn.canbao.collection.entity.Channel;
import cn.canbao.collection.entity.Payment;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.Constraints;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Payments (缴费) from every channel: counter (POS, cash) and the tax bureau's online channels. Idempotent by the
 * channel's transaction id; at most one standing payment per person and year; the amount must be exactly what is due
 * on the payment's date in China time. Concurrency design: docs/payments.md ("Idempotency and concurrency").
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX,
        Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATION})
public class Payments {

    /** A payment as a channel reports it (../shared/spec/API.md, POST /payments). */
    public record Submission(@FitsColumn("payment.transaction_id") String transactionId,
                             @FitsColumn("person.id_number") String idNumber,
                             @FitsColumn("policy.policy_id") String policyId, Integer tier,
                             @Digits(integer = 10, fraction = 2, message = "金额至多 10 位整数、2 位小数 / at most 10 digits and 2 decimals")
                             BigDecimal amount,
                             @FitsColumn("payment.channel") String channel, @SaneDate OffsetDateTime paidAt) {
    }

    /** The payment, its payer, and whether this submission created it (false: replay of an earlier one). */
    public record Outcome(Payment payment, Person person, boolean created) {
    }

    static final int ATTEMPTS = 12;
    private static final Logger LOG = Logger.getLogger(Payments.class.getName());

    @Inject
    PaymentRecorder recorder;

    @Inject
    Persons persons;

    @Inject
    cn.canbao.policy.boundary.Policies policiesBean;

    @Inject
    Callers callers;

    @PersistenceContext
    EntityManager em;

    @Inject
    cn.canbao.platform.boundary.AuditLog audit;

    @Inject
    java.time.Clock clock;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    /**
     * Records the payment, or returns the one recorded earlier under the same transaction id. Runs each attempt in
     * its own transaction: a transaction that lost a race to the database (unique constraint on transaction id or on
     * person+year, lock timeout) is rolled back and the next attempt sees the winner's committed row.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
    public Outcome pay(Submission submission) {
        Checked checked = check(submission);
        // the caller's role read once here, from this boundary's own context, instead of an EJB call per use
        boolean clerk = context.isCallerInRole(Roles.CLERK);
        if (clerk && !Channel.COUNTER.contains(checked.channel())) {
            throw new ProblemException(ProblemException.Kind.FORBIDDEN, "CHANNEL_NOT_AT_COUNTER",
                    "村（社区）经办员只能录入柜台缴费（POS、现金）", "a village clerk records counter payments (POS, CASH) only",
                    List.of(new FieldError("channel", "POS | CASH")));
        }
        return record(checked, clerk);
    }

    /**
     * A payment the tax bureau reports in a collection file (taxchannel component): taken exactly as {@link #pay},
     * counted for the line's tax office ({@code collector}) and marked with the file it came in with.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
    public Outcome payCollected(Submission submission, String collector, Long collectionId) {
        Checked c = check(submission);
        return record(new Checked(c.transactionId(), c.idNumber(), c.policyId(), c.tier(), c.amount(), c.channel(),
                c.paidAt(), collector, collectionId), false);
    }

    /** One item of a bulk call: its outcome, or the refusal POST /payments would have answered it with. */
    public record Taken(Outcome outcome, RuntimeException refusal) {
    }

    /**
     * Many payments at once ({@code POST /payments/batch}): each answered exactly as {@link #pay} answers it, in the
     * order given. The plain ones are recorded together in one transaction ({@link PaymentRecorder#recordAll}); every
     * other item — a replay, a refusal, a person named twice — and every item of a bulk that lost a race goes down
     * the single path afterwards, one transaction each. Counter clerks' items always take the single path.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
    public List<Taken> payAll(List<Submission> submissions) {
        boolean clerk = context.isCallerInRole(Roles.CLERK);
        Checked[] checked = new Checked[submissions.size()];
        Taken[] taken = new Taken[submissions.size()];
        for (int i = 0; i < submissions.size(); i++) {
            try {
                checked[i] = check(submissions.get(i));
                if (clerk && !Channel.COUNTER.contains(checked[i].channel())) {
                    throw new ProblemException(ProblemException.Kind.FORBIDDEN, "CHANNEL_NOT_AT_COUNTER",
                            "村（社区）经办员只能录入柜台缴费（POS、现金）", "a village clerk records counter payments (POS, CASH) only",
                            List.of(new FieldError("channel", "POS | CASH")));
                }
            } catch (ProblemException refused) {
                taken[i] = new Taken(null, refused);
            }
        }
        return takeAll(checked, taken, clerk);
    }

    /**
     * The lines of a collection file at once: each taken exactly as {@link #payCollected} takes it ({@code collectors}:
     * each line's tax office), bulk first, the rest singly (see {@link #payAll}).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
    public List<Taken> payCollectedAll(List<Submission> submissions, List<String> collectors, Long collectionId) {
        Checked[] checked = new Checked[submissions.size()];
        Taken[] taken = new Taken[submissions.size()];
        for (int i = 0; i < submissions.size(); i++) {
            try {
                Checked c = check(submissions.get(i));
                checked[i] = new Checked(c.transactionId(), c.idNumber(), c.policyId(), c.tier(), c.amount(), c.channel(),
                        c.paidAt(), collectors.get(i), collectionId);
            } catch (ProblemException refused) {
                taken[i] = new Taken(null, refused);
            }
        }
        return takeAll(checked, taken, false);
    }

    private List<Taken> takeAll(Checked[] checked, Taken[] taken, boolean clerk) {
        if (!clerk) {
            List<Integer> indexes = new ArrayList<>();
            List<Checked> plain = new ArrayList<>();
            java.util.Map<String, cn.canbao.policy.entity.Policy> policies = new java.util.HashMap<>();
            for (int i = 0; i < checked.length; i++) {
                if (taken[i] == null) {
                    indexes.add(i);
                    plain.add(checked[i]);
                    policies.computeIfAbsent(checked[i].policyId(), this::policyOrNull);
                }
            }
            policies.values().removeIf(java.util.Objects::isNull);
            if (!plain.isEmpty()) {
                try {
                    Recorded[] recorded = recorder.recordAll(plain, policies);
                    for (int k = 0; k < recorded.length; k++) {
                        if (recorded[k] != null) {
                            taken[indexes.get(k)] = new Taken(new Outcome(recorded[k].payment(), recorded[k].person(), true), null);
                        }
                    }
                } catch (LostRace lost) {
                    LOG.fine(() -> "a bulk of " + plain.size() + " payments lost a race; taking them one by one");
                } catch (EJBException e) {
                    if (!(Constraints.isUniqueViolation(e, null) || Constraints.isTransient(e))) {
                        throw e;
                    }
                    LOG.fine(() -> "a bulk of " + plain.size() + " payments lost a race; taking them one by one");
                }
            }
        }
        List<Taken> answers = new ArrayList<>(taken.length);
        for (int i = 0; i < taken.length; i++) {
            if (taken[i] == null) {
                try {
                    taken[i] = new Taken(record(checked[i], clerk), null);
                } catch (RuntimeException refused) {
                    taken[i] = new Taken(null, refused);
                }
            }
            answers.add(taken[i]);
        }
        return answers;
    }

    private cn.canbao.policy.entity.Policy policyOrNull(String policyId) {
        try {
            return policiesBean.policy(policyId);
        } catch (ProblemException unknown) {
            return null;   // the single path answers POLICY_UNKNOWN
        }
    }

    /**
     * A second payment for a year already paid, as a collection file reports it: recorded as a DUPLICATE row in the
     * caller's transaction (the caller opens its refund in the same one); the row recorded earlier under the same
     * transaction id when there is one.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
    public Outcome recordDuplicate(Submission submission, String collector, Long collectionId) {
        Checked c = check(submission);
        Recorded recorded = recorder.recordDuplicate(new Checked(c.transactionId(), c.idNumber(), c.policyId(), c.tier(),
                c.amount(), c.channel(), c.paidAt(), collector, collectionId));
        return new Outcome(recorded.payment(), recorded.person(), recorded.created());
    }

    private Outcome record(Checked checked, boolean clerk) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                Recorded recorded = recorder.record(checked, attempt > 1, clerk);
                return new Outcome(recorded.payment(), recorded.person(), recorded.created());
            } catch (ProblemException refused) {
                if (attempt == 1) {
                    // the first attempt did not look the transaction id up: a replay gets the first result even
                    // when today's checks would refuse it (own transaction: the refused one is rollback-only)
                    Optional<Recorded> replay = recorder.replay(checked);
                    if (replay.isPresent()) {
                        Recorded recorded = replay.get();
                        return new Outcome(recorded.payment(), recorded.person(), recorded.created());
                    }
                }
                throw refused;
            } catch (LostRace lost) {
                last = lost;
            } catch (EJBException e) {
                if (!(Constraints.isUniqueViolation(e, null) || Constraints.isTransient(e))) {
                    throw e;
                }
                last = e;
            }
            int lost = attempt;
            LOG.fine(() -> "payment " + checked.transactionId() + " lost a race on attempt " + lost + "; looking again");
            sleepBriefly(attempt);
        }
        LOG.warning("payment " + checked.transactionId() + " gave up after " + ATTEMPTS + " attempts: " + last);
        throw ProblemException.conflict("CONCURRENT_PAYMENT", "同一参保人正在缴费，请稍后重试",
                "another payment for this person is in progress; retry later");
    }

    /** The person's payments and reversals, newest first. */
    public List<Payment> of(Person person) {
        persons.requireVisible(person);
        return em.createNamedQuery(Payment.OF_PERSON, Payment.class).setParameter("person", person.getId()).getResultList();
    }

    /** The payment (or reversal) with this transaction id, if the caller may see its payer. */
    public Outcome byTransaction(String transactionId) {
        // a payment of someone outside the caller's area is answered as one that does not exist
        ProblemException unknown = ProblemException.notFound("PAYMENT_UNKNOWN", "未知的缴费流水号 " + transactionId,
                "unknown transaction id " + transactionId);
        Payment payment = recorder.byTransaction(transactionId).orElseThrow(() -> unknown);
        Person person = em.find(Person.class, payment.getPersonId());
        if (!persons.callerMaySee(person)) {
            throw unknown;
        }
        return new Outcome(payment, person, false);
    }

    /** Corrects a payment recorded by mistake with a REVERSAL row; the enrollment becomes unpaid again. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    @RolesAllowed({Roles.DISTRICT_ADMIN})
    public Outcome reverse(String transactionId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("INVALID_INPUT", "冲正须说明原因", "a reversal needs a reason",
                    List.of(new FieldError("reason", "必填 / required")));
        }
        try {
            Payment reversal = recorder.reverse(transactionId, reason.trim());
            return new Outcome(reversal, em.find(Person.class, reversal.getPersonId()), true);
        } catch (LostRace lost) {
            throw ProblemException.conflict("ALREADY_REVERSED", "该笔缴费已冲正", "this payment has already been reversed");
        }
    }

    /** The payment standing on an enrollment: the last PAYMENT row that no REVERSAL cancels. */
    public Optional<Payment> standing(Long enrollmentId) {
        return em.createQuery("select p from Payment p where p.enrollmentId = :e and p.kind = :kind"
                        + " and not exists (select r from Payment r where r.reversesId = p.id) order by p.id desc", Payment.class)
                .setParameter("e", enrollmentId).setParameter("kind", Payment.Kind.PAYMENT)
                .getResultStream().findFirst();
    }

    /**
     * Gives the money of a payment back (refund execution): a REVERSAL row in the caller's transaction, with its own
     * receipt number; the caller sets the enrollment's status.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    @RolesAllowed({Roles.TAX})
    public Payment refund(Long paymentId, String refundReference) {
        Payment original = em.find(Payment.class, paymentId);
        if (original == null || original.getKind() == Payment.Kind.REVERSAL) {
            throw ProblemException.unprocessable("NOT_A_PAYMENT", "退费对应的缴费记录不存在", "the refunded payment does not exist");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Payment reversal = original.reversal(refundReference, now, now.atZoneSameInstant(
                cn.canbao.platform.boundary.BusinessClock.CHINA).toLocalDate(), audit.currentActor());
        em.persist(reversal);
        reversal.issueReceipt(callers.current().getRegionCode());
        try {
            em.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            if (Constraints.isUniqueViolation(e, null)) {
                throw ProblemException.conflict("ALREADY_REVERSED", "该笔缴费已冲正或退费", "this payment has already been reversed or refunded");
            }
            throw e;
        }
        audit.record("PAYMENT_REFUNDED", "payment", String.valueOf(original.getId()), PaymentRecorder.auditJson(original),
                PaymentRecorder.auditJson(reversal), refundReference);
        return reversal;
    }

    private static Checked check(Submission s) {
        if (s == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        String tx = s.transactionId() == null ? null : s.transactionId().trim();
        if (tx == null || tx.isEmpty()) {
            errors.add(new FieldError("transactionId", "必填 / required"));
        } else if (tx.length() > 60 || !tx.matches("[A-Za-z0-9_.:\\-]+")) {
            errors.add(new FieldError("transactionId", "至多60位字母、数字或 _ . : - / at most 60 letters, digits or _ . : -"));
        }
        if (s.idNumber() == null || s.idNumber().isBlank()) {
            errors.add(new FieldError("idNumber", "必填 / required"));
        }
        if (s.policyId() == null || s.policyId().isBlank()) {
            errors.add(new FieldError("policyId", "必填 / required"));
        }
        if (s.tier() == null) {
            errors.add(new FieldError("tier", "必填 / required"));
        }
        if (s.amount() == null) {
            errors.add(new FieldError("amount", "必填 / required"));
        } else if (s.amount().signum() < 0 || s.amount().stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError("amount", "须为不小于0、至多两位小数的金额 / a non-negative amount with at most 2 decimals"));
        }
        Channel channel = null;
        if (s.channel() == null || s.channel().isBlank()) {
            errors.add(new FieldError("channel", "必填 / required"));
        } else {
            try {
                channel = Channel.valueOf(s.channel().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("channel", "应为 WECHAT | ALIPAY | UNIONPAY | YUKUAIBAN | BANK_APP | E_TAX | POS | CASH | SCHOOL | DEPARTMENT"));
            }
        }
        if (s.paidAt() == null) {
            errors.add(new FieldError("paidAt", "必填，ISO-8601 带时区偏移 / required, ISO-8601 with offset"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "缴费信息不完整或格式错误", "incomplete or malformed payment", errors);
        }
        Persons.parseId(s.idNumber());
        return new Checked(tx, s.idNumber().trim(), s.policyId().trim(), s.tier(), s.amount().setScale(2), channel, s.paidAt());
    }

    private static void sleepBriefly(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Enrollments of a village in a policy that are paid, with a payment whose business date lies before {@code asOf}. */
    @PermitAll
    public long paidBefore(String policyId, String villageCode, LocalDate asOf) {
        return ((Number) em.createNativeQuery("select count(distinct e.id) from canbao.enrollment e"
                        + " join canbao.payment p on p.enrollment_id = e.id where e.policy_id = ?1 and e.region_code = ?2"
                        + " and e.status = 'PAID' and p.business_date < ?3")
                .setParameter(1, policyId).setParameter(2, villageCode).setParameter(3, asOf).getSingleResult()).longValue();
    }
}
