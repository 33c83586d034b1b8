package cn.canbao.batch.boundary;

import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.control.AuditLog;
import cn.canbao.subsidy.boundary.Rosters;
import cn.canbao.subsidy.boundary.Rosters.Report;
import cn.canbao.subsidy.boundary.Rosters.Upload;
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
import java.util.Properties;

/**
 * Department rosters in: keep the upload, start {@code roster-import} on it and wait for the report a little while
 * (a roster of a few thousand rows is done in seconds); a longer one answers with the import id to ask again.
 * Outside a transaction, like {@link BatchJobs}: the upload must be committed before the job's thread reads it.
 */
@Stateless
@RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RosterImports {

    private static final EnumSet<BatchStatus> ENDED = EnumSet.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    @Inject
    Rosters rosters;

    @Inject
    AuditLog audit;

    /** Stores the upload, starts the job and waits up to {@code wait} for it to end; the report as it then stands. */
    public Report importRoster(Upload upload, Duration wait) {
        long importId = rosters.store(upload);
        Properties parameters = new Properties();
        parameters.setProperty("importId", String.valueOf(importId));
        long executionId = BatchRuntime.getJobOperator().start(BatchJobs.ROSTER_IMPORT, parameters);
        rosters.attachExecution(importId, executionId);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline && !ENDED.contains(status(executionId))) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return report(importId);
    }

    public Report report(long importId) {
        Report report = rosters.report(importId);
        if (report.executionId() == null) {
            return report.withStatus("STARTING", null);
        }
        JobExecution e = BatchRuntime.getJobOperator().getJobExecution(report.executionId());
        // the status first, then the rows: a report marked COMPLETED always holds every row
        return rosters.report(importId).withStatus(String.valueOf(e.getBatchStatus()), e.getExitStatus());
    }

    /** The imports, newest first, a page at a time, each with its job's status ("STARTING" before it has one). */
    public java.util.List<Rosters.Summary> recent(int first, int max) {
        return rosters.imports(first, max).stream().map(s -> s.withStatus(s.executionId() == null ? "STARTING"
                : String.valueOf(BatchRuntime.getJobOperator().getJobExecution(s.executionId()).getBatchStatus()))).toList();
    }

    public long count() {
        return rosters.importCount();
    }

    private static BatchStatus status(long executionId) {
        return BatchRuntime.getJobOperator().getJobExecution(executionId).getBatchStatus();
    }
}
