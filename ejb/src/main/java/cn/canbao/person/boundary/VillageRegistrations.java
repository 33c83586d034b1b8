package cn.canbao.person.boundary;

import cn.canbao.region.boundary.VillageResidents;
import cn.canbao.region.boundary.VillagesMerged;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The person component's part in the region tree's life (../shared/spec/DOMAIN.md §6): how many persons a village has
 * (a village with persons is never retired, only merged), and moving a merged village's persons and households.
 */
@Stateless
@LocalBean
@Local(VillageResidents.class) // both views: the interface for the region tree, the bean for the observer
@PermitAll
public class VillageRegistrations implements VillageResidents {

    @PersistenceContext
    EntityManager em;

    @Override
    public long registeredIn(String villageCode) {
        return ((Number) em.createNativeQuery("select count(*) from canbao.person where household_region_code = ?1")
                .setParameter(1, villageCode).getSingleResult()).longValue();
    }

    /** Moves persons (household register and residence) and households of the merged village, in the merge's transaction. */
    public void moveResidents(@Observes VillagesMerged merged) {
        em.flush();
        merged.moved("persons", em.createNativeQuery("update canbao.person set household_region_code = ?1 where household_region_code = ?2")
                .setParameter(1, merged.into()).setParameter(2, merged.from()).executeUpdate());
        em.createNativeQuery("update canbao.person set residence_region_code = ?1 where residence_region_code = ?2")
                .setParameter(1, merged.into()).setParameter(2, merged.from()).executeUpdate();
        merged.moved("households", em.createNativeQuery("update canbao.household set region_code = ?1 where region_code = ?2")
                .setParameter(1, merged.into()).setParameter(2, merged.from()).executeUpdate());
    }
}
