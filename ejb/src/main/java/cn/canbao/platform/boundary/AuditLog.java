package cn.canbao.platform.boundary;

import cn.canbao.platform.entity.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.security.Principal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Writes audit entries in the caller's transaction, so an audited change and its audit line commit or roll back
 * together. The actor is the authenticated caller; work started by the system (start-up, timers) is "system".
 * Internal: callers' rights are checked at the business boundaries, so any caller may write its own audit line.
 *
 * <p>A CDI bean, not an EJB: it is called three times per payment, and an EJB invocation costs a whole interceptor
 * chain (security, pool, request scope, CMT) each time (docs/benchmarks.md). {@code @Transactional} keeps what the
 * EJB's default {@code REQUIRED} gave: a call without a transaction gets one of its own. Every caller is an EJB, so
 * the caller's identity is the one the EJB container associated with the thread; the injected {@link Principal}
 * (CDI built-in bean, Elytron's current identity) is what {@code SessionContext.getCallerPrincipal()} returned.
 */
@ApplicationScoped
@Transactional
public class AuditLog {

    public static final String SYSTEM = "system";

    @PersistenceContext
    EntityManager em;

    @Inject
    Principal principal;

    @Inject
    Clock clock;

    public AuditEntry record(String action, String entityType, String entityId, String before, String after, String detail) {
        AuditEntry entry = new AuditEntry(OffsetDateTime.now(clock), actor(), action, entityType, entityId, before, after, detail);
        em.persist(entry);
        return entry;
    }

    /** An audit line to be written with others ({@link #recordAll}). */
    public record Line(String action, String entityType, String entityId, String before, String after, String detail) {
    }

    /**
     * Many lines of one actor in one call (a bulk payment writes three per payment): the interceptors run once, and
     * the rows go to the database at once as one JDBC batch on the transaction's connection ({@link ChunkJdbc}), ids
     * from EclipseLink's own sequence pool — registering thousands of entities in the unit of work cost more than
     * writing them (docs/benchmarks.md, issue 13). Audit lines are never read back in the transaction that writes them.
     */
    public void recordAll(List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        OffsetDateTime at = OffsetDateTime.now(clock);
        String actor = actor();
        try (java.sql.PreparedStatement insert = ChunkJdbc.connection(em).prepareStatement("insert into canbao.audit_log"
                + " (id, occurred_at, actor, action, entity_type, entity_id, before_state, after_state, detail)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            java.util.function.LongSupplier ids = ChunkJdbc.ids(em, AuditEntry.class);
            for (Line l : lines) {
                insert.setLong(1, ids.getAsLong());
                insert.setObject(2, at);
                insert.setString(3, actor);
                insert.setString(4, l.action());
                insert.setString(5, l.entityType());
                insert.setString(6, l.entityId());
                insert.setString(7, l.before());
                insert.setString(8, l.after());
                insert.setString(9, l.detail());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (java.sql.SQLException e) {
            throw ChunkJdbc.failed("audit lines not written", e);
        }
    }

    /**
     * A refusal that changes nothing else, kept in a transaction of its own: the caller's is rolled back by the
     * refusal it is about to throw, and a line recorded in it would go with it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public AuditEntry recordRefusal(String action, String entityType, String entityId, String detail) {
        return record(action, entityType, entityId, null, null, detail);
    }

    public List<AuditEntry> forEntity(String entityType, String entityId) {
        return em.createQuery("select a from AuditEntry a where a.entityType = :type and a.entityId = :id order by a.id", AuditEntry.class)
                .setParameter("type", entityType)
                .setParameter("id", entityId)
                .getResultList();
    }

    /** A page of audit lines and how many matched in all. */
    public record Page(List<AuditEntry> entries, long total) {
    }

    /**
     * Audit lines by any of {@code actors} (never empty: the caller's boundary decides whose lines may be read),
     * optionally of one entity type and id, between two instants; newest first, a page at a time.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page search(java.util.Collection<String> actors, String entityType, String entityId, OffsetDateTime from,
                       OffsetDateTime to, int page, int size) {
        if (actors.isEmpty()) {
            return new Page(List.of(), 0);
        }
        StringBuilder where = new StringBuilder(" where a.actor in :actors");
        if (entityType != null) {
            where.append(" and a.entityType = :type");
        }
        if (entityId != null) {
            where.append(" and a.entityId = :id");
        }
        if (from != null) {
            where.append(" and a.occurredAt >= :from");
        }
        if (to != null) {
            where.append(" and a.occurredAt < :to");
        }
        var count = em.createQuery("select count(a) from AuditEntry a" + where, Long.class);
        var rows = em.createQuery("select a from AuditEntry a" + where + " order by a.occurredAt desc, a.id desc", AuditEntry.class);
        for (var q : List.<jakarta.persistence.Query>of(count, rows)) {
            q.setParameter("actors", actors);
            if (entityType != null) {
                q.setParameter("type", entityType);
            }
            if (entityId != null) {
                q.setParameter("id", entityId);
            }
            if (from != null) {
                q.setParameter("from", from);
            }
            if (to != null) {
                q.setParameter("to", to);
            }
        }
        return new Page(rows.setFirstResult(page * size).setMaxResults(size).getResultList(), count.getSingleResult());
    }

    /** The user on whose behalf the current call runs, or "system". */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String currentActor() {
        return actor();
    }

    private String actor() {
        String name;
        try {
            name = principal.getName();
        } catch (RuntimeException noIdentity) {    // no security domain on this thread (nothing authenticated)
            return SYSTEM;
        }
        return name == null || "anonymous".equals(name) ? SYSTEM : name;
    }
}
