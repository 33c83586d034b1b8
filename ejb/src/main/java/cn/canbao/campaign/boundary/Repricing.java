package cn.canbao.campaign.boundary;

import cn.canbao.enrollment.boundary.EnrollmentRows;
import cn.canbao.enrollment.boundary.InsuranceHistories;
import cn.canbao.enrollment.entity.InsuranceHistory;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import cn.canbao.person.entity.QuotedPerson;
import cn.canbao.enrollment.entity.AmountChange;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.ChunkJdbc;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.HeldGroup;
import cn.canbao.person.boundary.PersonGroups;
import cn.canbao.policy.entity.PriceMode;
import cn.canbao.policy.entity.QuoteRefusedException;
import cn.canbao.policy.entity.QuoteEngine;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * The full-cost switchover (全额缴费切换, ../shared/spec/DOMAIN.md §5.5): from the full-cost date every unpaid enrollment owes what
 * the quote engine says for that date (standard − subsidy + fiscal share; exempt persons keep the standard price,
 * the engine knows them). Each change is written to the change list ({@link AmountChange}) for the tax side.
 * Idempotent: an enrollment already recorded for that date, or already owing the new amount, is left alone.
 * Internal: driven by the batch job {@code full-cost-switchover}, whose start is checked at the batch boundary.
 */
@Stateless
@PermitAll
public class Repricing {

    /**
     * What one enrollment owed and owes from {@code asOf}, with what its line in the change list names (person,
     * village, tier); Serializable as it travels between chunk artifacts.
     */
    public record Change(Long enrollmentId, Long personId, String regionCode, int tier, BigDecimal oldAmount,
                         BigDecimal newAmount) implements Serializable, EnrollmentRows.Repriced {
    }

    private static final Logger LOG = Logger.getLogger(Repricing.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

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
     * An unpaid enrollment of a village with what its quote needs (the person, every identity on record): read a page
     * at a time by {@link #unpaidPage}, priced one by one in memory.
     */
    public record Candidate(Long enrollmentId, int tier, String regionCode, BigDecimal amountDue, QuotedPerson person,
                            List<HeldIdentity> held, InsuranceHistory history, List<HeldGroup> groups) implements Serializable {

        public Candidate {
            history = history == null ? InsuranceHistory.NONE : history;
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        /** A candidate without groups on record. */
        public Candidate(Long enrollmentId, int tier, String regionCode, BigDecimal amountDue, QuotedPerson person,
                         List<HeldIdentity> held, InsuranceHistory history) {
            this(enrollmentId, tier, regionCode, amountDue, person, held, history, List.of());
        }
    }

    /**
     * The unpaid enrollments of a village after {@code afterId}, ascending, each with its person and the person's
     * identities: a resumable page in two statements (enrollments joined to persons, the identities of those
     * persons), not two per enrollment, read by plain JDBC (see {@link QuotedPerson}). Whether a change for the date
     * is already on record is decided where the change is written ({@link #apply}).
     */
    public List<Candidate> unpaidPage(String policyId, String villageCode, long afterId, int max) {
        Connection connection = ChunkJdbc.connection(em);
        try {
            List<Candidate> page = EnrollmentRows.enrollmentPage(connection, List.of("e.id", "e.tier", "e.amount_due"),
                    policyId, villageCode, EnrollmentStatus.REGISTERED, afterId, max,
                    (r, person) -> new Candidate(r.getLong(1), r.getInt(2), villageCode, r.getBigDecimal(3), person, null, null));
            List<Long> personIds = page.stream().map(c -> c.person().id()).toList();
            Map<Long, List<HeldIdentity>> held = SubsidyIdentities.held(connection, personIds);
            // the insurance history only when the policy's quotes read it (continuity or incentive rule)
            Policy policy = policies.policy(policyId);
            Map<Long, InsuranceHistory> history = InsuranceHistories.needsHistory(policy)
                    ? InsuranceHistories.histories(connection, personIds) : Map.of();
            // the person's groups only when the policy has rules for groups (an exemption, college or continuity rule)
            Map<Long, List<HeldGroup>> groups = policy.readsGroups() ? PersonGroups.held(connection, personIds) : Map.of();
            return page.stream().map(c -> new Candidate(c.enrollmentId(), c.tier(), c.regionCode(), c.amountDue(), c.person(),
                    held.getOrDefault(c.person().id(), List.of()), history.get(c.person().id()),
                    groups.get(c.person().id()))).toList();
        } catch (SQLException e) {
            throw ChunkJdbc.failed("unpaid enrollments of " + villageCode + " in " + policyId, e);
        }
    }

    /**
     * The change for a candidate read by {@link #unpaidPage}, or empty: refused by the engine on {@code asOf}, or
     * already owing the engine's amount. Reads and writes nothing: a plain function of the candidate and the policy,
     * so that the job's processor calls it for each item without a container call (the policy is read once).
     */
    public static Optional<Change> assess(Candidate c, Policy policy, QuoteEngine engine, LocalDate asOf) {
        BigDecimal newAmount;
        try {
            newAmount = engine.quote(policy, c.history().addTo(c.person().request(c.held(), c.tier(), asOf)
                    .withHeldGroups(c.groups()))).personalAmount();
        } catch (QuoteRefusedException refused) {
            LOG.fine(() -> "enrollment " + c.enrollmentId() + " keeps its amount due: " + refused.messageEn());
            return Optional.empty();
        }
        if (c.amountDue() != null && c.amountDue().compareTo(newAmount) == 0) {
            return Optional.empty();
        }
        return Optional.of(new Change(c.enrollmentId(), c.person().id(), c.regionCode(), c.tier(), c.amountDue(),
                newAmount));
    }

    /**
     * The enrollments of a village (where they are now, whatever village their line names) that already have a line
     * in the change list for {@code asOf}: read once by the job's writer when a partition (re)starts, then kept up to
     * date by {@link #apply}.
     */
    public Set<Long> recorded(String policyId, String villageCode, LocalDate asOf) {
        return new HashSet<>(em.createQuery("select c.enrollmentId from AmountChange c, Enrollment e"
                        + " where e.id = c.enrollmentId and e.policyId = :policy and e.regionCode = :village"
                        + " and c.asOf = :asOf", Long.class)
                .setParameter("policy", policyId).setParameter("village", villageCode).setParameter("asOf", asOf)
                .getResultList());
    }

    /**
     * Applies the changes of one village in the caller's transaction (the chunk's), in id order so that two jobs cannot
     * deadlock, through {@link EnrollmentRows#reprice} (a conditional update per enrollment, then the change lines of
     * exactly the updates that took effect). A change whose enrollment already has a line for the date ({@code recorded}, see {@link #recorded}) is
     * dropped, and the applied ones are added to it; the unique key (enrollment, date) is the last guard. Every
     * statement is a primary-key probe of {@code enrollment} or an insert: none depends on statistics of a table the
     * job is filling. Enrollments are not in the shared cache (only policies, regions and users are), so nothing
     * cached goes stale. Returns how many changes were applied.
     */
    public int apply(List<Change> changes, String policyId, LocalDate asOf, AmountChange.Reason reason,
                     Long jobExecutionId, Set<Long> recorded) {
        if (changes.isEmpty()) {
            return 0;
        }
        Map<Long, Change> byId = new TreeMap<>();
        changes.stream().filter(c -> !recorded.contains(c.enrollmentId())).forEach(c -> byId.put(c.enrollmentId(), c));
        List<Change> ordered = new ArrayList<>(byId.values());
        List<Change> applied;
        try {
            applied = EnrollmentRows.reprice(em, ordered, policyId, asOf, reason, OffsetDateTime.now(clock), jobExecutionId);
        } catch (SQLException e) {
            throw ChunkJdbc.failed("repricing " + policyId + " as of " + asOf, e);
        }
        if (applied.isEmpty()) {
            return 0;
        }
        applied.forEach(c -> recorded.add(c.enrollmentId()));
        audit.record(reason == AmountChange.Reason.FULL_COST_SWITCHOVER ? "AMOUNT_DUE_FULL_COST" : "AMOUNT_DUE_" + reason.name(),
                "job_execution", String.valueOf(jobExecutionId), null, null,
                policyId + " as of " + asOf + ": " + applied.size() + " enrollment(s) changed, see amount_change");
        return applied.size();
    }
}
