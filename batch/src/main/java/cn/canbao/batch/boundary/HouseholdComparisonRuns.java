package cn.canbao.batch.boundary;

import cn.canbao.person.boundary.HouseholdComparisons;
import cn.canbao.person.boundary.HouseholdComparisons.Report;
import cn.canbao.person.boundary.HouseholdComparisons.Stored;
import cn.canbao.person.boundary.HouseholdComparisons.Upload;
import cn.canbao.platform.boundary.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

/**
 * Police household lists in: keep the upload (the same file for the same policy and region is the same comparison),
 * start {@code household-comparison} on it through {@link BatchJobs#start} (parameter checks, JOB_RUNNING, audit) and
 * wait for the report a little while. Outside a transaction, like {@link BatchJobs}: the upload must be committed
 * before the job's thread reads it.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.OPERATOR})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HouseholdComparisonRuns {

    private static final EnumSet<BatchStatus> ENDED = EnumSet.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    /** The report and whether the comparison was new (201) or the same file had been compared before (200). */
    public record Outcome(boolean created, Report report) {
    }

    @Inject
    HouseholdComparisons comparisons;

    @Inject
    BatchJobs jobs;

    /** Stores the upload, starts the job (again, for a file compared before: it then records nothing new) and waits up to {@code wait}. */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public Outcome compare(Upload upload, Duration wait) {
        Stored stored = comparisons.store(upload);
        long executionId = jobs.start(BatchJobs.HOUSEHOLD_COMPARISON, Map.of("comparisonId", String.valueOf(stored.comparisonId())));
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline && !ENDED.contains(status(executionId))) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Outcome(stored.created(), report(stored.comparisonId()));
    }

    public Report report(long comparisonId) {
        Report report = comparisons.report(comparisonId);
        if (report.executionId() == null) {
            return report.withStatus("STARTING", null);
        }
        JobExecution e = BatchRuntime.getJobOperator().getJobExecution(report.executionId());
        // the status first, then the counts: a report marked COMPLETED holds every village
        return comparisons.report(comparisonId).withStatus(String.valueOf(e.getBatchStatus()), e.getExitStatus());
    }

    private static BatchStatus status(long executionId) {
        return BatchRuntime.getJobOperator().getJobExecution(executionId).getBatchStatus();
    }
}
