package cn.canbao.batch.boundary;

import cn.canbao.enrollment.control.CampaignRenewal;
import cn.canbao.enrollment.control.DeadlineRollover;
import cn.canbao.enrollment.control.FullCostSwitchover;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.control.AuditLog;
import cn.canbao.platform.control.BusinessClock;
import cn.canbao.platform.control.PopulationGenerator.Profile;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Policy;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
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

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

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

    public static final String DEMO_POPULATION = "demo-population";
    public static final String FULL_COST_SWITCHOVER = "full-cost-switchover";
    public static final String ROSTER_IMPORT = "roster-import";
    public static final String CAMPAIGN_RENEWAL = "campaign-renewal";
    public static final String DEADLINE_ROLLOVER = "campaign-deadline-rollover";
    public static final String HOUSEHOLD_COMPARISON = "household-comparison";
    /** The jobs an operator may start, with the parameters each accepts (required ones first). */
    public static final Map<String, List<String>> JOBS = Map.of(
            DEMO_POPULATION, List.of("regionCode", "count", "seed", "policyId", "paidUntil", "paidShare", "tier2Share",
                    "subsidyShares", "chunkSize", "threads"),
            FULL_COST_SWITCHOVER, List.of("policyId", "asOf", "regionCode", "chunkSize", "threads"),
            ROSTER_IMPORT, List.of("importId", "chunkSize", "partitions", "threads"),
            CAMPAIGN_RENEWAL, List.of("fromPolicyId", "toPolicyId", "regionCode", "chunkSize", "threads"),
            DEADLINE_ROLLOVER, List.of("policyId", "asOf", "regionCode", "chunkSize", "threads"),
            HOUSEHOLD_COMPARISON, List.of("comparisonId", "chunkSize", "threads"));
    /** The parameters each job cannot start without (the others have defaults). */
    public static final Map<String, List<String>> REQUIRED = Map.of(
            DEMO_POPULATION, List.of("regionCode", "count", "seed", "policyId"),
            FULL_COST_SWITCHOVER, List.of("policyId", "asOf"),
            ROSTER_IMPORT, List.of("importId"),
            CAMPAIGN_RENEWAL, List.of("fromPolicyId", "toPolicyId"),
            DEADLINE_ROLLOVER, List.of("policyId", "asOf"),
            HOUSEHOLD_COMPARISON, List.of("comparisonId"));
    static final int MAX_DEMO_PERSONS = 2_000_000;

    public record Execution(long executionId, long instanceId, String jobName, String batchStatus, String exitStatus,
                            OffsetDateTime createTime, OffsetDateTime startTime, OffsetDateTime endTime,
                            OffsetDateTime lastUpdatedTime, Map<String, String> parameters, List<Step> steps) {
    }

    /** A step execution; for a partitioned step the metrics are the sums over its partitions. */
    public record Step(long stepExecutionId, String stepName, String batchStatus, String exitStatus,
                       OffsetDateTime startTime, OffsetDateTime endTime, Map<String, Long> metrics, String failure) {
    }

    @Inject
    Policies policies;

    @Inject
    Regions regions;

    @Inject
    FullCostSwitchover switchover;

    @Inject
    cn.canbao.subsidy.boundary.Rosters rosters;

    @Inject
    CampaignRenewal renewal;

    @Inject
    DeadlineRollover rollover;

    @Inject
    cn.canbao.person.boundary.HouseholdComparisons comparisons;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /** Starts a job after checking its parameters; nothing starts when a check fails. Returns the execution id. */
    public long start(String jobName, Map<String, String> given) {
        requireKnown(jobName);
        Map<String, String> parameters = checked(jobName, given == null ? Map.of() : given);
        refuseOverlappingRun(jobName, parameters);
        Properties properties = new Properties();
        properties.putAll(parameters);
        long id = operator().start(jobName, properties);
        if (HOUSEHOLD_COMPARISON.equals(jobName)) {
            comparisons.attachExecution(Long.parseLong(parameters.get("comparisonId")), id); // its report follows the latest run
        }
        audit.record("BATCH_JOB_STARTED", "job_execution", String.valueOf(id), null, null, jobName + " " + parameters);
        return id;
    }

    /** Executions of one job or of all, newest first. */
    public List<Execution> executions(String jobName, int limit) {
        if (jobName != null) {
            requireKnown(jobName);
        }
        List<Execution> all = new ArrayList<>();
        for (String name : jobName == null ? JOBS.keySet() : Set.of(jobName)) {
            List<JobInstance> instances;
            try {
                instances = operator().getJobInstances(name, 0, limit);
            } catch (NoSuchJobException neverRun) {
                continue;
            }
            for (JobInstance instance : instances) {
                for (JobExecution e : operator().getJobExecutions(instance)) {
                    all.add(view(e, List.of()));
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
            requireKnown(jobName);
        }
        List<JobExecution> all = new ArrayList<>();
        for (String name : jobName == null ? JOBS.keySet() : Set.of(jobName)) {
            int count;
            try {
                count = operator().getJobInstanceCount(name);
            } catch (NoSuchJobException neverRun) {
                continue;
            }
            for (JobInstance instance : operator().getJobInstances(name, 0, count)) {
                all.addAll(operator().getJobExecutions(instance));
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
        try {
            long id = operator().restart(executionId, parameters);
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

    private static JobExecution find(long executionId) {
        try {
            JobExecution e = operator().getJobExecution(executionId);
            if (e == null || !JOBS.containsKey(e.getJobName())) {
                throw new NoSuchJobExecutionException(String.valueOf(executionId));
            }
            return e;
        } catch (NoSuchJobExecutionException e) {
            throw ProblemException.notFound("EXECUTION_UNKNOWN", "未知的作业执行 " + executionId,
                    "unknown job execution " + executionId);
        }
    }

    private static void requireKnown(String jobName) {
        if (jobName == null || !JOBS.containsKey(jobName)) {
            throw ProblemException.notFound("JOB_UNKNOWN", "未知的批处理作业 " + jobName + "（可用：" + String.join("、", new TreeMap<>(JOBS).keySet()) + "）",
                    "unknown batch job " + jobName + " (known: " + String.join(", ", new TreeMap<>(JOBS).keySet()) + ")");
        }
    }

    // ---- parameters ------------------------------------------------------------------------------------------------

    private Map<String, String> checked(String jobName, Map<String, String> given) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : given.keySet()) {
            if (!JOBS.get(jobName).contains(name)) {
                errors.add(new FieldError("parameters." + name, "未知参数，可用：" + JOBS.get(jobName) + " / unknown parameter"));
            }
        }
        Map<String, String> p = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                p.put(k, v.trim());
            }
        });
        if (DEMO_POPULATION.equals(jobName)) {
            require(p, errors, REQUIRED.get(jobName));
            number(p, errors, "count", 2, MAX_DEMO_PERSONS, Long::parseLong);
            number(p, errors, "seed", Long.MIN_VALUE, Long.MAX_VALUE, Long::parseLong);
            date(p, errors, "paidUntil");
            number(p, errors, "paidShare", 0, 1, Double::parseDouble);
            number(p, errors, "tier2Share", 0, 1, Double::parseDouble);
            if (p.containsKey("subsidyShares")) {
                try {
                    Profile.parseShares(p.get("subsidyShares"));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("parameters.subsidyShares", "形如 101:0.03,113:0.01 / like 101:0.03,113:0.01"));
                }
            }
        } else if (CAMPAIGN_RENEWAL.equals(jobName)) {
            require(p, errors, REQUIRED.get(jobName));
        } else if (ROSTER_IMPORT.equals(jobName)) {
            require(p, errors, REQUIRED.get(jobName));
            number(p, errors, "importId", 1, Long.MAX_VALUE, Long::parseLong);
        } else if (HOUSEHOLD_COMPARISON.equals(jobName)) {
            require(p, errors, REQUIRED.get(jobName));
            number(p, errors, "comparisonId", 1, Long.MAX_VALUE, Long::parseLong);
        } else {
            require(p, errors, REQUIRED.get(jobName));
            date(p, errors, "asOf");
        }
        number(p, errors, "chunkSize", 1, 5000, Long::parseLong);
        number(p, errors, "threads", 1, 8, Long::parseLong);
        number(p, errors, "partitions", 1, 8, Long::parseLong);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "作业参数不完整或格式错误", "missing or malformed job parameters", errors);
        }
        if (ROSTER_IMPORT.equals(jobName)) {
            rosters.report(Long.parseLong(p.get("importId"))); // 404 ROSTER_IMPORT_UNKNOWN; a rerun reports each row once
            return p;
        }
        if (HOUSEHOLD_COMPARISON.equals(jobName)) {
            // 404 HOUSEHOLD_COMPARISON_UNKNOWN; policy and region come from the stored comparison (partitions, JOB_RUNNING)
            String[] policyAndRegion = comparisons.policyAndRegion(Long.parseLong(p.get("comparisonId")));
            p.put("policyId", policyAndRegion[0]);
            p.put("regionCode", policyAndRegion[1]);
            return p;
        }
        if (CAMPAIGN_RENEWAL.equals(jobName)) {
            Policy from = policy(p.get("fromPolicyId"), "fromPolicyId");
            policy(p.get("toPolicyId"), "toPolicyId");
            renewal.requireNextYear(p.get("fromPolicyId"), p.get("toPolicyId"));
            p.putIfAbsent("regionCode", from.regionCode());
            regionWithin(p.get("regionCode"), from);
            return p;
        }
        Policy policy = policy(p.get("policyId"));
        if (DEMO_POPULATION.equals(jobName)) {
            Region region = regionWithin(p.get("regionCode"), policy);
            if (region.getLevel() != RegionLevel.TOWN && region.getLevel() != RegionLevel.VILLAGE) {
                throw unprocessable("REGION_NOT_TOWN_OR_VILLAGE", "regionCode",
                        "演示人口须生成在镇（乡、街道）或村（社区）：" + region.getCode() + " 为 " + region.getLevel(),
                        "demo population goes into a town or a village; " + region.getCode() + " is a " + region.getLevel());
            }
            int villages = regions.villagesUnder(region.getCode()).size();
            if (villages == 0 || Long.parseLong(p.get("count")) < 2L * villages) {
                throw unprocessable("COUNT_TOO_SMALL", "count", "每个村至少2人（" + villages + "个村）",
                        "at least 2 persons per village (" + villages + " villages)");
            }
            for (String code : Profile.parseShares(p.getOrDefault("subsidyShares", "")).keySet()) {
                if (policy.category(code).isEmpty()) {
                    throw unprocessable("SUBSIDY_CODE_UNKNOWN", "subsidyShares", "资助身份 " + code + " 不在 " + policy.policyId() + " 的资助目录中",
                            "subsidy code " + code + " is not in the catalogue of " + policy.policyId());
                }
            }
            p.putIfAbsent("paidUntil", LocalDate.now(clock).toString());
        } else if (DEADLINE_ROLLOVER.equals(jobName)) {
            rollover.requireAfterDeadline(policy.policyId(), LocalDate.parse(p.get("asOf")));
            p.putIfAbsent("regionCode", policy.regionCode());
            regionWithin(p.get("regionCode"), policy);
        } else {
            switchover.requireFullCostDate(policy.policyId(), LocalDate.parse(p.get("asOf")));
            p.putIfAbsent("regionCode", policy.regionCode());
            regionWithin(p.get("regionCode"), policy);
        }
        return p;
    }

    private Policy policy(String policyId) {
        return policy(policyId, "policyId");
    }

    private Policy policy(String policyId, String field) {
        if (policies.list().stream().noneMatch(s -> s.policyId().equals(policyId))) {
            throw unprocessable("POLICY_UNKNOWN", field, "未知的政策编号 " + policyId, "unknown policy " + policyId);
        }
        return policies.policy(policyId);
    }

    private Region regionWithin(String code, Policy policy) {
        Region region = regions.find(code).orElseThrow(() -> unprocessable("REGION_UNKNOWN", "regionCode",
                "未知的行政区划代码 " + code, "unknown region code " + code));
        if (!regions.isWithin(code, policy.regionCode())) {
            throw unprocessable("REGION_OUTSIDE_POLICY", "regionCode", code + " 不属于 " + policy.policyId() + " 的统筹区 " + policy.regionCode(),
                    code + " lies outside " + policy.policyId() + "'s pooling region " + policy.regionCode());
        }
        return region;
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

    private static void require(Map<String, String> p, List<FieldError> errors, List<String> names) {
        for (String name : names) {
            if (!p.containsKey(name)) {
                errors.add(new FieldError("parameters." + name, "必填 / required"));
            }
        }
    }

    private static <N extends Number> void number(Map<String, String> p, List<FieldError> errors, String name, double min,
                                                  double max, Function<String, N> parse) {
        if (!p.containsKey(name)) {
            return;
        }
        try {
            double value = parse.apply(p.get(name)).doubleValue();
            if (value < min || value > max) {
                errors.add(new FieldError("parameters." + name, "须在 " + fmt(min) + " 至 " + fmt(max) + " 之间 / must lie in "
                        + fmt(min) + ".." + fmt(max)));
            }
        } catch (NumberFormatException e) {
            errors.add(new FieldError("parameters." + name, "须为数字 / must be a number"));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static void date(Map<String, String> p, List<FieldError> errors, String name) {
        if (!p.containsKey(name)) {
            return;
        }
        try {
            LocalDate.parse(p.get(name));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("parameters." + name, "须为日期 yyyy-MM-dd / must be a date yyyy-MM-dd"));
        }
    }

    private static ProblemException unprocessable(String code, String field, String zh, String en) {
        return new ProblemException(ProblemException.Kind.UNPROCESSABLE, code, zh, en, List.of(new FieldError("parameters." + field, zh)));
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
