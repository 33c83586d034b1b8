package cn.canbao.web.batch;

import cn.canbao.batch.boundary.BatchJobs;
import cn.canbao.batch.boundary.JobDefinition;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code batch/jobs.xhtml?job=}: the jobs and their parameters (as {@code GET /api/v1/batch/jobs}: {@link BatchJobs#jobs}),
 * and a form starting the chosen job through the same boundary as {@code POST /api/v1/batch/jobs/{job}/executions}.
 * A refused start (400 INVALID_INPUT, 422 POLICY_UNKNOWN…, 409 JOB_RUNNING) shows the boundary's messages; nothing starts.
 */
@Named
@ViewScoped
public class BatchJobsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A parameter of a job; required ones have no default. */
    public record Parameter(String name, boolean required) implements Serializable {
    }

    /** A job as the table lists it. */
    public record Job(String jobName, List<Parameter> parameters) implements Serializable {
    }

    @Inject
    transient BatchJobs jobs;

    private String job;
    private final Map<String, String> values = new HashMap<>();

    public List<Job> getJobs() {
        return jobs.jobs().stream().map(d -> new Job(d.id(), parameters(d))).toList();
    }

    public List<Parameter> getParameters() {
        return jobs.jobs().stream().filter(d -> d.id().equals(job)).findFirst().map(BatchJobsView::parameters).orElse(List.of());
    }

    private static List<Parameter> parameters(JobDefinition job) {
        return job.parameters().stream().map(p -> new Parameter(p.name(), p.required())).toList();
    }

    /** The job's description and a parameter's, from the bundle. */
    public String describe(String jobName) {
        return Texts.text("batch.job." + jobName, "");
    }

    public String describe(String jobName, String parameter) {
        return Texts.text("batch.param." + jobName + "." + parameter, Texts.text("batch.param." + parameter, ""));
    }

    public void start() {
        Map<String, String> given = new LinkedHashMap<>();
        for (Parameter p : getParameters()) {
            String v = values.get(p.name());
            if (v != null && !v.isBlank()) {
                given.put(p.name(), v.trim());
            }
        }
        try {
            long id = jobs.start(job, given);
            ScreenMessages.info(Texts.text("batch.started", "Started execution") + " " + id);
            ScreenMessages.keepForRedirect();
            ScreenMessages.redirect("/batch/execution.xhtml?id=" + id);
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "batch.field.", "parameters.");
        }
    }

    public String getJob() { return job; }
    public void setJob(String job) { this.job = job; }
    public Map<String, String> getValues() { return values; }
}
