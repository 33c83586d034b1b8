package cn.canbao.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * After a crash (kill -9, power loss) JBeret's job repository still says STARTED for the executions that were
 * running, and the Jakarta Batch API refuses to restart anything but FAILED or STOPPED executions. This bean marks such
 * executions, their steps and their partitions FAILED, keeping their checkpoints, so that they can be restarted and
 * resume where they stopped.
 * <p>
 * Which executions were interrupted depends on the nodes sharing the job repository ({@link ClusterMembers}):
 * <ul>
 * <li>a single server (no cluster): when it starts none of its jobs can be running yet — every running one is marked;</li>
 * <li>a cluster node at start: the executions recorded as its own (it died with them), of a node that is not a member
 * now, and — only when it is alone in the cluster — those of no recorded node; never a live node's;</li>
 * <li>while the cluster runs, the coordinator marks those of a node that has left ({@link #departed}, then restarted by
 * {@code ClusterRecovery}).</li>
 * </ul>
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class InterruptedJobs {

    static final String REASON = "FAILED: interrupted, the server stopped while this was running";
    private static final String RUNNING = "('STARTING', 'STARTED', 'STOPPING')";
    private static final Logger LOG = Logger.getLogger(InterruptedJobs.class.getName());

    /** A running execution and the node recorded for it (null: none). */
    public record Running(long executionId, String node) {
    }

    @Resource(lookup = "java:jboss/datasources/CanbaoDS")
    DataSource dataSource;

    @Inject
    ClusterMembers cluster;

    @PostConstruct
    void markInterruptedExecutionsFailed() {
        try {
            if (!cluster.clustered()) {
                markFailed(null);
                return;
            }
            String self = cluster.localNode();
            Set<String> members = cluster.members();
            boolean alone = !cluster.hasPeers();
            List<Long> interrupted = running().stream()
                    .filter(r -> self.equals(r.node()) || (r.node() == null ? alone : !members.contains(r.node())))
                    .map(Running::executionId).toList();
            if (!interrupted.isEmpty()) {
                markFailed(interrupted);
            }
        } catch (SQLException e) {
            // no job repository tables (yet): nothing was running
            LOG.fine(() -> "no interrupted job executions to mark: " + e.getMessage());
        }
    }

    /** The running executions whose recorded node is not a member of the cluster now (the coordinator's recovery). */
    @Lock(LockType.READ)
    @RolesAllowed(Roles.OPERATOR)
    public List<Running> departed() {
        Set<String> members = cluster.members();
        try {
            return running().stream().filter(r -> r.node() != null && !members.contains(r.node())).toList();
        } catch (SQLException e) {
            LOG.warning(() -> "running job executions could not be read: " + e.getMessage());
            return List.of();
        }
    }

    /** Marks these executions (all running ones when null), their steps and partitions FAILED; returns how many jobs. */
    @RolesAllowed(Roles.OPERATOR)
    public int markFailed(List<Long> executionIds) throws SQLException {
        if (executionIds != null && executionIds.isEmpty()) {
            return 0;
        }
        String ids = executionIds == null ? null : executionIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        String only = ids == null ? "" : " and jobexecutionid in (" + ids + ")";
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int partitions = update(c, "update partition_execution set batchstatus = 'FAILED', exitstatus = ? where batchstatus in " + RUNNING
                    + (ids == null ? "" : " and stepexecutionid in (select stepexecutionid from step_execution where jobexecutionid in (" + ids + "))"), null);
            int steps = update(c, "update step_execution set batchstatus = 'FAILED', exitstatus = ?, endtime = ? where batchstatus in " + RUNNING + only, now);
            int jobs = update(c, "update job_execution set batchstatus = 'FAILED', exitstatus = ?, endtime = ?, lastupdatedtime = ? where batchstatus in " + RUNNING + only, now);
            c.commit();
            if (jobs + steps + partitions > 0) {
                LOG.warning(() -> jobs + " job execution(s), " + steps + " step(s) and " + partitions
                        + " partition(s) were interrupted by a server stop; marked FAILED so they can be restarted"
                        + (executionIds == null ? "" : " " + executionIds));
            }
            return jobs;
        }
    }

    private List<Running> running() throws SQLException {
        List<Running> running = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select e.jobexecutionid, n.node from job_execution e"
                     + " left join canbao.job_execution_node n on n.job_execution_id = e.jobexecutionid"
                     + " where e.batchstatus in " + RUNNING);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                running.add(new Running(rs.getLong(1), rs.getString(2)));
            }
        }
        return running;
    }

    private static int update(Connection c, String sql, Timestamp now) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, REASON);
            if (now != null) {
                statement.setTimestamp(2, now);
                if (sql.contains("lastupdatedtime")) {
                    statement.setTimestamp(3, now);
                }
            }
            return statement.executeUpdate();
        }
    }
}
