package cn.canbao.batch.boundary;

import cn.canbao.platform.boundary.Callers;
import cn.canbao.region.boundary.Regions;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.JobNodes;
import cn.canbao.platform.boundary.BusinessClock;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Operating the batch jobs (运维/批处理): start a job by name with checked parameters, list and read executions with
 * their step metrics and failure reasons, stop, restart. Through the Jakarta Batch JobOperator of this module (the
 * job XMLs and artifacts live here). Runs outside a transaction: JBeret's JDBC job repository must commit the new
 * execution before the job's own thread reads it.
 */
@Stateless
@RolesAllowed({Roles.OPERATOR, Roles.DISTRICT_ADMIN})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BatchJobs {

    public record Execution(long executionId, long instanceId, String jobName, String batchStatus, String exitStatus,
                            OffsetDateTime createTime, OffsetDateTime startTime, OffsetDateTime endTime,
                            OffsetDateTime lastUpdatedTime, Map<String, String> parameters, List<Step> steps) {
    }

    /** A step execution; for a partitioned step the metrics are the sums over its partitions. */
    public record Step(long stepExecutionId, String stepName, String batchStatus, String exitStatus,
                       OffsetDateTime startTime, OffsetDateTime endTime, Map<String, Long> metrics, String failure) {
    }

    @Inject
    JobCatalogue catalogue;

    @Inject
    JobStarts starts;

    @Inject
    JobNodes nodes;

    @Inject
    AuditLog audit;

    @Inject
    Callers callers;

    @Inject
    Regions regions;

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /** Starts a job after checking its parameters; nothing starts when a check fails. Returns the execution id. */
    public long start(String jobName, Map<String, String> given) {
        return starts.start(jobName, given);
    }

    /** The jobs there are, by id: title, typed parameters (as {@code GET /batch/jobs} and the console list them). */
    public List<JobDefinition> jobs() {
        return catalogue.all();
    }

    /** Executions of one job or of all, newest first. */
    public List<Execution> executions(String jobName, int limit) {
        if (jobName != null) {
            catalogue.require(jobName);
        }
        List<Execution> all = new ArrayList<>();
        for (String name : jobName == null ? catalogue.all().stream().map(JobDefinition::id).toList() : List.of(jobName)) {
            List<JobInstance> instances;
            try {
                instances = operator().getJobInstances(name, 0, limit);
            } catch (NoSuchJobException neverRun) {
                continue;
            }
            for (JobInstance instance : instances) {
                for (JobExecution e : operator().getJobExecutions(instance)) {
                    if (inCallersArea(e)) {
                        all.add(view(e, List.of()));
                    }
                }
            }
        }
        all.sort(Comparator.comparingLong(Execution::executionId).reversed());
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /** A page of executions, newest first, and how many there are in all. */
    public record Page(List<Execution> executions, int total) {
    }

    /**
     * Executions of one job or of all, newest first, a page at a time: the ids of all executions are read through the
     * JobOperator (one query per job instance), only the page's executions are read in full.
     */
    public Page page(String jobName, int first, int max) {
        if (jobName != null) {
            catalogue.require(jobName);
        }
        List<JobExecution> all = new ArrayList<>();
        for (String name : jobName == null ? catalogue.all().stream().map(JobDefinition::id).toList() : List.of(jobName)) {
            int count;
            try {
                count = operator().getJobInstanceCount(name);
            } catch (NoSuchJobException neverRun) {
                continue;
            }
            for (JobInstance instance : operator().getJobInstances(name, 0, count)) {
                operator().getJobExecutions(instance).stream().filter(this::inCallersArea).forEach(all::add);
            }
        }
        all.sort(Comparator.comparingLong(JobExecution::getExecutionId).reversed());
        int from = Math.min(Math.max(first, 0), all.size());
        int to = Math.min(from + Math.max(max, 1), all.size());
        return new Page(all.subList(from, to).stream().map(e -> view(e, List.of())).toList(), all.size());
    }

    /** One execution with its step executions and their metrics. */
    public Execution execution(long executionId) {
        JobExecution e = find(executionId);
        List<Step> steps = operator().getStepExecutions(executionId).stream().map(BatchJobs::view).toList();
        return view(e, steps);
    }

    public Execution stop(long executionId) {
        find(executionId);
        try {
            operator().stop(executionId);
        } catch (JobExecutionNotRunningException e) {
            throw ProblemException.conflict("EXECUTION_NOT_RUNNING", "作业执行 " + executionId + " 未在运行，无法停止",
                    "execution " + executionId + " is not running");
        }
        audit.record("BATCH_JOB_STOPPED", "job_execution", String.valueOf(executionId), null, null, null);
        return execution(executionId);
    }

    /**
     * Restarts a stopped or failed execution with its original parameters: completed partitions and chunks are not
     * redone (readers resume from their checkpoints). Returns the new execution id.
     */
    public long restart(long executionId) {
        JobExecution e = find(executionId);
        Properties parameters = e.getJobParameters() == null ? new Properties() : e.getJobParameters();
        java.util.Map<String, String> given = new java.util.HashMap<>();
        parameters.stringPropertyNames().forEach(n -> given.put(n, parameters.getProperty(n)));
        catalogue.find(e.getJobName()).ifPresent(d -> d.checkRestart(given));
        try {
            long id = operator().restart(executionId, parameters);
            nodes.started(id);
            audit.record("BATCH_JOB_RESTARTED", "job_execution", String.valueOf(id), null, null,
                    e.getJobName() + " restarts execution " + executionId);
            return id;
        } catch (JobExecutionAlreadyCompleteException done) {
            throw ProblemException.conflict("EXECUTION_COMPLETE", "作业执行 " + executionId + " 已完成，不能重启",
                    "execution " + executionId + " completed; start the job anew instead");
        } catch (JobExecutionNotMostRecentException older) {
            throw ProblemException.conflict("EXECUTION_NOT_MOST_RECENT", "只能重启该作业实例最近一次的执行",
                    "only the most recent execution of a job instance can be restarted");
        } catch (JobRestartException notRestartable) {
            throw ProblemException.conflict("EXECUTION_NOT_RESTARTABLE", "作业执行 " + executionId + " 不能重启：" + notRestartable.getMessage(),
                    "execution " + executionId + " cannot be restarted: " + notRestartable.getMessage());
        }
    }

    private JobExecution find(long executionId) {
        try {
            JobExecution e = operator().getJobExecution(executionId);
            if (e == null || !catalogue.contains(e.getJobName()) || !inCallersArea(e)) {
                throw new NoSuchJobExecutionException(String.valueOf(executionId)); // another area's: as unknown
            }
            return e;
        } catch (NoSuchJobExecutionException e) {
            throw ProblemException.notFound("EXECUTION_UNKNOWN", "未知的作业执行 " + executionId,
                    "unknown job execution " + executionId);
        }
    }

    /** An execution over a region (its {@code regionCode}) is the business of that region's area only. */
    private boolean inCallersArea(JobExecution e) {
        Properties parameters = e.getJobParameters();
        String region = parameters == null ? null : parameters.getProperty("regionCode");
        return region == null || callers.username().isEmpty() || regions.isWithin(region, callers.current().getRegionCode());
    }

    // ---- views ------------------------------------------------------------------------------------------------------

    private static Execution view(JobExecution e, List<Step> steps) {
        Map<String, String> parameters = new TreeMap<>();
        if (e.getJobParameters() != null) {
            e.getJobParameters().stringPropertyNames().forEach(n -> parameters.put(n, e.getJobParameters().getProperty(n)));
        }
        long instanceId;
        try {
            instanceId = operator().getJobInstance(e.getExecutionId()).getInstanceId();
        } catch (RuntimeException gone) {
            instanceId = -1;
        }
        return new Execution(e.getExecutionId(), instanceId, e.getJobName(), String.valueOf(e.getBatchStatus()),
                e.getExitStatus(), time(e.getCreateTime()), time(e.getStartTime()), time(e.getEndTime()),
                time(e.getLastUpdatedTime()), parameters, steps);
    }

    private static Step view(StepExecution s) {
        Map<String, Long> metrics = new TreeMap<>();
        if (s.getMetrics() != null) {
            for (Metric m : s.getMetrics()) {
                metrics.put(camel(m.getType().name()), m.getValue());
            }
        }
        return new Step(s.getStepExecutionId(), s.getStepName(), String.valueOf(s.getBatchStatus()), s.getExitStatus(),
                time(s.getStartTime()), time(s.getEndTime()), metrics, failure(s));
    }

    /** JBeret keeps the step's exception on its StepExecution implementation; the API has no getter for it. */
    private static String failure(StepExecution s) {
        try {
            Object e = s.getClass().getMethod("getException").invoke(s);
            return e == null ? null : e.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** READ_COUNT → readCount. */
    static String camel(String type) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : type.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    private static OffsetDateTime time(Date date) {
        return date == null ? null : date.toInstant().atZone(BusinessClock.CHINA).toOffsetDateTime();
    }
}
