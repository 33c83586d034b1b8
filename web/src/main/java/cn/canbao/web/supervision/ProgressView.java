package cn.canbao.web.supervision;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.supervision.boundary.Progress;
import cn.canbao.web.platform.Texts;
import cn.canbao.web.platform.UserSession;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import org.primefaces.event.SelectEvent;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * {@code supervision/progress.xhtml?policy=&region=}: the campaign against its targets, district → town → village:
 * a click on a row goes one level down (a village: to its unpaid list), a bar chart of the rates, the table as XLSX,
 * the weekly report (down to the villages) as PDF ({@link ProgressReport}).
 */
@Named
@ViewScoped
public class ProgressView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A step of the path from the caller's own region down to the one shown. */
    public record Step(String code, String name) implements Serializable {
    }

    @Inject
    transient Progress progress;

    @Inject
    transient Policies policies;

    @Inject
    transient Regions regions;

    @Inject
    UserSession userSession;

    @Inject
    transient ProgressReport report;

    private String policy;
    private String counting = "";
    private String region;
    private List<Policies.Summary> policyChoices = List.of();
    private List<Step> path = List.of();
    private transient List<Progress.Row> rows = List.of();
    private transient Progress.Row selected;
    private String refusal;
    private transient String weeklyChart;
    private int weeklyWeeks;

    public void load() {
        String own = userSession.getRegionCode();
        if (region == null || region.isBlank()) {
            region = own;
        }
        policyChoices = cn.canbao.web.platform.PolicyChoices.around(policies, regions, own);
        if ((policy == null || policy.isBlank()) && !policyChoices.isEmpty()) {
            policy = policyChoices.get(0).policyId();
        }
        refresh();
    }

    public void refresh() {
        refusal = null;
        weeklyChart = null;
        rows = List.of();
        counting = "";
        try {
            rows = progress.byChildRegion(policy, region);
            counting = counting();
        } catch (ProblemException problem) {
            refusal = Texts.refusal(problem);
        }
        List<Step> steps = new ArrayList<>();
        String own = userSession.getRegionCode();
        for (String code : regions.pathToRoot(region)) {
            steps.add(new Step(code, regions.find(code).map(Region::getName).orElse(code)));
            if (code.equals(own)) {
                break;
            }
        }
        Collections.reverse(steps);
        path = steps;
    }

    /** How the policy counts toward the targets and the goals it sets, as one line under the path (read with the rows). */
    public String getCounting() {
        return counting;
    }

    /** The line for the policy shown; empty without one. */
    private String counting() {
        if (policy == null || policy.isBlank()) {
            return "";
        }
        try {
            var c = policies.policy(policy).targetCounting();
            List<String> parts = new ArrayList<>();
            parts.add(c.alsoCounts().isEmpty() ? Texts.text("progress.counting.paid")
                    : Texts.text("progress.counting.paid") + " + " + String.join("、", c.alsoCounts().stream()
                    .map(r -> Texts.text("progress.counting." + r, r)).toList()));
            if (!c.excludes().isEmpty()) {
                parts.add(Texts.text("progress.excludes", "Not in the target when signed:") + String.join("、", c.excludes().stream()
                        .map(r -> Texts.text("reason." + r, r)).toList()));
            }
            if (c.allGoalPercent() != null) {
                parts.add(java.text.MessageFormat.format(Texts.text("progress.goal.all"), c.allGoalPercent().stripTrailingZeros().toPlainString()));
            }
            if (c.lowIncomeGoalPercent() != null) {
                parts.add(java.text.MessageFormat.format(Texts.text("progress.goal.lowIncome"), c.lowIncomeGoalPercent().stripTrailingZeros().toPlainString()));
            }
            return String.join(" · ", parts);
        } catch (ProblemException unknown) {
            return "";
        }
    }

    /** A row clicked: a town or district one level down; a village to its unpaid list. */
    public void drillDown(SelectEvent<Progress.Row> event) throws IOException {
        Progress.Row row = event.getObject();
        String page = "VILLAGE".equals(row.level()) ? "/counter/unpaid.xhtml" : "/supervision/progress.xhtml";
        var external = FacesContext.getCurrentInstance().getExternalContext();
        external.redirect(external.getRequestContextPath() + page + "?region=" + row.regionCode() + "&policy=" + policy);
    }

    /** The rate of each row as a Chart.js bar chart (p:chart takes the chart's JSON). */
    public String getChart() {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder rates = Json.createArrayBuilder();
        JsonArrayBuilder colors = Json.createArrayBuilder();
        getRows().stream().sorted(Comparator.comparing(Progress.Row::regionCode)).forEach(r -> {
            labels.add(r.regionName());
            rates.add(r.rate() == null ? java.math.BigDecimal.ZERO : r.rate());
            colors.add(r.rate() != null && r.rate().doubleValue() >= 100 ? "#2e7d32" : "#1d5fa8");
        });
        return Json.createObjectBuilder()
                .add("type", "bar")
                .add("data", Json.createObjectBuilder()
                        .add("labels", labels)
                        .add("datasets", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("label", Texts.text("progress.rate", "rate") + " %")
                                .add("data", rates).add("backgroundColor", colors))))
                .add("options", Json.createObjectBuilder()
                        .add("responsive", true).add("maintainAspectRatio", false)
                        .add("plugins", Json.createObjectBuilder().add("legend", Json.createObjectBuilder().add("display", false)))
                        .add("scales", Json.createObjectBuilder().add("y", Json.createObjectBuilder().add("beginAtZero", true))))
                .build().toString();
    }

    /**
     * The campaign week by week as a Chart.js line chart: enrolled so far at the end of each week against the target.
     * Computed when the deferred panel asks for it, after the page is shown (it reads every payment of the region).
     */
    public String getWeeklyChart() {
        if (weeklyChart == null) {
            List<Progress.Week> weeks = List.of();
            try {
                weeks = progress.weekly(policy, region);
            } catch (ProblemException problem) {
                refusal = Texts.refusal(problem);
            }
            JsonArrayBuilder labels = Json.createArrayBuilder();
            JsonArrayBuilder enrolled = Json.createArrayBuilder();
            JsonArrayBuilder targets = Json.createArrayBuilder();
            for (Progress.Week w : weeks) {
                labels.add(w.weekEnding().toString());
                enrolled.add(w.enrolled());
                targets.add(w.target());
            }
            weeklyChart = Json.createObjectBuilder()
                    .add("type", "line")
                    .add("data", Json.createObjectBuilder()
                            .add("labels", labels)
                            .add("datasets", Json.createArrayBuilder()
                                    .add(Json.createObjectBuilder().add("label", Texts.text("progress.weekly.enrolled", "enrolled"))
                                            .add("data", enrolled).add("borderColor", "#1d5fa8").add("backgroundColor", "rgba(29,95,168,.12)")
                                            .add("fill", true).add("tension", 0.2))
                                    .add(Json.createObjectBuilder().add("label", Texts.text("progress.weekly.target", "target"))
                                            .add("data", targets).add("borderColor", "#c62828").add("borderDash", Json.createArrayBuilder().add(6).add(4))
                                            .add("pointRadius", 0).add("fill", false))))
                    .add("options", Json.createObjectBuilder()
                            .add("responsive", true).add("maintainAspectRatio", false).add("animation", false)
                            .add("scales", Json.createObjectBuilder().add("y", Json.createObjectBuilder().add("beginAtZero", true))))
                    .build().toString();
            weeklyWeeks = weeks.size();
        }
        return weeklyChart;
    }

    public int getWeeklyWeeks() {
        getWeeklyChart();
        return weeklyWeeks;
    }

    /** The progress as a workbook: every level from this region down to its villages, with totals (ProgressReport#xlsx). */
    public StreamedContent getXlsx() {
        byte[] bytes = report.xlsx(policy, region);
        return DefaultStreamedContent.builder().name("progress-" + policy + "-" + region + ".xlsx")
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    /** The weekly report as PDF: the same figures from this region down to its villages. */
    public StreamedContent getPdf() {
        byte[] bytes = report.pdf(policy, region);
        return DefaultStreamedContent.builder().name("progress-" + policy + "-" + region + ".pdf")
                .contentType("application/pdf").stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    public long getTotalTarget() {
        return getRows().stream().mapToLong(Progress.Row::target).sum();
    }

    public long getTotalEnrolled() {
        return getRows().stream().mapToLong(Progress.Row::enrolled).sum();
    }

    public List<Progress.Row> getRows() {
        if (rows == null) {
            refresh();
        }
        return rows;
    }

    public Progress.Score firstScore(Progress.Row row) {
        return row.scoring().isEmpty() ? null : row.scoring().get(0);
    }

    public List<Step> getPath() { return path; }
    public List<Policies.Summary> getPolicyChoices() { return policyChoices; }
    public String getRefusal() { return refusal; }
    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public Progress.Row getSelected() { return selected; }
    public void setSelected(Progress.Row selected) { this.selected = selected; }
}
