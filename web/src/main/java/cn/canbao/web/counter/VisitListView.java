package cn.canbao.web.counter;

import cn.canbao.enrollment.boundary.Contacts;
import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.entity.ContactAttempt;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code counter/visit-list.xhtml?region=&policy=&q=&notContacted=}: the unpaid list as a sheet to print and take on
 * house visits (走访名单) — the same people as the screen with the same search, with blank columns for what came of
 * the visit and the resident's signature. At most {@value #MAX} lines; the sheet says when there are more.
 */
@Named
@RequestScoped
public class VisitListView {

    static final int MAX = 1000;

    /** A line of the sheet. */
    public record Line(int number, String name, String maskedIdNumber, String phone, String address, String village,
                       BigDecimal amountDue, String lastContact) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    @Inject
    Enrollments enrollments;

    @Inject
    Policies policies;

    @Inject
    Contacts contacts;

    @Inject
    Regions regions;

    @Inject
    CounterLabels labels;

    private String region;
    private String policy;
    private String q;
    private boolean notContacted;
    private String status;
    private String outcome;
    private String regionName;
    private String policyName;
    private List<Line> lines = List.of();
    private long total;

    /** f:viewAction: the sheet of the caller's area (403 outside it, as the screen). */
    public void load() {
        try {
            Enrollments.UnpaidPage page = enrollments.unpaid(policy, region, new Enrollments.UnpaidFilter(q, notContacted,
                    UnpaidView.enumOrNull(Enrollments.UnpaidStatus.class, status),
                    UnpaidView.enumOrNull(cn.canbao.enrollment.entity.ContactOutcome.class, outcome)), 0, MAX, true);
            total = page.total();
            regionName = regions.find(region).map(Region::getName).orElse(region);
            Policies.Summary summary = policies.list().stream().filter(s -> s.policyId().equals(policy)).findFirst().orElse(null);
            policyName = summary == null ? policy : summary.policyId() + " " + summary.name();
            Map<Long, ContactAttempt> latest = page.lines().isEmpty() ? Map.of() : contacts.latest(
                    page.lines().stream().map(u -> u.person().getId()).toList(), policies.policy(policy).insuranceYear());
            java.util.Map<String, String> villages = new java.util.HashMap<>();
            java.util.List<Line> sheet = new java.util.ArrayList<>(page.lines().size());
            for (Enrollments.Unpaid u : page.lines()) {
                ContactAttempt c = latest.get(u.person().getId());
                String village = villages.computeIfAbsent(u.person().getHouseholdRegionCode(),
                        code -> regions.find(code).map(Region::getName).orElse(code));
                sheet.add(new Line(sheet.size() + 1, u.person().getName(), u.person().maskedIdNumber(), u.person().getPhone(),
                        u.person().getHousehold() == null ? null : u.person().getHousehold().getAddress(), village,
                        u.enrollment() == null ? null : u.enrollment().getAmountDue(),
                        c == null ? null : c.getRecordedAt().atZoneSameInstant(ZoneId.of("Asia/Shanghai")).format(DAY) + " "
                                + labels.contactOutcome(c.getOutcome().name())));
            }
            lines = sheet;
        } catch (ProblemException problem) {
            if (problem.kind() == ProblemException.Kind.FORBIDDEN) {
                Faces.forbidden();
            } else {
                Faces.refused(problem);
            }
        }
    }

    public boolean isTruncated() {
        return total > lines.size();
    }

    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public String getQ() { return q; }
    public void setQ(String q) { this.q = q; }
    public boolean isNotContacted() { return notContacted; }
    public void setNotContacted(boolean notContacted) { this.notContacted = notContacted; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public String getRegionName() { return regionName; }
    public String getPolicyName() { return policyName; }
    public List<Line> getLines() { return lines; }
    public long getTotal() { return total; }
    public int getMax() { return MAX; }
}
