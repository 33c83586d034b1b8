package cn.canbao.batch.boundary;

import cn.canbao.platform.boundary.JobReport;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one path of a file that a batch job works through: the component has checked and stored the upload; here its
 * job starts (through {@link JobStarts}: the job definition's checks, the audit line), the caller waits a little while
 * (a file of a few thousand rows is done in seconds), and the report comes back with the job's status — STARTING
 * before the job has one. Serves department rosters ({@link RosterImports}) and police household lists
 * ({@link HouseholdComparisonRuns}). Runs in its caller's context, which must have no transaction: the upload must be
 * committed before the job's thread reads it.
 */
@ApplicationScoped
public class UploadJobs {

    public static final String STARTING = "STARTING";

    private static final EnumSet<BatchStatus> ENDED = EnumSet.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    @Inject
    JobStarts starts;

    /**
     * Starts {@code jobName} on a stored upload, waits up to {@code wait} for it to end; the report as it then stands.
     * When the start is refused, {@code discard} takes the upload back (with the refusal's code) before the refusal
     * goes to the caller: nothing is left waiting for a job that never comes.
     */
    public <R extends JobReport<R>> R run(String jobName, Map<String, String> parameters, Duration wait, Supplier<R> report,
                                          java.util.function.Consumer<String> discard) {
        long executionId;
        try {
            executionId = starts.start(jobName, parameters);
        } catch (RuntimeException refused) {
            discard.accept(refused instanceof cn.canbao.platform.boundary.ProblemException p ? p.code() : "JOB_NOT_STARTED");
            throw refused;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline && !ENDED.contains(operatorStatus(executionId))) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return report(report);
    }

    /** The report with its job's status: the status is read first, then the rows, so a COMPLETED report holds them all. */
    public <R extends JobReport<R>> R report(Supplier<R> report) {
        R first = report.get();
        if (first.executionId() == null) {
            return first.withStatus(STARTING, null);
        }
        JobExecution e = BatchRuntime.getJobOperator().getJobExecution(first.executionId());
        return report.get().withStatus(String.valueOf(e.getBatchStatus()), e.getExitStatus());
    }

    /** The batch status of an upload's execution, STARTING when it has none yet. */
    public String status(Long executionId) {
        return executionId == null ? STARTING : String.valueOf(operatorStatus(executionId));
    }

    private static BatchStatus operatorStatus(long executionId) {
        return BatchRuntime.getJobOperator().getJobExecution(executionId).getBatchStatus();
    }
}
