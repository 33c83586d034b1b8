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
    private final Map<String, java.time.LocalDate> dates = new HashMap<>();

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
            java.time.LocalDate date = "date".equals(kind(p.name())) ? dates.get(p.name()) : null;
            String v = date != null ? date.toString() : values.get(p.name());
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

    /** A choice of a picker: the value sent and what the operator reads. */
    public record Choice(String value, String label) implements Serializable {
    }

    @Inject
    transient cn.canbao.policy.boundary.Policies policies;

    @Inject
    transient cn.canbao.region.boundary.Regions regions;

    private List<Choice> policyChoices;
    private List<Choice> regionChoices;

    /**
     * How a parameter is entered: {@code policy} and {@code region} from pickers of what the operator may name,
     * {@code date} with the browser's date picker (sent as yyyy-MM-dd), anything else as text.
     */
    public String kind(String parameter) {
        if ("policyId".equals(parameter)) {
            return "policy";
        }
        if ("regionCode".equals(parameter)) {
            return "region";
        }
        if ("asOf".equals(parameter) || "paidUntil".equals(parameter) || parameter.endsWith("Date") || parameter.endsWith("On")) {
            return "date";
        }
        return "text";
    }

    /** The policies of the operator's area and above it, newest year first. */
    public List<Choice> getPolicyChoices() {
        if (policyChoices == null) {
            String own = regions.callersSubtree().isEmpty() ? null : regions.callersSubtree().get(0).getCode();
            policyChoices = policies.list().stream()
                    .filter(s -> own == null || regions.isWithin(own, s.regionCode()) || regions.isWithin(s.regionCode(), own))
                    .sorted(java.util.Comparator.comparing(cn.canbao.policy.boundary.Policies.Summary::insuranceYear).reversed()
                            .thenComparing(cn.canbao.policy.boundary.Policies.Summary::policyId))
                    .map(s -> new Choice(s.policyId(), s.policyId() + " " + s.name())).toList();
        }
        return policyChoices;
    }

    /** The operator's region and every town and village under it, by name with the code. */
    public List<Choice> getRegionChoices() {
        if (regionChoices == null) {
            regionChoices = regions.callersSubtree().stream()
                    .map(r -> new Choice(r.getCode(), r.getName() + " " + r.getCode())).toList();
        }
        return regionChoices;
    }

    public String getJob() { return job; }
    public void setJob(String job) { this.job = job; }
    public Map<String, String> getValues() { return values; }
    public Map<String, java.time.LocalDate> getDates() { return dates; }
}
