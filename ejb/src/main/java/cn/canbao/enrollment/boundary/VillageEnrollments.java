package cn.canbao.enrollment.boundary;

import cn.canbao.region.boundary.VillagesMerged;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * A merged village's enrollments and their follow-up move with its persons (../shared/spec/DOMAIN.md §6): enrollments
 * of every year (so the receiving village's progress and history include them), signed non-enrollments, contact
 * attempts and amount changes. Closed collector days, village results and unpaid lists stay as the snapshots they were.
 */
@Stateless
@PermitAll
public class VillageEnrollments {

    @PersistenceContext
    EntityManager em;

    public void moveEnrollments(@Observes VillagesMerged merged) {
        em.flush();
        merged.moved("enrollments", move("update canbao.enrollment set region_code = ?1 where region_code = ?2", merged));
        merged.moved("nonEnrollments", move("update canbao.non_enrollment set region_code = ?1 where region_code = ?2", merged));
        merged.moved("contactAttempts", move("update canbao.contact_attempt set region_code = ?1 where region_code = ?2", merged));
        merged.moved("amountChanges", move("update canbao.amount_change set region_code = ?1 where region_code = ?2", merged));
    }

    private int move(String update, VillagesMerged merged) {
        return em.createNativeQuery(update).setParameter(1, merged.into()).setParameter(2, merged.from()).executeUpdate();
    }
}
