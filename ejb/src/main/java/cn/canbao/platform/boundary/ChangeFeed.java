package cn.canbao.platform.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes of persons' enrollments that outside systems follow (the feed to tax, DOMAIN.md §7), as a transactional
 * outbox: each component records its change here in the transaction that makes it, so a change and its feed row commit
 * or roll back together; the reader ({@code taxchannel}) publishes rows in the order they became visible and gives
 * them their positions. Rights are checked by the components that record and the one that reads.
 */
@Stateless
@PermitAll
public class ChangeFeed {

    /** The kinds of change (API.md {@code GET /tax-feed}). */
    public enum Change { REGISTERED, IDENTITY, AMOUNT, REFUNDED, CANCELLED }

    /** A change recorded and not yet published. {@code policyId} null: a change of the person, for their current policy. */
    public record Pending(long id, String policyId, long personId, Change change, OffsetDateTime at, String amountDue) {
    }

    /** A published change, as the feed shows it. */
    public record Published(long position, String policyId, long personId, Change change, OffsetDateTime at,
                            String subsidyCode, String amountDue) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Records one change in the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(String policyId, long personId, Change change) {
        em.createNativeQuery("insert into canbao.change_feed (policy_id, person_id, change_kind, changed_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, policyId).setParameter(2, personId).setParameter(3, change.name())
                .setParameter(4, OffsetDateTime.now(clock)).executeUpdate();
    }

    /** Records a chunk's changes as one JDBC batch on the chunk's connection (bulk paths: repricing, roster imports). */
    public static void recordAll(Connection connection, String policyId, List<Long> personIds, Change change,
                                 OffsetDateTime at) throws SQLException {
        recordAll(connection, policyId, personIds, null, change, at);
    }

    /**
     * As {@link #recordAll(Connection, String, List, Change, OffsetDateTime)}, each change with the amounts due it
     * sets ({@code amountsDue} parallel to {@code personIds}, JSON {@code [{tier, amount}]}): an amount change from a
     * date to come is not what a quote gives today.
     */
    public static void recordAll(Connection connection, String policyId, List<Long> personIds, List<String> amountsDue,
                                 Change change, OffsetDateTime at) throws SQLException {
        if (personIds.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into canbao.change_feed (policy_id, person_id,"
                + " change_kind, changed_at, amount_due) values (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < personIds.size(); i++) {
                insert.setString(1, policyId);
                insert.setLong(2, personIds.get(i));
                insert.setString(3, change.name());
                insert.setObject(4, at);
                insert.setString(5, amountsDue == null ? null : amountsDue.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Locks the feed's head for the caller's transaction (one publisher at a time) and returns its position. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public long lockHead() {
        return ((Number) em.createNativeQuery("select feed_position from canbao.change_feed_head where id = 1 for update")
                .getSingleResult()).longValue();
    }

    /** Up to {@code max} rows not yet published and visible now, oldest first; call with the head locked. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<Pending> unpublished(int max) {
        List<Pending> rows = new ArrayList<>();
        for (Object o : em.createNativeQuery("select id, policy_id, person_id, change_kind, changed_at, amount_due from canbao.change_feed"
                + " where published_at is null order by id").setMaxResults(max).getResultList()) {
            Object[] r = (Object[]) o;
            rows.add(new Pending(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).longValue(),
                    Change.valueOf((String) r[3]), NativeValues.offsetDateTime(r[4]), (String) r[5]));
        }
        return rows;
    }

    /** What publication decided for a row: its position (null: never shown), policy, mark and amounts due. */
    public record Decision(long id, Long position, String policyId, String subsidyCode, String amountDue) {
    }

    /** Publishes rows (the caller holds the head's lock) and moves the head to {@code head}. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void publish(List<Decision> decisions, long head) {
        Connection c = em.unwrap(Connection.class);
        OffsetDateTime now = OffsetDateTime.now(clock);
        try (PreparedStatement update = c.prepareStatement("update canbao.change_feed set feed_position = ?, policy_id = ?,"
                + " subsidy_code = ?, amount_due = ?, published_at = ? where id = ?")) {
            for (Decision d : decisions) {
                update.setObject(1, d.position());
                update.setString(2, d.policyId());
                update.setString(3, d.subsidyCode());
                update.setString(4, d.amountDue());
                update.setObject(5, now);
                update.setLong(6, d.id());
                update.addBatch();
            }
            if (!decisions.isEmpty()) {
                update.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("feed not published: " + e.getMessage(), e);
        }
        em.createNativeQuery("update canbao.change_feed_head set feed_position = ?1 where id = 1").setParameter(1, head).executeUpdate();
    }

    /** The published changes of a policy after position {@code after}, in position order, at most {@code max}. */
    public List<Published> after(String policyId, long after, int max) {
        List<Published> rows = new ArrayList<>();
        for (Object o : em.createNativeQuery("select feed_position, policy_id, person_id, change_kind, changed_at, subsidy_code, amount_due"
                        + " from canbao.change_feed where feed_position > ?1 and policy_id = ?2 order by feed_position")
                .setParameter(1, after).setParameter(2, policyId).setMaxResults(max).getResultList()) {
            Object[] r = (Object[]) o;
            rows.add(new Published(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).longValue(),
                    Change.valueOf((String) r[3]), NativeValues.offsetDateTime(r[4]), (String) r[5], (String) r[6]));
        }
        return rows;
    }
}
