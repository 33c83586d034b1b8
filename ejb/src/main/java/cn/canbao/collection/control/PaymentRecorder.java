package cn.canbao.collection.control;

import cn.canbao.collection.entity.Channel;
import cn.canbao.collection.entity.Payment;
import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.boundary.InsuranceHistories;
import cn.canbao.enrollment.boundary.NewbornCovers;
import cn.canbao.enrollment.entity.InsuranceHistory;
import cn.canbao.subsidy.boundary.PersonQuotes;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.BusinessClock;
import cn.canbao.platform.boundary.Constraints;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.Policy;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import cn.canbao.policy.entity.Quote;
import jakarta.annotation.security.PermitAll;
import cn.canbao.platform.boundary.LostRace;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Records one payment in a transaction of its own, so that the boundary can retry after losing a race (see
 * docs/payments.md ("Idempotency and concurrency")). Rights are checked by the boundary ({@code Payments}); this bean is internal.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class PaymentRecorder {

    /**
     * A validated submission: every field present and well-formed. {@code collector}: whose money it is (the tax office
     * of a collection file's line), null for the caller; {@code collectionId}: the collection file it came in with.
     */
    public record Checked(String transactionId, String idNumber, String policyId, int tier, BigDecimal amount,
                          Channel channel, OffsetDateTime paidAt, String collector, Long collectionId) {

        public Checked(String transactionId, String idNumber, String policyId, int tier, BigDecimal amount,
                       Channel channel, OffsetDateTime paidAt) {
            this(transactionId, idNumber, policyId, tier, amount, channel, paidAt, null, null);
        }
    }

    /** The stored payment and whether this call created it (false: the transaction id was seen before). */
    public record Recorded(Payment payment, Person person, boolean created) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Persons persons;

    @Inject
    Policies policies;

    @Inject
    Enrollments enrollments;

    @Inject
    PersonQuotes quotes;

    @Inject
    InsuranceHistories histories;

    @Inject
    cn.canbao.person.boundary.PersonGroups personGroups;

    @Inject
    Callers callers;

    @Inject
    SubsidyIdentities identities;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    CollectorDays days;

    @Inject
    NewbornCovers newbornCovers;

    /**
     * Records the payment. On a first attempt ({@code lookFirst} false) the transaction id is not looked up before
     * the work: a replay of a committed payment finds the enrollment paid and is recognised below, and a transaction
     * id used for another payment fails at the unique constraint on transaction id, after which the boundary retries
     * with {@code lookFirst}. The boundary looks the id up (in a transaction of its own, {@link #replay}) before it
     * passes on a refusal of a first attempt, so that a replay is answered with the first result even when it would
     * no longer pass today's checks.
     */
    public Recorded record(Checked s, boolean lookFirst) {
        return record(s, lookFirst, callers.isCallerInRole(Roles.CLERK));
    }

    /** As {@link #record(Checked, boolean)}, with the caller's clerk role already read by the boundary. */
    public Recorded record(Checked s, boolean lookFirst, boolean clerk) {
        if (lookFirst) {
            Optional<Recorded> replay = replay(s);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        return recordNew(s, clerk);
    }

    private Recorded recordNew(Checked s, boolean clerk) {
        Optional<Recorded> replay;
        // the person and their subsidy identities (for the quote) in one statement
        SubsidyIdentities.Holder holder = identities.holderByIdNumber(s.idNumber());
        Person person = holder.person();
        Policy policy = policies.policy(s.policyId());
        LocalDate paidOn = s.paidAt().atZoneSameInstant(BusinessClock.CHINA).toLocalDate();
        LocalDate today = LocalDate.now(clock);
        if (paidOn.isAfter(today)) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "PAID_IN_FUTURE",
                    "缴费时间 " + s.paidAt() + " 晚于今天 " + today, "paidAt " + s.paidAt() + " lies after today " + today,
                    List.of(new FieldError("paidAt", "不能晚于今天 / must not lie in the future")));
        }
        // the quote needs no lock; refusing a wrong amount before locking keeps bad requests off the enrollment row
        Quote quote = quoteFor(person, holder.held(), policy, s.tier(), paidOn);
        if (s.amount().compareTo(quote.personalAmount()) != 0) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "WRONG_AMOUNT",
                    "缴费金额 " + s.amount() + " 元与 " + paidOn + " 应缴金额 " + quote.personalAmount() + " 元不符",
                    "amount " + s.amount() + " differs from the amount due on " + paidOn + ": " + quote.personalAmount(),
                    List.of(new FieldError("amount", "应为 " + quote.personalAmount() + " / must be " + quote.personalAmount())));
        }
        if (clerk) {
            // counter collectors close their days; before the enrollment lock, in the order a reversal takes them
            days.requireOpen(audit.currentActor(), paidOn);
        }
        Enrollment enrollment;
        try {
            enrollment = enrollments.lockForPayment(person, policy, s.tier());
        } catch (ProblemException refused) {
            throw refused;
        } catch (RuntimeException e) {
            if (Constraints.isUniqueViolation(e, null) || Constraints.isTransient(e)) {
                throw new LostRace(e);
            }
            throw e;
        }
        if (!enrollment.getStatus().equals(cn.canbao.enrollment.entity.EnrollmentStatus.REGISTERED)) {
            // paid meanwhile: by a duplicate of this very transaction (committed while this one waited for the
            // lock), which is a replay, or by another payment, which is a conflict
            replay = replay(s);
            if (replay.isPresent()) {
                return replay.get();
            }
            throw new ProblemException(ProblemException.Kind.CONFLICT, "ALREADY_PAID",
                    "参保人 " + person.maskedIdNumber() + " " + policy.insuranceYear() + "年度已缴费（" + enrollment.getStatus() + "），不能重复缴费",
                    "person " + person.maskedIdNumber() + " has already paid for " + policy.insuranceYear(),
                    List.of(new FieldError("idNumber", "已缴费 / already paid")));
        }
        String enrollmentBefore = Enrollments.auditJson(enrollment);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Payment payment = Payment.of(s.transactionId(), enrollment.getId(), person.getId(), quote, s.amount(),
                s.channel(), s.paidAt(), paidOn, s.collector() == null ? audit.currentActor() : s.collector(), now)
                .fromCollection(s.collectionId());
        em.persist(payment);
        payment.issueReceipt(callers.current().getRegionCode());
        enrollment.markPaid(s.tier(), quote.personalAmount(), quote.benefitStart(), quote.benefitEnd(), paidOn);
        // the audit lines before the flush: the ids come from the sequence at persist, and the flush then writes all
        // audit lines of the transaction in one JDBC batch (nothing is left for the commit)
        audit.record("PAYMENT_RECEIVED", "payment", String.valueOf(payment.getId()), enrollmentBefore,
                auditJson(payment), s.channel() + " " + s.transactionId() + " " + person.maskedIdNumber());
        audit.record("ENROLLMENT_PAID", "enrollment", String.valueOf(enrollment.getId()), enrollmentBefore,
                Enrollments.auditJson(enrollment), payment.getReceiptNumber());
        flush();
        if (NewbornCovers.coversWards(policy)) {
            // seed 002: the guardian's payment covers the newborn wards on record (never refuses the payment)
            newbornCovers.guardiansPaid(List.of(new NewbornCovers.GuardianPaid(person, enrollment, policy)));
        }
        return new Recorded(payment, person, true);
    }

    /**
     * Records many payments in one transaction (POST /payments/batch, a chunk of a collection file): the persons and
     * their identities, the transaction ids seen before and the year's enrollments (locked) each read in one
     * statement, the quotes computed in memory, the rows written in JDBC batches at one flush. Only the plain case is
     * taken here: an item whose transaction id was seen before or repeats in the batch, whose person is unknown, out
     * of the caller's area or named twice, whose policy, date, amount or person would be refused, or whose enrollment
     * is not open for payment is left out ({@code null} at its index) for the caller to send down the single path,
     * which answers it exactly as POST /payments would. A lost race (unique constraint, lock timeout) fails the whole
     * call as {@link LostRace}, nothing kept; the caller then takes every item singly. Not for counter clerks (their
     * day must be open; the boundary sends them down the single path).
     */
    public Recorded[] recordAll(List<Checked> items, java.util.Map<String, Policy> policiesById) {
        Recorded[] recorded = new Recorded[items.size()];
        java.util.Map<String, Integer> txCount = new java.util.HashMap<>();
        java.util.Map<String, Integer> personCount = new java.util.HashMap<>();
        java.util.Map<Integer, String> numbers = new java.util.HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Checked s = items.get(i);
            txCount.merge(s.transactionId(), 1, Integer::sum);
            String number = cn.canbao.platform.entity.IdNumber.of(s.idNumber()).value();
            numbers.put(i, number);
            personCount.merge(number, 1, Integer::sum);
        }
        java.util.Set<String> seen = new java.util.HashSet<>(em.createQuery(
                        "select p.transactionId from Payment p where p.transactionId in :tx", String.class)
                .setParameter("tx", txCount.keySet()).getResultList());
        java.util.Map<String, SubsidyIdentities.Holder> holders = identities.holdersByIdNumbers(personCount.keySet());
        LocalDate today = LocalDate.now(clock);
        record Candidate(int index, Checked s, Person person, Policy policy, Quote quote, LocalDate paidOn) {
        }
        // the plain items so far: known person, named once, transaction id new and named once, known policy
        List<Integer> plain = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Checked s = items.get(i);
            String number = numbers.get(i);
            if (txCount.get(s.transactionId()) == 1 && !seen.contains(s.transactionId()) && personCount.get(number) == 1
                    && holders.containsKey(number) && policiesById.containsKey(s.policyId())) {
                plain.add(i);
            }
        }
        List<Person> people = plain.stream().map(i -> holders.get(numbers.get(i)).person()).toList();
        boolean[] visible = persons.callerMaySeeAll(people);
        ProblemException[] refusals = enrollments.refusalsForPayment(people,
                plain.stream().map(i -> policiesById.get(items.get(i).policyId())).toList(),
                plain.stream().mapToInt(i -> items.get(i).tier()).toArray());
        // the insurance history only of the persons paying into a policy with a continuity or incentive rule (one read for all)
        java.util.Map<Long, InsuranceHistory> history = histories.historiesOf(plain.stream()
                .filter(i -> InsuranceHistories.needsHistory(policiesById.get(items.get(i).policyId())))
                .map(i -> holders.get(numbers.get(i)).person().getId()).toList());
        // and their groups only of those paying into a policy with rules for groups
        java.util.Map<Long, List<cn.canbao.policy.entity.HeldGroup>> groups = personGroups.heldOf(plain.stream()
                .filter(i -> policiesById.get(items.get(i).policyId()).readsGroups(holders.get(numbers.get(i)).person().getResidentType()))
                .map(i -> holders.get(numbers.get(i)).person().getId()).toList());
        List<Candidate> candidates = new java.util.ArrayList<>();
        for (int k = 0; k < plain.size(); k++) {
            int i = plain.get(k);
            Checked s = items.get(i);
            SubsidyIdentities.Holder holder = holders.get(numbers.get(i));
            Policy policy = policiesById.get(s.policyId());
            LocalDate paidOn = s.paidAt().atZoneSameInstant(BusinessClock.CHINA).toLocalDate();
            if (!visible[k] || refusals[k] != null || paidOn.isAfter(today)) {
                continue;
            }
            Policies.QuoteOutcome outcome = policies.tryQuote(policy, history.getOrDefault(holder.person().getId(),
                    InsuranceHistory.NONE).addTo(quotes.request(holder.person(), holder.held(), s.tier(), paidOn)
                    .withHeldGroups(groups.getOrDefault(holder.person().getId(), List.of()))));
            if (outcome.refused() || s.amount().compareTo(outcome.quote().personalAmount()) != 0) {
                continue;
            }
            candidates.add(new Candidate(i, s, holder.person(), policy, outcome.quote(), paidOn));
        }
        java.util.Map<Integer, java.util.Map<Long, Enrollment>> lockedByYear = new java.util.HashMap<>();
        try {
            candidates.stream().collect(java.util.stream.Collectors.groupingBy(c -> c.policy().insuranceYear(),
                            java.util.stream.Collectors.mapping(c -> c.person().getId(), java.util.stream.Collectors.toList())))
                    .forEach((year, ids) -> lockedByYear.put(year, enrollments.lockAllForPayment(ids, year)));
        } catch (PersistenceException | jakarta.ejb.EJBException e) {
            if (Constraints.isTransient(e)) {
                throw new LostRace(e);
            }
            throw e;
        }
        String region = callers.current().getRegionCode();
        String actor = audit.currentActor();
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<AuditLog.Line> lines = new java.util.ArrayList<>(3 * candidates.size());
        // an open enrollment is paid as it is; the persons without one are registered with their payment, together
        // (their audit lines first); paid, in another policy or cancelled: the single path answers (or reopens) it
        List<Candidate> payable = new java.util.ArrayList<>(candidates.size());
        java.util.Map<Candidate, Enrollment> enrollmentOf = new java.util.IdentityHashMap<>();
        List<Candidate> unregistered = new java.util.ArrayList<>();
        for (Candidate c : candidates) {
            Enrollment locked = lockedByYear.get(c.policy().insuranceYear()).get(c.person().getId());
            if (locked == null) {
                unregistered.add(c);
            } else if (!locked.getPolicyId().equals(c.policy().policyId()) || locked.isCancelled()
                    || locked.getStatus() != cn.canbao.enrollment.entity.EnrollmentStatus.REGISTERED) {
                continue;
            } else {
                enrollmentOf.put(c, locked);
            }
            payable.add(c);
        }
        // a new enrollment's state before its payment is the one its registration line just wrote
        java.util.Map<Enrollment, String> registeredState = new java.util.IdentityHashMap<>();
        List<Enrollment> registered = List.of();
        if (!unregistered.isEmpty()) {
            int first = lines.size();
            List<Enrollment> created = enrollments.registerAllForPayment(unregistered.stream().map(Candidate::person).toList(),
                    unregistered.stream().map(Candidate::policy).toList(),
                    unregistered.stream().mapToInt(c -> c.s().tier()).toArray(), lines);
            for (int k = 0; k < created.size(); k++) {
                enrollmentOf.put(unregistered.get(k), created.get(k));
                registeredState.put(created.get(k), lines.get(first + k).after());
            }
            registered = created;
        }
        List<Payment> written = new java.util.ArrayList<>(payable.size());
        java.util.function.LongSupplier paymentIds = PaymentRows.ids(em);
        for (Candidate c : payable) {
            Checked s = c.s();
            Enrollment enrollment = enrollmentOf.get(c);
            String enrollmentBefore = registeredState.containsKey(enrollment) ? registeredState.get(enrollment)
                    : Enrollments.auditJson(enrollment);
            Payment payment = Payment.of(s.transactionId(), enrollment.getId(), c.person().getId(), c.quote(), s.amount(),
                    s.channel(), s.paidAt(), c.paidOn(), s.collector() == null ? actor : s.collector(), now)
                    .fromCollection(s.collectionId());
            payment.identified(paymentIds.getAsLong());
            payment.issueReceipt(region);
            written.add(payment);
            enrollment.markPaid(s.tier(), c.quote().personalAmount(), c.quote().benefitStart(), c.quote().benefitEnd(), c.paidOn());
            lines.add(new AuditLog.Line("PAYMENT_RECEIVED", "payment", String.valueOf(payment.getId()), enrollmentBefore,
                    auditJson(payment), s.channel() + " " + s.transactionId() + " " + c.person().maskedIdNumber()));
            lines.add(new AuditLog.Line("ENROLLMENT_PAID", "enrollment", String.valueOf(enrollment.getId()), enrollmentBefore,
                    Enrollments.auditJson(enrollment), payment.getReceiptNumber()));
            recorded[c.index()] = new Recorded(payment, c.person(), true);
        }
        // the open enrollments updated to PAID through EclipseLink; then the new ones (already PAID), the payments that
        // refer to them and the audit lines as JDBC batches on the same connection and transaction (PaymentRows)
        flush();
        PaymentRows.insertEnrollments(em, registered);
        PaymentRows.insert(em, written);
        audit.recordAll(lines);
        // seed 002: payments into a policy with the guardian cover carry the payers' newborn wards (no query otherwise)
        List<NewbornCovers.GuardianPaid> guardians = payable.stream().filter(c -> NewbornCovers.coversWards(c.policy()))
                .map(c -> new NewbornCovers.GuardianPaid(c.person(), enrollmentOf.get(c), c.policy())).toList();
        if (!guardians.isEmpty()) {
            newbornCovers.guardiansPaid(guardians);
        }
        return recorded;
    }

    /**
     * Records a second payment for a year the person has already paid (a collection file's line refused ALREADY_PAID):
     * the money as a {@link Payment.Kind#DUPLICATE} row with the split of its day, in the caller's transaction, so
     * that the refund opened on it commits with it. Idempotent by transaction id: the row recorded earlier is returned.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Recorded recordDuplicate(Checked s) {
        Optional<Payment> earlier = byTransaction(s.transactionId());
        SubsidyIdentities.Holder holder = identities.holderByIdNumber(s.idNumber());
        Person person = holder.person();
        if (earlier.isPresent()) {
            if (!earlier.get().sameAs(person.getId(), s.policyId())) {
                throw ProblemException.conflict("TRANSACTION_ID_REUSED", "流水号 " + s.transactionId() + " 已用于另一笔缴费",
                        "transaction id " + s.transactionId() + " belongs to another payment");
            }
            return new Recorded(earlier.get(), person, false);
        }
        Policy policy = policies.policy(s.policyId());
        LocalDate paidOn = s.paidAt().atZoneSameInstant(BusinessClock.CHINA).toLocalDate();
        Quote quote = quoteFor(person, holder.held(), policy, s.tier(), paidOn);
        Enrollment enrollment = enrollments.lockForPayment(person, policy, s.tier());
        OffsetDateTime now = OffsetDateTime.now(clock);
        Payment payment = Payment.of(s.transactionId(), enrollment.getId(), person.getId(), quote, s.amount(),
                s.channel(), s.paidAt(), paidOn, s.collector() == null ? audit.currentActor() : s.collector(), now)
                .fromCollection(s.collectionId()).asDuplicate();
        em.persist(payment);
        payment.issueReceipt(callers.current().getRegionCode());
        audit.record("PAYMENT_DUPLICATE_RECEIVED", "payment", String.valueOf(payment.getId()), null, auditJson(payment),
                s.channel() + " " + s.transactionId() + " " + person.maskedIdNumber());
        em.flush();
        return new Recorded(payment, person, true);
    }

    /** Cancels a payment recorded by mistake: a REVERSAL row, the enrollment back to unpaid. */
    public Payment reverse(String transactionId, String reason) {
        Payment original = byTransaction(transactionId).orElseThrow(() -> ProblemException.notFound("PAYMENT_UNKNOWN",
                "未知的缴费流水号 " + transactionId, "unknown transaction id " + transactionId));
        if (original.getKind() != Payment.Kind.PAYMENT) {
            throw ProblemException.unprocessable("NOT_A_PAYMENT", "冲正记录不能再冲正", "a reversal cannot be reversed");
        }
        // the reversal takes the money out of the drawer of the payment's collector, on the day it is made
        LocalDate today = LocalDate.now(clock);
        days.requireOpen(original.getCollector(), today);
        Enrollment enrollment = enrollments.lockById(original.getEnrollmentId());
        if (!em.createNamedQuery(Payment.REVERSAL_OF, Payment.class).setParameter("original", original.getId())
                .getResultList().isEmpty()) {
            throw ProblemException.conflict("ALREADY_REVERSED", "该笔缴费已冲正", "this payment has already been reversed");
        }
        String before = Enrollments.auditJson(enrollment);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Payment reversal = original.reversal("REV-" + original.getTransactionId(), now, today, original.getCollector());
        em.persist(reversal);
        reversal.issueReceipt(callers.current().getRegionCode());
        enrollments.reversed(enrollment);
        flush();
        audit.record("PAYMENT_REVERSED", "payment", String.valueOf(original.getId()), auditJson(original),
                auditJson(reversal), reason);
        audit.record("ENROLLMENT_PAYMENT_REVERSED", "enrollment", String.valueOf(enrollment.getId()), before,
                Enrollments.auditJson(enrollment), reason);
        return reversal;
    }

    public Optional<Payment> byTransaction(String transactionId) {
        return em.createNamedQuery(Payment.BY_TRANSACTION, Payment.class).setParameter("tx", transactionId)
                .getResultStream().findFirst();
    }

    /** The payment recorded earlier under this transaction id, if any (409 when it belongs to another payment). */
    public Optional<Recorded> replay(Checked s) {
        Optional<Payment> earlier = byTransaction(s.transactionId());
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        Payment payment = earlier.get();
        Person person = persons.byIdNumber(s.idNumber());
        if (!payment.sameAs(person.getId(), s.policyId())) {
            throw new ProblemException(ProblemException.Kind.CONFLICT, "TRANSACTION_ID_REUSED",
                    "流水号 " + s.transactionId() + " 已用于另一笔缴费", "transaction id " + s.transactionId() + " belongs to another payment",
                    List.of(new FieldError("transactionId", "已用于另一笔缴费 / used for another payment")));
        }
        return Optional.of(new Recorded(payment, person, false));
    }

    private Quote quoteFor(Person person, List<HeldIdentity> held, Policy policy, int tier, LocalDate paidOn) {
        // priced as the quote is: under a continuity rule with the person's insured years and events, and with the
        // person's groups valid that day, so that the price and benefit start frozen into the payment are the quote's
        Policies.QuoteOutcome outcome = policies.tryQuote(policy, histories.withHistory(policy, person,
                quotes.request(person, held, tier, paidOn)));
        if (outcome.refused()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, outcome.refusal().name(),
                    outcome.messageZh(), outcome.messageEn(), List.of(new FieldError("paidAt", outcome.messageZh())));
        }
        return outcome.quote();
    }

    private void flush() {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (Constraints.isUniqueViolation(e, null) || Constraints.isTransient(e)) {
                throw new LostRace(e);
            }
            throw e;
        }
    }

    public static String auditJson(Payment p) {
        return cn.canbao.platform.boundary.Jsons.object(g -> {
            g.write("id", p.getId())
                    .write("kind", p.getKind().name())
                    .write("transactionId", p.getTransactionId())
                    .write("enrollmentId", p.getEnrollmentId())
                    .write("personId", p.getPersonId())
                    .write("policyId", p.getPolicyId())
                    .write("tier", p.getTier())
                    .write("amount", p.getAmount())
                    .write("standardAmount", p.getStandardAmount())
                    .write("subsidyAmount", p.getSubsidyAmount())
                    .write("fiscalShareAmount", p.getFiscalShareAmount())
                    .write("personalAmount", p.getPersonalAmount())
                    .write("benefitStart", p.getBenefitStart().toString())
                    .write("benefitEnd", p.getBenefitEnd().toString())
                    .write("channel", p.getChannel().name())
                    .write("paidAt", p.getPaidAt().toString())
                    .write("businessDate", p.getBusinessDate().toString())
                    .write("receiptNumber", String.valueOf(p.getReceiptNumber()));
            if (p.getSubsidyCode() != null) {
                g.write("subsidyCode", p.getSubsidyCode());
            }
            if (p.getReversesId() != null) {
                g.write("reversesId", p.getReversesId());
            }
            if (p.getCollector() != null) {
                g.write("collector", p.getCollector());
            }
        });
    }
}
