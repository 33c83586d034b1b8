package cn.canbao.account.boundary;

import cn.canbao.account.control.PasswordHashes;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.entity.AppUser;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Accounts made by the system at start-up, with no caller: the demo accounts of the embedded default (demo data) and
 * the first district administrator of a production server (from the environment, docs/operations.md). Reached by
 * start-up code only — never by a screen or a resource (the architecture tests hold it so).
 */
@Stateless
@PermitAll
public class SystemAccounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public boolean any() {
        return em.createQuery("select count(u) from AppUser u", Long.class).getSingleResult() > 0;
    }

    /**
     * Creates the account, or gives an existing one without a password (made before accounts had one) its role and
     * password. Returns whether anything changed. {@code mustChange}: the first sign-in asks for a new password.
     */
    public boolean ensure(String username, String displayName, String role, String regionCode, String password, int cost,
                          boolean mustChange) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        AppUser user = em.find(AppUser.class, username);
        if (user != null && user.password() != null) {
            return false;
        }
        if (user == null) {
            user = new AppUser(username, displayName, role, regionCode, now, AuditLog.SYSTEM);
            em.persist(user);
        } else {
            user.assign(role, regionCode);
        }
        user.setPassword(PasswordHashes.hash(password, cost), mustChange, now);
        audit.record("ACCOUNT_CREATED", "account", username, null,
                "{\"username\":\"" + username + "\",\"role\":\"" + role + "\",\"regionCode\":\"" + regionCode + "\"}", "start-up");
        return true;
    }
}
