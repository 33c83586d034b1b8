package cn.canbao.batch.boundary;

import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.JobNodes;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.region.boundary.Regions;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Starting a job, the one way: the definition's checks ({@link JobCatalogue#checked}), no second run of the same job
 * over overlapping villages, the start, the definition's {@code started} hook, the audit line. Who may start is the
 * caller's business: {@link BatchJobs} (operators, district administrators), the upload boundaries (their own roles),
 * the scheduler. Must run outside a transaction: JBeret's JDBC job repository commits the new execution before the
 * job's own thread reads it.
 */
@ApplicationScoped
public class JobStarts {

    @Inject
    JobCatalogue catalogue;

    @Inject
    Regions regions;

    @Inject
    AuditLog audit;

    @Inject
    JobNodes nodes;

    /** Starts a job after checking its parameters; nothing starts when a check fails. Returns the execution id. */
    public long start(String jobName, Map<String, String> given) {
        JobDefinition job = catalogue.require(jobName);
        Map<String, String> parameters = catalogue.checked(job, given == null ? Map.of() : given);
        refuseOverlappingRun(jobName, parameters);
        Properties properties = new Properties();
        properties.putAll(parameters);
        long id = operator().start(jobName, properties);
        nodes.started(id);
        job.started(parameters, id);
        audit.record("BATCH_JOB_STARTED", "job_execution", String.valueOf(id), null, null, jobName + " " + parameters);
        return id;
    }

    /** Two runs of one job over the same villages at once would fight over the same rows: the second is refused. */
    private void refuseOverlappingRun(String jobName, Map<String, String> parameters) {
        List<Long> running;
        try {
            running = operator().getRunningExecutions(jobName);
        } catch (NoSuchJobException neverRun) {
            return;
        }
        for (long id : running) {
            Properties other = operator().getParameters(id);
            String region = other == null ? null : other.getProperty("regionCode");
            String mine = parameters.get("regionCode");
            if (region != null && (regions.isWithin(region, mine) || regions.isWithin(mine, region))) {
                throw ProblemException.conflict("JOB_RUNNING", jobName + " 正在 " + region + " 运行（执行 " + id + "），请等待其结束",
                        jobName + " is running over " + region + " (execution " + id + "); wait for it to end");
            }
        }
    }

    static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
