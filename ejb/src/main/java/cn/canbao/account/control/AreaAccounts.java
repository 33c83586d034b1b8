package cn.canbao.account.control;

import cn.canbao.platform.entity.AppUser;
import cn.canbao.region.boundary.Regions;
import jakarta.persistence.EntityManager;

import java.util.List;

/** The accounts whose region lies at or below a region (the list of accounts, the audit trail's actors). */
public final class AreaAccounts {

    private AreaAccounts() {
    }

    /** By user name; read whole and filtered by the region tree (a district has hundreds of accounts, not millions). */
    public static List<AppUser> within(EntityManager em, Regions regions, String regionCode) {
        return em.createQuery("select u from AppUser u order by u.username", AppUser.class).getResultList()
                .stream().filter(u -> regions.isWithin(u.getRegionCode(), regionCode)).toList();
    }
}
