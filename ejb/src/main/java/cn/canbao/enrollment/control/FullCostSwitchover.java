package cn.canbao.enrollment.control;

import cn.canbao.enrollment.entity.AmountChange;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.control.AuditLog;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PriceMode;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The full-cost switchover (全额缴费切换, DOMAIN.md §5.5): from the full-cost date every unpaid enrollment owes what
 * the quote engine says for that date (standard − subsidy + fiscal share; exempt persons keep the standard price,
 * the engine knows them). Each change is written to the change list ({@link AmountChange}) for the tax side.
 * Idempotent: an enrollment already recorded for that date, or already owing the new amount, is left alone.
 * Internal: driven by the batch job {@code full-cost-switchover}, whose start is checked at the batch boundary.
 */
@Stateless
@PermitAll
public class FullCostSwitchover {

    /** What one enrollment owed and owes from {@code asOf}; Serializable as it travels between chunk artifacts. */
    public record Change(Long enrollmentId, BigDecimal oldAmount, BigDecimal newAmount) implements Serializable {
    }

    private static final Logger LOG = Logger.getLogger(FullCostSwitchover.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    PersonQuotes quotes;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** @throws ProblemException 422 NOT_FULL_COST_DATE unless a FULL_COST window of the policy contains {@code asOf} */
    public Policy requireFullCostDate(String policyId, LocalDate asOf) {
        Policy policy = policies.policy(policyId);
        boolean fullCost = policy.windows().stream()
                .anyMatch(w -> w.priceMode() == PriceMode.FULL_COST && w.paymentAllowed() && w.contains(asOf));
        if (!fullCost) {
            String windows = policy.windows().stream().filter(w -> w.priceMode() == PriceMode.FULL_COST)
                    .map(PaymentWindow::from).map(LocalDate::toString).reduce((a, b) -> a + ", " + b).orElse("—");
            throw ProblemException.unprocessable("NOT_FULL_COST_DATE",
                    asOf + " 不在 " + policyId + " 的全额缴费期内（全额缴费期起始：" + windows + "）",
                    asOf + " is not in a full-cost window of " + policyId + " (full-cost windows start: " + windows + ")");
        }
        return policy;
    }

    /** Ids of the unpaid enrollments of a village, after {@code afterId}, ascending: a resumable page. */
    public List<Long> unpaid(String policyId, String villageCode, long afterId, int max) {
        return em.createQuery("select e.id from Enrollment e where e.policyId = :policy and e.regionCode = :village"
                        + " and e.status = :registered and e.id > :after order by e.id", Long.class)
                .setParameter("policy", policyId).setParameter("village", villageCode)
                .setParameter("registered", EnrollmentStatus.REGISTERED).setParameter("after", afterId)
                .setMaxResults(max).getResultList();
    }

    /** The change the switchover makes to this enrollment, or empty when it makes none. Writes nothing. */
    public Optional<Change> assess(Long enrollmentId, String policyId, LocalDate asOf) {
        Enrollment e = em.find(Enrollment.class, enrollmentId);
        if (e == null || e.getStatus() != EnrollmentStatus.REGISTERED || !e.getPolicyId().equals(policyId)
                || alreadyRecorded(enrollmentId, asOf)) {
            return Optional.empty();
        }
        Person person = em.find(Person.class, e.getPersonId());
        Policies.QuoteOutcome quote = policies.tryQuote(policyId, quotes.request(person, e.getTier(), asOf));
        if (quote.refused()) {
            LOG.fine(() -> "enrollment " + enrollmentId + " keeps its amount due: " + quote.messageEn());
            return Optional.empty();
        }
        BigDecimal newAmount = quote.quote().personalAmount();
        if (e.getAmountDue() != null && e.getAmountDue().compareTo(newAmount) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Change(enrollmentId, e.getAmountDue(), newAmount));
    }

    /**
     * Applies the changes in the caller's transaction (the chunk's), each on the enrollment row locked like a payment
     * locks it; a change whose enrollment was paid or changed meanwhile is dropped. Returns how many were applied.
     */
    public int apply(List<Change> changes, String policyId, LocalDate asOf, Long jobExecutionId) {
        return apply(changes, policyId, asOf, AmountChange.Reason.FULL_COST_SWITCHOVER, jobExecutionId);
    }

    /** {@link #apply(List, String, LocalDate, Long)} for any batch that reprices unpaid enrollments on a date. */
    public int apply(List<Change> changes, String policyId, LocalDate asOf, AmountChange.Reason reason, Long jobExecutionId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int applied = 0;
        for (Change change : changes) {
            Enrollment e = em.find(Enrollment.class, change.enrollmentId(), LockModeType.PESSIMISTIC_WRITE);
            if (e == null || e.getStatus() != EnrollmentStatus.REGISTERED || !sameAmount(e.getAmountDue(), change.oldAmount())
                    || alreadyRecorded(e.getId(), asOf)) {
                continue;
            }
            e.updateAmountDue(change.newAmount());
            em.persist(new AmountChange(e, asOf, reason, change.oldAmount(),
                    change.newAmount(), now, jobExecutionId));
            applied++;
        }
        if (applied > 0) {
            audit.record(reason == AmountChange.Reason.FULL_COST_SWITCHOVER ? "AMOUNT_DUE_FULL_COST" : "AMOUNT_DUE_" + reason.name(), "job_execution", String.valueOf(jobExecutionId), null, null,
                    policyId + " as of " + asOf + ": " + applied + " enrollment(s) changed, see amount_change");
        }
        return applied;
    }

    private boolean alreadyRecorded(Long enrollmentId, LocalDate asOf) {
        return em.createNamedQuery(AmountChange.COUNT_OF_ENROLLMENT_DATE, Long.class)
                .setParameter("enrollment", enrollmentId).setParameter("asOf", asOf).getSingleResult() > 0;
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
