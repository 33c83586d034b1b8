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
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.PriceMode;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    SubsidyIdentities identities;

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

    /**
     * An unpaid enrollment with what its quote needs (the person, every identity on record) and whether a change is
     * already recorded for the date: read a page at a time by {@link #unpaidPage}, priced one by one in memory.
     */
    public record Candidate(Long enrollmentId, int tier, BigDecimal amountDue, Person person, List<HeldIdentity> held,
                            boolean recorded) {
    }

    /** Ids of the unpaid enrollments of a village, after {@code afterId}, ascending: a resumable page. */
    public List<Long> unpaid(String policyId, String villageCode, long afterId, int max) {
        return em.createQuery("select e.id from Enrollment e where e.policyId = :policy and e.regionCode = :village"
                        + " and e.status = :registered and e.id > :after order by e.id", Long.class)
                .setParameter("policy", policyId).setParameter("village", villageCode)
                .setParameter("registered", EnrollmentStatus.REGISTERED).setParameter("after", afterId)
                .setMaxResults(max).getResultList();
    }

    /**
     * The unpaid enrollments of a village after {@code afterId}, ascending, each with its person, the person's
     * identities and whether a change for {@code asOf} is on record: a resumable page in three statements (enrollments
     * joined to persons, the identities of those persons, the changes already recorded), not three per enrollment.
     */
    public List<Candidate> unpaidPage(String policyId, String villageCode, LocalDate asOf, long afterId, int max) {
        List<Object[]> rows = em.createQuery("select e.id, e.tier, e.amountDue, p from Enrollment e, Person p"
                        + " where p.id = e.personId and e.policyId = :policy and e.regionCode = :village"
                        + " and e.status = :registered and e.id > :after order by e.id", Object[].class)
                .setParameter("policy", policyId).setParameter("village", villageCode)
                .setParameter("registered", EnrollmentStatus.REGISTERED).setParameter("after", afterId)
                .setMaxResults(max).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(rows.size());
        List<Long> personIds = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            ids.add((Long) r[0]);
            personIds.add(((Person) r[3]).getId());
        }
        Map<Long, List<HeldIdentity>> held = identities.heldByPerson(personIds);
        Set<Long> recorded = recorded(ids, asOf);
        List<Candidate> page = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Person person = (Person) r[3];
            page.add(new Candidate((Long) r[0], (Integer) r[1], (BigDecimal) r[2], person,
                    held.getOrDefault(person.getId(), List.of()), recorded.contains((Long) r[0])));
        }
        return page;
    }

    /** The change the switchover makes to this enrollment, or empty when it makes none. Writes nothing. */
    public Optional<Change> assess(Long enrollmentId, String policyId, LocalDate asOf) {
        Enrollment e = em.find(Enrollment.class, enrollmentId);
        if (e == null || e.getStatus() != EnrollmentStatus.REGISTERED || !e.getPolicyId().equals(policyId)) {
            return Optional.empty();
        }
        Person person = em.find(Person.class, e.getPersonId());
        return assess(new Candidate(e.getId(), e.getTier(), e.getAmountDue(), person, identities.held(person),
                !recorded(List.of(enrollmentId), asOf).isEmpty()), policyId, asOf);
    }

    /**
     * The change for a candidate read by {@link #unpaidPage}, or empty: already recorded for that date, refused by the
     * engine on {@code asOf}, or already owing the engine's amount. Reads and writes nothing.
     */
    public Optional<Change> assess(Candidate c, String policyId, LocalDate asOf) {
        if (c.recorded()) {
            return Optional.empty();
        }
        Policies.QuoteOutcome quote = policies.tryQuote(policyId, quotes.request(c.person(), c.held(), c.tier(), asOf));
        if (quote.refused()) {
            LOG.fine(() -> "enrollment " + c.enrollmentId() + " keeps its amount due: " + quote.messageEn());
            return Optional.empty();
        }
        BigDecimal newAmount = quote.quote().personalAmount();
        if (c.amountDue() != null && c.amountDue().compareTo(newAmount) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Change(c.enrollmentId(), c.amountDue(), newAmount));
    }

    /**
     * Applies the changes in the caller's transaction (the chunk's), on the enrollment rows locked like a payment
     * locks them; a change whose enrollment was paid or changed meanwhile is dropped. Returns how many were applied.
     */
    public int apply(List<Change> changes, String policyId, LocalDate asOf, Long jobExecutionId) {
        return apply(changes, policyId, asOf, AmountChange.Reason.FULL_COST_SWITCHOVER, jobExecutionId);
    }

    /**
     * {@link #apply(List, String, LocalDate, Long)} for any batch that reprices unpaid enrollments on a date. The
     * chunk's enrollments are locked in one statement ({@code select … for update}, in id order so that two jobs
     * cannot deadlock), checked against the changes already recorded in one more, and written by EclipseLink at
     * commit as JDBC batches (the updates of the amounts, the inserts of the change rows).
     */
    public int apply(List<Change> changes, String policyId, LocalDate asOf, AmountChange.Reason reason, Long jobExecutionId) {
        if (changes.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<Long, Change> byId = new HashMap<>();
        changes.forEach(c -> byId.put(c.enrollmentId(), c));
        List<Long> ids = new ArrayList<>(byId.keySet());
        List<Enrollment> locked = em.createQuery("select e from Enrollment e where e.id in :ids order by e.id", Enrollment.class)
                .setParameter("ids", ids).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        Set<Long> recorded = recorded(ids, asOf);
        int applied = 0;
        for (Enrollment e : locked) {
            Change change = byId.get(e.getId());
            if (e.getStatus() != EnrollmentStatus.REGISTERED || !sameAmount(e.getAmountDue(), change.oldAmount())
                    || recorded.contains(e.getId())) {
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

    /** Which of these enrollments already have a change recorded for {@code asOf}. */
    private Set<Long> recorded(List<Long> enrollmentIds, LocalDate asOf) {
        return new HashSet<>(em.createQuery("select c.enrollmentId from AmountChange c where c.enrollmentId in :ids"
                        + " and c.asOf = :asOf", Long.class)
                .setParameter("ids", enrollmentIds).setParameter("asOf", asOf).getResultList());
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
