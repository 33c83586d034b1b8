package cn.canbao.account.boundary;

import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.entity.AppUser;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * People by the names they are known by (issue 17: no user name where a person's name belongs): the display names of
 * accounts, for the screens and receipts that name who recorded, collected, requested or reviewed something. A name
 * that is no account (an account since deleted, "system") is given back as it is.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.SUPERVISOR,
        Roles.OPERATOR, Roles.INTEGRATION})
public class UserNames {

    @PersistenceContext
    EntityManager em;

    /** Display name by user name, for those of {@code usernames} that are accounts. */
    public Map<String, String> displayNames(Collection<String> usernames) {
        Map<String, String> names = new HashMap<>();
        List<String> asked = usernames.stream().filter(u -> u != null && !u.isBlank()).distinct().toList();
        if (asked.isEmpty()) {
            return names;
        }
        em.createQuery("select u from AppUser u where u.username in :names", AppUser.class).setParameter("names", asked)
                .getResultStream().forEach(u -> names.put(u.getUsername(), u.getDisplayName()));
        return names;
    }
}
