package cn.canbao.platform.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.logging.Logger;

/**
 * After a crash (kill -9, power loss) JBeret's job repository still says STARTED for the executions that were
 * running, and the Jakarta Batch API refuses to restart anything but FAILED or STOPPED executions. When the
 * application starts, none of its jobs can be running yet, so every execution still marked STARTING, STARTED or
 * STOPPING was interrupted: this bean marks it, its steps and its partitions FAILED, keeping their checkpoints, so an
 * operator can restart it and it resumes where it stopped. Assumes one server per job repository (no cluster).
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class InterruptedJobs {

    static final String REASON = "FAILED: interrupted, the server stopped while this was running";
    private static final String RUNNING = "('STARTING', 'STARTED', 'STOPPING')";
    private static final Logger LOG = Logger.getLogger(InterruptedJobs.class.getName());

    @Resource(lookup = "java:jboss/datasources/CanbaoDS")
    DataSource dataSource;

    @PostConstruct
    void markInterruptedExecutionsFailed() {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            int partitions = update(c, "update partition_execution set batchstatus = 'FAILED', exitstatus = ? where batchstatus in " + RUNNING, null);
            int steps = update(c, "update step_execution set batchstatus = 'FAILED', exitstatus = ?, endtime = ? where batchstatus in " + RUNNING, now);
            int jobs = update(c, "update job_execution set batchstatus = 'FAILED', exitstatus = ?, endtime = ?, lastupdatedtime = ? where batchstatus in " + RUNNING, now);
            c.commit();
            if (jobs + steps + partitions > 0) {
                LOG.warning(() -> jobs + " job execution(s), " + steps + " step(s) and " + partitions
                        + " partition(s) were interrupted by a server stop; marked FAILED so they can be restarted");
            }
        } catch (SQLException e) {
            // no job repository tables (yet): nothing was running
            LOG.fine(() -> "no interrupted job executions to mark: " + e.getMessage());
        }
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
