package cn.canbao.platform.control;

import cn.canbao.platform.entity.AuditEntry;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.Principal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Writes audit entries in the caller's transaction, so an audited change and its audit line commit or roll back
 * together. The actor is the authenticated caller; work started by the system (start-up, timers) is "system".
 * Internal: callers' rights are checked at the business boundaries, so any caller may write its own audit line.
 */
@Stateless
@PermitAll
public class AuditLog {

    public static final String SYSTEM = "system";

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    Clock clock;

    public AuditEntry record(String action, String entityType, String entityId, String before, String after, String detail) {
        AuditEntry entry = new AuditEntry(OffsetDateTime.now(clock), actor(), action, entityType, entityId, before, after, detail);
        em.persist(entry);
        return entry;
    }

    public List<AuditEntry> forEntity(String entityType, String entityId) {
        return em.createQuery("select a from AuditEntry a where a.entityType = :type and a.entityId = :id order by a.id", AuditEntry.class)
                .setParameter("type", entityType)
                .setParameter("id", entityId)
                .getResultList();
    }

    /** The user on whose behalf the current call runs, or "system". */
    public String currentActor() {
        return actor();
    }

    private String actor() {
        Principal principal = context.getCallerPrincipal();
        return principal == null || "anonymous".equals(principal.getName()) ? SYSTEM : principal.getName();
    }
}
