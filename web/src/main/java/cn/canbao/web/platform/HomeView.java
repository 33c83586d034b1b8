package cn.canbao.web.platform;

import cn.canbao.batch.boundary.BatchJobs;
import cn.canbao.batch.boundary.JobScheduler;
import cn.canbao.collection.boundary.DayCloses;
import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.refund.boundary.Refunds;
import cn.canbao.refund.entity.Refund;
import cn.canbao.region.boundary.Regions;
import cn.canbao.supervision.boundary.Progress;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The home page: the campaign as the signed-in user's area sees it on the business date — today's collections,
 * enrolled against the target with the area's rank beside its neighbours, the unpaid, the villages (or towns) first
 * and last — and the user's to-dos with links: refunds to review or execute, a day to close, failed jobs and imports,
 * scheduled jobs due. Each part is read on its own; a part the user may not see, or that fails, is left out (never
 * an error page for the home page).
 */
@Named
@RequestScoped
public class HomeView {

    private static final Logger LOG = Logger.getLogger(HomeView.class.getName());
    private static final Set<String> IMPORT_JOBS = Set.of("roster-import", "collection-import", "household-comparison");

    /** A to-do: what, how many, where to act. */
    public record Todo(String key, long count, String link) {
    }

    @Inject
    Clock clock;

    @Inject
    UserSession userSession;

    @Inject
    Policies policies;

    @Inject
    Regions regions;

    @Inject
    Progress progress;

    @Inject
    Enrollments enrollments;

    @Inject
    Refunds refunds;

    @Inject
    DayCloses dayCloses;

    @Inject
    BatchJobs batchJobs;

    @Inject
    JobScheduler scheduler;

    private Policies.Summary policy;
    private Progress.Standing standing;
    private Progress.Day today;
    private Long unpaid;
    private List<Progress.Row> first = List.of();
    private List<Progress.Row> last = List.of();
    private int children;
    private final List<Todo> todos = new ArrayList<>();

    @PostConstruct
    void load() {
        String region = userSession.getRegionCode();
        if (region == null) {
            return;
        }
        policy = policies.list().stream()
                .filter(s -> regions.isWithin(region, s.regionCode()) || regions.isWithin(s.regionCode(), region))
                .max(Comparator.comparing(Policies.Summary::insuranceYear).thenComparing(Policies.Summary::policyId,
                        Comparator.reverseOrder()))
                .orElse(null);
        if (policy != null && staff()) {
            String id = policy.policyId();
            standing = part("standing", () -> progress.standing(id, region));
            today = part("today", () -> progress.today(id, region));
            if (userSession.hasRole(Roles.CLERK) || userSession.hasRole(Roles.TOWN_OFFICER)
                    || userSession.hasRole(Roles.DISTRICT_ADMIN) || userSession.hasRole(Roles.SUPERVISOR)) {
                unpaid = part("unpaid", () -> enrollments.unpaid(id, region, 0, 1, true).total());
            }
            List<Progress.Row> rows = standing == null || "VILLAGE".equals(standing.row().level()) ? null
                    : part("children", () -> progress.byChildRegion(id, region));
            if (rows != null) {
                List<Progress.Row> ranked = rows.stream().filter(r -> r.rate() != null).toList();
                children = ranked.size();
                first = ranked.stream().limit(3).toList();
                last = ranked.size() <= 3 ? List.of() : ranked.subList(Math.max(3, ranked.size() - 3), ranked.size());
            }
        }
        todos();
    }

    private boolean staff() {
        return !userSession.hasRole(Roles.INTEGRATION) || userSession.getRoles().size() > 1;
    }

    private void todos() {
        if (userSession.hasRole(Roles.DISTRICT_ADMIN)) {
            todo("home.todo.review", () -> refunds.queue(Refund.Status.REQUESTED, 0, 1).total(), "/refund/review.xhtml");
        }
        if (userSession.hasRole(Roles.TAX)) {
            todo("home.todo.execute", () -> refunds.queue(Refund.Status.APPROVED, 0, 1).total(), "/refund/execution.xhtml");
        }
        if (userSession.hasRole(Roles.CLERK)) {
            todo("home.todo.dayclose", () -> dayCloses.day(LocalDate.now(clock), null).stream()
                    .filter(d -> d.collector().equals(userSession.getUsername()) && !d.closed() && d.totals().count() > 0)
                    .count(), "/dayclose/close.xhtml");
        }
        if (userSession.hasRole(Roles.OPERATOR) || userSession.hasRole(Roles.DISTRICT_ADMIN)) {
            List<BatchJobs.Execution> recent = part("executions", () -> batchJobs.executions(null, 200));
            if (recent != null) {
                long failedImports = recent.stream().filter(e -> "FAILED".equals(e.batchStatus()) && IMPORT_JOBS.contains(e.jobName())).count();
                long failedJobs = recent.stream().filter(e -> "FAILED".equals(e.batchStatus()) && !IMPORT_JOBS.contains(e.jobName())).count();
                todos.add(new Todo("home.todo.failedImports", failedImports, "/batch/executions.xhtml"));
                todos.add(new Todo("home.todo.failedJobs", failedJobs, "/batch/executions.xhtml"));
            }
            todo("home.todo.due", () -> scheduler.schedule().entries().stream()
                    .filter(e -> Set.of("DUE", "MISSED", "REFUSED").contains(e.state())).count(), "/batch/jobs.xhtml");
        }
    }

    private void todo(String key, java.util.function.Supplier<Long> count, String link) {
        Long n = part(key, count);
        if (n != null) {
            todos.add(new Todo(key, n, link));
        }
    }

    /** One part of the page, or null when the user may not see it or it cannot be read now. */
    private <T> T part(String name, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ProblemException | jakarta.ejb.EJBAccessException refused) {
            LOG.fine(() -> "home page part " + name + " left out: " + refused.getMessage());
            return null;
        } catch (RuntimeException failed) {
            LOG.warning(() -> "home page part " + name + " left out: " + failed);
            return null;
        }
    }

    public LocalDate getBusinessDate() {
        return LocalDate.now(clock);
    }

    public Policies.Summary getPolicy() { return policy; }
    public Progress.Standing getStanding() { return standing; }
    public Progress.Day getToday() { return today; }
    public Long getUnpaid() { return unpaid; }
    public List<Progress.Row> getFirst() { return first; }
    public List<Progress.Row> getLast() { return last; }
    public int getChildren() { return children; }
    public List<Todo> getTodos() { return todos; }

    /** The rate as a bar's width, 0–100. */
    public BigDecimal getBar() {
        if (standing == null || standing.row().rate() == null) {
            return BigDecimal.ZERO;
        }
        return standing.row().rate().min(BigDecimal.valueOf(100));
    }

    public long getOpenTodos() {
        return todos.stream().mapToLong(Todo::count).filter(c -> c > 0).count();
    }
}
