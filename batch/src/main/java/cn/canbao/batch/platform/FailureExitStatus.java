package cn.canbao.batch.platform;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Puts the reason of a failure into the exit status, where an operator reads it over REST
 * ({@code GET /api/v1/batch/executions/{id}}): "FAILED: IllegalArgumentException: ...". Success keeps the default.
 */
@Named
@Dependent
public class FailureExitStatus implements StepListener, JobListener {

    @Inject
    JobContext job;

    @Inject
    StepContext step;

    @Override
    public void beforeStep() {
    }

    @Override
    public void afterStep() {
        Exception e = step.getException();
        if (e != null) {
            String reason = describe(e);
            step.setExitStatus(reason);
            job.setExitStatus(reason);
        }
    }

    @Override
    public void beforeJob() {
    }

    @Override
    public void afterJob() {
        if (job.getBatchStatus() == BatchStatus.FAILED && (job.getExitStatus() == null || "FAILED".equals(job.getExitStatus()))) {
            job.setExitStatus("FAILED: see the step executions and the server log");
        }
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = "FAILED: " + root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
