package cn.canbao.taxchannel.control;

import cn.canbao.enrollment.boundary.InsuranceHistories;
import cn.canbao.enrollment.entity.InsuranceHistory;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ChangeFeed;
import cn.canbao.platform.boundary.Jsons;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.Tier;
import cn.canbao.subsidy.boundary.PersonQuotes;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Publishes the change feed (platform's outbox) for the feed to tax: one publisher at a time (the feed head is locked
 * in this transaction of its own), rows in the order they became visible get the next positions, and what the feed
 * shows is decided now and kept — the person's current policy for a change of the person (an identity), the subsidy
 * mark and the amount due in every tier on today's business date. A change of a person with no enrollment is kept
 * without a position (nothing for tax to charge).
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class FeedPublisher {

    /** Rows published per call: a read publishes what has come in since the last one, a large job's in several reads. */
    static final int BATCH = 2000;

    @PersistenceContext
    EntityManager em;

    @Inject
    InsuranceHistories histories;

    @Inject
    cn.canbao.person.boundary.PersonGroups personGroups;

    @Inject
    ChangeFeed feed;

    @Inject
    Policies policies;

    @Inject
    PersonQuotes quotes;

    @Inject
    SubsidyIdentities identities;

    @Inject
    Clock clock;

    /** Publishes up to {@link #BATCH} rows; how many were looked at. */
    public int publish() {
        long head = feed.lockHead();
        List<ChangeFeed.Pending> rows = feed.unpublished(BATCH);
        if (rows.isEmpty()) {
            return 0;
        }
        Map<Long, List<HeldIdentity>> held = identities.heldByPerson(rows.stream().map(ChangeFeed.Pending::personId).distinct().toList());
        LocalDate today = LocalDate.now(clock);
        List<ChangeFeed.Decision> decisions = new ArrayList<>(rows.size());
        for (ChangeFeed.Pending row : rows) {
            Person person = em.find(Person.class, row.personId());
            String policyId = row.policyId() != null ? row.policyId() : currentPolicy(row.personId());
            if (person == null || policyId == null) {
                decisions.add(new ChangeFeed.Decision(row.id(), null, policyId, null, null));
                continue;
            }
            Policy policy = policies.policy(policyId);
            JsonArrayBuilder due = Jsons.PROVIDER.createArrayBuilder();
            String subsidyCode = null;
            // what the person would pay: under a continuity rule with their insurance history, as the payment is priced
            // and their groups valid today
            InsuranceHistory history = InsuranceHistories.needsHistory(policy) ? histories.historyOf(person) : InsuranceHistory.NONE;
            List<cn.canbao.policy.entity.HeldGroup> groups = policy.readsGroups(person.getResidentType())
                    ? personGroups.heldOf(List.of(person.getId())).getOrDefault(person.getId(), List.of()) : List.of();
            for (Tier tier : policy.tiers()) {
                Policies.QuoteOutcome quote = policies.tryQuote(policy, history.addTo(
                        quotes.request(person, held.getOrDefault(row.personId(), List.of()), tier.tier(), today)
                                .withHeldGroups(groups)));
                if (!quote.refused()) {
                    due.add(Jsons.PROVIDER.createObjectBuilder().add("tier", tier.tier()).add("amount", quote.quote().personalAmount()));
                    subsidyCode = subsidyCode == null ? quote.quote().subsidyCode() : subsidyCode;
                }
            }
            // an amount change names its own amount (from its date on); every other change what is due today
            decisions.add(new ChangeFeed.Decision(row.id(), ++head, policyId, subsidyCode,
                    row.amountDue() != null ? row.amountDue() : due.build().toString()));
        }
        feed.publish(decisions, head);
        return rows.size();
    }

    /** The policy of the person's latest enrollment that is not cancelled, or null. */
    private String currentPolicy(long personId) {
        return em.createNamedQuery(Enrollment.OF_PERSON, Enrollment.class).setParameter("person", personId).getResultStream()
                .filter(e -> !e.isCancelled()).map(Enrollment::getPolicyId).findFirst().orElse(null);
    }
}
