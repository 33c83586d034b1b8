package cn.canbao.batch.boundary;

import cn.canbao.campaign.boundary.CampaignSchedule;
import cn.canbao.campaign.boundary.CampaignSchedule.Due;
import cn.canbao.campaign.boundary.CampaignSchedule.Start;
import cn.canbao.platform.boundary.ClusterMembers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.boundary.Regions;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.annotation.security.RunAs;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Starts {@code campaign-deadline-rollover} and {@code full-cost-switchover} by themselves on each policy's dates
 * ({@link CampaignSchedule#dues}): every day at 00:10 China time the business date ({@link Clock}, the
 * {@code BusinessClock}) is compared with the due dates, and each job due on that day, or up to
 * {@code canbao.scheduler.catch-up-days} (default 7) days before it (the server was down), is started once, through
 * {@link BatchJobs#start} like an operator's start, with {@code policyId} and {@code asOf} = the due date. A job due
 * longer ago is MISSED: an operator decides. Started once per (policy, job, due date): {@code scheduled_job_start}'s
 * primary key decides between a restart or a second node; when the same job is already running (JOB_RUNNING) the
 * claim is given up and the next check tries again. The timer does nothing unless the system property
 * {@code canbao.scheduler.enabled} is true or unset (the test server sets it false); {@link #checkNow} (REST
 * {@code POST /batch/schedule/check}) always checks, on the business date. Starts run as {@code operator}; the audit
 * lines name "system" and, for a check asked over REST, the caller.
 */
@Singleton
@RunAs(Roles.OPERATOR)
@DeclareRoles({Roles.OPERATOR, Roles.DISTRICT_ADMIN})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobScheduler {

    public static final String ENABLED_PROPERTY = "canbao.scheduler.enabled";
    public static final String CATCH_UP_PROPERTY = "canbao.scheduler.catch-up-days";

    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());

    /** A scheduled job and where it stands on the business date. */
    public record Entry(String policyId, String jobName, LocalDate dueDate, String state, Long executionId, String batchStatus,
                        String detail, LocalDate startedOnBusinessDate) {
    }

    /** The schedule as operators see it (GET /batch/schedule). */
    public record Plan(boolean enabled, String dailyAt, LocalDate businessDate, int catchUpDays, List<Entry> entries) {
    }

    /** What one check did about each job due in its catch-up range. */
    public record Outcome(String policyId, String jobName, LocalDate dueDate, String result, Long executionId, String detail) {
    }

    @Inject
    CampaignSchedule schedule;

    @Inject
    BatchJobs jobs;

    @Inject
    Regions regions;

    @Inject
    Clock clock;

    @Inject
    ClusterMembers cluster;

    @Resource
    SessionContext context;

    @Schedule(hour = "0", minute = "10", timezone = "Asia/Shanghai", persistent = false, info = "campaign job schedule")
    void daily() {
        if (!enabled()) {
            LOG.fine("job scheduler disabled (" + ENABLED_PROPERTY + "=false)");
            return;
        }
        if (!cluster.coordinator()) {
            // several nodes: the coordinator checks (the claim in scheduled_job_start still makes a start once only)
            return;
        }
        check(LocalDate.now(clock), null);
    }

    /** The check on the business date, at once (REST "run now"); never on another date. */
    @RolesAllowed({Roles.OPERATOR, Roles.DISTRICT_ADMIN})
    public List<Outcome> checkNow() {
        String caller = context.getCallerPrincipal() == null ? "?" : context.getCallerPrincipal().getName();
        LOG.info(() -> "job schedule checked now by " + caller);
        return check(LocalDate.now(clock), null);
    }

    /**
     * The check as if the business date were {@code businessDate}, for one policy or all ({@code policyId} null).
     * Reached by no endpoint: the daily timer and {@link #checkNow} pass the business clock's date; in-container tests
     * pass a date of a test policy of their own.
     */
    @PermitAll
    public List<Outcome> check(LocalDate businessDate, String policyId) {
        int catchUp = catchUpDays();
        List<Outcome> outcomes = new ArrayList<>();
        for (Due due : schedule.dues()) {
            if ((policyId != null && !policyId.equals(due.policyId())) || businessDate.isBefore(due.dueDate())
                    || businessDate.isAfter(due.dueDate().plusDays(catchUp))) {
                continue;
            }
            outcomes.add(start(due, businessDate));
        }
        return outcomes;
    }

    private Outcome start(Due due, LocalDate businessDate) {
        if (regions.villagesUnder(due.regionCode()).isEmpty()) {
            return outcome(due, "NO_VILLAGES", null, "no village at or below " + due.regionCode());
        }
        boolean claimed;
        try {
            claimed = schedule.claim(due, businessDate);
        } catch (RuntimeException raced) {
            claimed = false; // another node inserted the same key between our look and our insert
        }
        if (!claimed) {
            return outcome(due, "ALREADY_STARTED", null, null);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("policyId", due.policyId());
        parameters.put("asOf", due.dueDate().toString());
        try {
            long id = jobs.start(due.jobName(), parameters);
            schedule.started(due, id, parameters.toString());
            LOG.info(() -> "scheduled " + due.jobName() + " for " + due.policyId() + " due " + due.dueDate() + " started: execution " + id);
            return outcome(due, "STARTED", id, null);
        } catch (ProblemException refused) {
            if ("JOB_RUNNING".equals(refused.code())) {
                schedule.release(due);
                LOG.info(() -> "scheduled " + due.jobName() + " for " + due.policyId() + " not started, the same job is running: "
                        + refused.getMessage());
                return outcome(due, "JOB_RUNNING", null, refused.getMessage());
            }
            schedule.refused(due, refused.code() + ": " + refused.getMessage());
            LOG.warning(() -> "scheduled " + due.jobName() + " for " + due.policyId() + " refused: " + refused.getMessage());
            return outcome(due, "REFUSED", null, refused.code());
        } catch (RuntimeException failed) {
            schedule.release(due);
            LOG.warning(() -> "scheduled " + due.jobName() + " for " + due.policyId() + " could not start: " + failed);
            return outcome(due, "FAILED_TO_START", null, failed.toString());
        }
    }

    private static Outcome outcome(Due due, String result, Long executionId, String detail) {
        return new Outcome(due.policyId(), due.jobName(), due.dueDate(), result, executionId, detail);
    }

    /** Every scheduled job of every policy with its state on the business date: PLANNED, DUE, MISSED, or what was started. */
    @RolesAllowed({Roles.OPERATOR, Roles.DISTRICT_ADMIN})
    public Plan schedule() {
        LocalDate today = LocalDate.now(clock);
        int catchUp = catchUpDays();
        Map<String, Start> starts = schedule.starts();
        List<Entry> entries = new ArrayList<>();
        for (Due due : schedule.dues()) {
            Start s = starts.get(CampaignSchedule.key(due.policyId(), due.jobName(), due.dueDate()));
            if (s != null) {
                entries.add(new Entry(due.policyId(), due.jobName(), due.dueDate(), s.status(), s.executionId(),
                        s.executionId() == null ? null : batchStatus(s.executionId()), s.detail(), s.businessDate()));
                continue;
            }
            String state = today.isBefore(due.dueDate()) ? "PLANNED" : today.isAfter(due.dueDate().plusDays(catchUp)) ? "MISSED" : "DUE";
            entries.add(new Entry(due.policyId(), due.jobName(), due.dueDate(), state, null, null, null, null));
        }
        return new Plan(enabled(), "00:10 Asia/Shanghai", today, catchUp, entries);
    }

    private static String batchStatus(long executionId) {
        try {
            JobExecution e = BatchRuntime.getJobOperator().getJobExecution(executionId);
            return e == null ? null : String.valueOf(e.getBatchStatus());
        } catch (NoSuchJobExecutionException gone) {
            return null;
        }
    }

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").trim());
    }

    static int catchUpDays() {
        try {
            return Math.max(0, Integer.parseInt(System.getProperty(CATCH_UP_PROPERTY, "7").trim()));
        } catch (NumberFormatException e) {
            return 7;
        }
    }
}
