package cn.canbao.web.batch;

import cn.canbao.batch.boundary.BatchJobs;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * {@code batch/execution.xhtml?id=}: one execution — status, exit status, parameters, and each step execution with its
 * counts and failure reason — refreshed every two seconds while it runs; stop it, or restart a failed/stopped one
 * (the boundary's refusal codes shown: EXECUTION_NOT_RUNNING, EXECUTION_COMPLETE, …).
 */
@Named
@ViewScoped
public class ExecutionView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");

    @Inject
    transient BatchJobs jobs;

    private Long id;
    private transient BatchJobs.Execution execution;

    public void load() {
        if (id == null) {
            ScreenMessages.error(Texts.text("batch.execution.unknown", "No such execution"));
            return;
        }
        refresh();
    }

    public void refresh() {
        try {
            execution = jobs.execution(id);
        } catch (ProblemException problem) {
            execution = null;
            ScreenMessages.refused(problem, "batch.field.", "parameters.");
        }
    }

    public BatchJobs.Execution getExecution() {
        if (execution == null && id != null) {
            try {
                execution = jobs.execution(id);
            } catch (ProblemException gone) {
                return null;
            }
        }
        return execution;
    }

    public boolean isRunning() {
        return getExecution() != null && RUNNING.contains(getExecution().batchStatus());
    }

    /** Whether a restart can act: the execution failed or was stopped (a completed one has nothing left to do). */
    public boolean isRestartable() {
        return getExecution() != null && java.util.Set.of("FAILED", "STOPPED").contains(getExecution().batchStatus());
    }

    public void stop() {
        try {
            execution = jobs.stop(id);
            ScreenMessages.info(Texts.text("batch.stopRequested", "Stop requested") + " " + id);
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "batch.field.", "parameters.");
            refresh();
        }
    }

    public void restart() {
        try {
            long next = jobs.restart(id);
            ScreenMessages.info(Texts.text("batch.restarted", "Restarted as execution") + " " + next);
            ScreenMessages.keepForRedirect();
            ScreenMessages.redirect("/batch/execution.xhtml?id=" + next);
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "batch.field.", "parameters.");
            refresh();
        }
    }

    /** Skips of all three kinds (read, process, write). */
    public long skipped(BatchJobs.Step step) {
        Map<String, Long> m = step.metrics();
        return m.getOrDefault("readSkipCount", 0L) + m.getOrDefault("processSkipCount", 0L) + m.getOrDefault("writeSkipCount", 0L);
    }

    public long metric(BatchJobs.Step step, String name) {
        return step.metrics().getOrDefault(name, 0L);
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
}
