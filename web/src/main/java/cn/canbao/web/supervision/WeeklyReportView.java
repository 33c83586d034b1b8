package cn.canbao.web.supervision;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.supervision.boundary.Progress;
import cn.canbao.web.counter.Faces;
import cn.canbao.web.platform.Texts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * {@code supervision/weekly-report.xhtml?policy=&region=}: the weekly report (周报) as a sheet to print — the same
 * figures as its PDF ({@link ProgressReport#pdf}): the week against the week before, then every level from the region
 * down to its villages with its total. The caller's area only (403 outside it, as the progress screen).
 */
@Named
@RequestScoped
public class WeeklyReportView {

    /** A level of the sheet: its rows as cells in the order of {@link ProgressReport#COLUMNS}, and its totals. */
    public record Level(String regionName, String regionCode, List<List<String>> rows, long target, long enrolled) {
    }

    @Inject
    ProgressReport report;

    @Inject
    Progress progress;

    @Inject
    Policies policies;

    @Inject
    Clock clock;

    @Inject
    cn.canbao.web.platform.UserSession userSession;

    private String policy;
    private String region;
    private String policyName;
    private String week;
    private List<Level> levels = List.of();

    /** f:viewAction: the report of the region asked for, or of the caller's own. */
    public void load() {
        if (region == null || region.isBlank()) {
            region = userSession.getRegionCode();
        }
        try {
            policyName = policy + " " + policies.policy(policy).name();
            levels = report.sections(policy, region).stream().map(s -> new Level(s.regionName(), s.regionCode(),
                    s.rows().stream().map(ProgressReport::cells).toList(),
                    s.rows().stream().mapToLong(Progress.Row::target).sum(),
                    s.rows().stream().mapToLong(Progress.Row::enrolled).sum())).toList();
            week = ProgressReport.weekOnWeek(progress.weekly(policy, region), Texts.text("progress.report.week",
                    "Week to {0}: {1} newly enrolled; the week before: {2}; change {3}"));
        } catch (ProblemException problem) {
            levels = List.of();
            if (problem.kind() == ProblemException.Kind.FORBIDDEN) {
                Faces.forbidden();
            } else {
                Faces.refused(problem);
            }
        }
    }

    /** The column headers, in the user's language. */
    public List<String> getHeaders() {
        return Arrays.stream(ProgressReport.COLUMNS).map(c -> Texts.text("progress.col." + c, c)).toList();
    }

    public LocalDate getAsOf() {
        return LocalDate.now(clock);
    }

    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getPolicyName() { return policyName; }
    public String getWeek() { return week; }
    public List<Level> getLevels() { return levels; }
}
