package cn.canbao.account.boundary;

import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.entity.AppUser;
import cn.canbao.region.boundary.VillagesMerged;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The accounts of a merged village (its clerks) now work for the village it was merged into, each change audited. */
@Stateless
@PermitAll
public class VillageAccounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    public void moveAccounts(@Observes VillagesMerged merged) {
        int moved = 0;
        for (AppUser user : em.createQuery("select u from AppUser u where u.regionCode = :v", AppUser.class)
                .setParameter("v", merged.from()).getResultList()) {
            user.assign(user.getRole(), merged.into());
            audit.record("ACCOUNT_CHANGED", "account", user.getUsername(), "{\"regionCode\":\"" + merged.from() + "\"}",
                    "{\"regionCode\":\"" + merged.into() + "\"}", "village merged");
            moved++;
        }
        merged.moved("accounts", moved);
    }
}
