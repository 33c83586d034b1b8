package cn.canbao.enrollment.boundary;

import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.region.boundary.Regions;
import cn.canbao.enrollment.entity.AmountChange;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.policy.boundary.Policies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The change list of amounts due (应缴金额变更清单) as the tax bureau reads it: which unpaid enrollments owe a
 * different amount from which date, with the amount before and after. Paged by id: {@code afterId} is the last id read.
 */
@Stateless
@RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.OPERATOR, Roles.SUPERVISOR})
public class AmountChanges {

    public static final int MAX_PAGE = 10_000;

    /** A line of the change list with the person it concerns. */
    public record Line(AmountChange change, Person person) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    Regions regions;

    @Inject
    Callers callers;

    public List<Line> since(String policyId, OffsetDateTime since, long afterId, int limit) {
        String pooling = policies.policy(policyId).regionCode(); // 404 POLICY_UNKNOWN
        String own = callers.current().getRegionCode();
        if (!regions.isWithin(pooling, own) && !regions.isWithin(own, pooling)) {
            throw ProblemException.forbidden("POLICY_OUTSIDE_AREA", "政策 " + policyId + " 的变更不在您的辖区内",
                    "the changes of " + policyId + " lie outside your area");
        }
        // statistical region codes extend their parent's code (../shared/spec/DOMAIN.md §6): the area is a prefix
        return em.createQuery("select c, p from AmountChange c, Person p where p.id = c.personId and c.policyId = :policy"
                        + " and c.regionCode like :area and c.changedAt >= :since and c.id > :after order by c.id", Object[].class)
                .setParameter("policy", policyId).setParameter("area", own + "%").setParameter("since", since)
                .setParameter("after", afterId)
                .setMaxResults(Math.max(1, Math.min(limit, MAX_PAGE)))
                .getResultList().stream().map(row -> new Line((AmountChange) row[0], (Person) row[1])).toList();
    }
}
