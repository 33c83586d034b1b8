package cn.canbao.campaign.boundary;

import cn.canbao.enrollment.boundary.EnrollmentRows;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import cn.canbao.person.entity.QuotedPerson;
import cn.canbao.enrollment.boundary.InsuranceHistories;
import cn.canbao.person.boundary.PersonGroups;
import cn.canbao.policy.entity.HeldGroup;
import cn.canbao.enrollment.entity.InsuranceHistory;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.enrollment.entity.NonEnrollmentReason;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.ChunkJdbc;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.Policy;
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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * Next year's campaign opened from this year's (续保预登记, ../shared/spec/DOMAIN.md §5.6): every person with a standing payment in
 * the from-year who is alive, not in employee insurance or insured elsewhere (flag on the person, or a recorded
 * non-enrollment reason for either year) and not yet registered for the to-year is REGISTERED in the to-policy, same
 * tier and village, owing what the quote engine says on the to-policy's opening day (its concentrated window).
 * Subsidy identities live on the person with their own validity, so nothing is copied: an identity still valid then
 * prices the new enrollment, an expired one does not (the department's next roster renews it).
 * Idempotent: a person already enrolled for the to-year is left alone (and {@code uq_enrollment_person_year} holds).
 */
@Stateless
@PermitAll
public class CampaignRenewal {

    /** The batch job that opens next year's campaign from this year's paid enrollments. */
    public static final String JOB = "campaign-renewal";

    /** A pre-registration to make; Serializable as it travels between chunk artifacts. */
    public record Renewal(Long fromEnrollmentId, Long personId, int tier, String regionCode, BigDecimal amountDue)
            implements Serializable {
    }

    private static final Logger LOG = Logger.getLogger(CampaignRenewal.class.getName());
    private static final Set<NonEnrollmentReason> LEFT = EnumSet.of(NonEnrollmentReason.EMPLOYEE_INSURANCE,
            NonEnrollmentReason.INSURED_ELSEWHERE, NonEnrollmentReason.DECEASED);

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** @throws ProblemException 422 POLICY_NOT_NEXT_YEAR unless {@code to} is {@code from}'s region one year later */
    public void requireNextYear(String fromPolicyId, String toPolicyId) {
        Policy from = policies.policy(fromPolicyId);
        Policy to = policies.policy(toPolicyId);
        if (!from.regionCode().equals(to.regionCode()) || to.insuranceYear() != from.insuranceYear() + 1) {
            throw ProblemException.unprocessable("POLICY_NOT_NEXT_YEAR",
                    toPolicyId + " 不是 " + fromPolicyId + " 同一统筹区的下一年度政策",
                    toPolicyId + " is not the next year's policy of " + fromPolicyId + "'s pooling region");
        }
    }

    /**
     * A paid enrollment of the from-year with what renewing it needs: the person (flags), every identity on record,
     * whether a non-enrollment reason for either year or a to-year enrollment is on record. Read a page at a time by
     * {@link #paidPage}, assessed one by one in memory.
     */
    public record Candidate(Long enrollmentId, int tier, String regionCode, QuotedPerson person, List<HeldIdentity> held,
                            boolean left, boolean enrolled, InsuranceHistory history, List<HeldGroup> groups)
            implements Serializable {

        public Candidate {
            history = history == null ? InsuranceHistory.NONE : history;
            groups = groups == null ? List.of() : List.copyOf(groups);
        }

        /** A candidate without groups on record. */
        public Candidate(Long enrollmentId, int tier, String regionCode, QuotedPerson person, List<HeldIdentity> held,
                         boolean left, boolean enrolled, InsuranceHistory history) {
            this(enrollmentId, tier, regionCode, person, held, left, enrolled, history, List.of());
        }
    }

    /**
     * The paid enrollments of a village in the from-policy after {@code afterId}, ascending, as candidates for the
     * to-policy: four statements per page (enrollments joined to persons, their identities, their non-enrollment
     * reasons, their to-year enrollments), not five per enrollment, read by plain JDBC (see {@link QuotedPerson}).
     */
    public List<Candidate> paidPage(String policyId, String villageCode, String toPolicyId, long afterId, int max) {
        Policy to = policies.policy(toPolicyId);
        int toYear = to.insuranceYear();
        Connection connection = ChunkJdbc.connection(em);
        try {
            List<Object[]> rows = EnrollmentRows.enrollmentPage(connection,
                    List.of("e.id", "e.tier", "e.region_code", "e.insurance_year"), policyId, villageCode,
                    EnrollmentStatus.PAID, afterId, max,
                    (r, person) -> new Object[]{r.getLong(1), r.getInt(2), r.getString(3), r.getInt(4), person});
            List<Long> personIds = new ArrayList<>(rows.size());
            Set<Integer> years = new TreeSet<>(Set.of(toYear));
            for (Object[] r : rows) {
                personIds.add(((QuotedPerson) r[4]).id());
                years.add((Integer) r[3]);
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            Map<Long, List<HeldIdentity>> held = SubsidyIdentities.held(connection, personIds);
            Set<Long> enrolled = EnrollmentRows.enrolledIn(connection, toYear, personIds);
            Set<String> left = EnrollmentRows.notEnrolling(connection, LEFT, years, personIds);
            // the insurance history (the paid from-year among it) only when the to-policy's quotes read it
            Map<Long, InsuranceHistory> history = InsuranceHistories.needsHistory(to)
                    ? InsuranceHistories.histories(connection, personIds) : Map.of();
            // the person's groups only when the to-policy has rules for groups
            Map<Long, List<HeldGroup>> groups = to.readsGroups() ? PersonGroups.held(connection, personIds) : Map.of();
            List<Candidate> page = new ArrayList<>(rows.size());
            for (Object[] r : rows) {
                QuotedPerson person = (QuotedPerson) r[4];
                int fromYear = (Integer) r[3];
                page.add(new Candidate((Long) r[0], (Integer) r[1], (String) r[2], person,
                        held.getOrDefault(person.id(), List.of()),
                        left.contains(person.id() + "/" + fromYear) || left.contains(person.id() + "/" + toYear),
                        enrolled.contains(person.id()), history.get(person.id()), groups.get(person.id())));
            }
            return page;
        } catch (SQLException e) {
            throw ChunkJdbc.failed("paid enrollments of " + villageCode + " in " + policyId, e);
        }
    }

    /**
     * The pre-registration for a candidate read by {@link #paidPage}, or empty: deceased, employee-insured or insured
     * elsewhere (flag or recorded reason), already enrolled in the to-year, or a quote the to-policy refuses. A plain
     * function of the candidate and the to-policy, so that the job's processor calls it for each item without a
     * container call (the policy is read once).
     */
    public static Optional<Renewal> assess(Candidate c, Policy to, QuoteEngine engine) {
        QuotedPerson person = c.person();
        if (person.deceasedOn() != null || person.employeeInsured() || person.insuredElsewhere() || c.left() || c.enrolled()) {
            return Optional.empty();
        }
        BigDecimal amount;
        try {
            amount = engine.quote(to, c.history().addTo(person.request(c.held(), c.tier(), to.opening())
                    .withHeldGroups(c.groups()))).personalAmount();
        } catch (QuoteRefusedException refused) {
            LOG.info(() -> "enrollment " + c.enrollmentId() + " not renewed into " + to.policyId() + ": " + refused.messageEn());
            return Optional.empty();
        }
        return Optional.of(new Renewal(c.enrollmentId(), person.id(), c.tier(), c.regionCode(), amount));
    }

    /**
     * Registers the renewals in the caller's (the chunk's) transaction through {@link EnrollmentRows#register}: one
     * JDBC batch whose inserts each skip a person registered for the to-year meanwhile. Returns how many were
     * registered.
     */
    public int apply(List<Renewal> renewals, String toPolicyId, Long jobExecutionId) {
        if (renewals.isEmpty()) {
            return 0;
        }
        Policy to = policies.policy(toPolicyId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String actor = audit.currentActor();
        Map<Long, Renewal> byPerson = new TreeMap<>();
        renewals.forEach(r -> byPerson.putIfAbsent(r.personId(), r));
        int registered;
        try {
            registered = EnrollmentRows.register(em, byPerson.values().stream().map(r -> new EnrollmentRows.Registration(
                    r.personId(), toPolicyId, to.insuranceYear(), r.tier(), r.regionCode(), r.amountDue(), now, actor)).toList());
        } catch (SQLException e) {
            throw ChunkJdbc.failed("renewal into " + toPolicyId, e);
        }
        if (registered > 0) {
            audit.record("ENROLLMENTS_RENEWED", "job_execution", String.valueOf(jobExecutionId), null, null,
                    toPolicyId + ": " + registered + " person(s) pre-registered from the previous year");
        }
        return registered;
    }
}
