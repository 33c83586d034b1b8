package cn.canbao.batch.boundary;

import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.ClusterMembers;
import cn.canbao.platform.boundary.InterruptedJobs;
import cn.canbao.platform.boundary.InterruptedJobs.Running;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;

/**
 * Several nodes over one job repository: when a node leaves the cluster (kill -9, power loss, network) while it runs
 * batch jobs, the coordinator of the remaining nodes ({@link ClusterMembers#coordinator}: one node at a time, the next
 * one when it leaves) marks those executions FAILED and restarts them on itself, from their checkpoints, as an operator
 * would ({@link BatchJobs#restart}, audited). Checked every {@code canbao.cluster.recovery-seconds} (default 10) by a
 * non-persistent timer on every node, of which only the coordinator acts; on a single server it does nothing
 * ({@code InterruptedJobs} marks at start, an operator restarts). decision 50.
 */
@Singleton
@Startup
@DependsOn("InterruptedJobs")
@RunAs(Roles.OPERATOR)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterRecovery {

    public static final String INTERVAL_PROPERTY = "canbao.cluster.recovery-seconds";
    private static final Logger LOG = Logger.getLogger(ClusterRecovery.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ClusterMembers cluster;

    @Inject
    InterruptedJobs interrupted;

    @Inject
    BatchJobs jobs;

    @Inject
    AuditLog audit;

    @PostConstruct
    void schedule() {
        if (!cluster.clustered()) {
            return;
        }
        long seconds = Math.max(1, Long.getLong(INTERVAL_PROPERTY, 10));
        timers.createIntervalTimer(seconds * 1000, seconds * 1000, new TimerConfig("cluster job recovery", false));
    }

    @Timeout
    void check() {
        if (!cluster.coordinator()) {
            return;
        }
        List<Running> departed = interrupted.departed();
        if (departed.isEmpty()) {
            return;
        }
        List<Long> ids = departed.stream().map(Running::executionId).toList();
        try {
            interrupted.markFailed(ids);
        } catch (SQLException e) {
            LOG.warning(() -> "executions " + ids + " of departed nodes could not be marked: " + e.getMessage());
            return;
        }
        for (Running r : departed) {
            try {
                long id = jobs.restart(r.executionId());
                audit.record("BATCH_JOB_RECOVERED", "job_execution", String.valueOf(id), null, null,
                        "execution " + r.executionId() + " of node " + r.node() + " (gone) restarted on " + cluster.localNode());
                LOG.warning(() -> "execution " + r.executionId() + " ran on node " + r.node() + ", which left the cluster;"
                        + " restarted here as execution " + id);
            } catch (ProblemException | IllegalStateException e) {
                LOG.warning(() -> "execution " + r.executionId() + " of departed node " + r.node()
                        + " marked FAILED but not restarted: " + e.getMessage());
            }
        }
    }
}
