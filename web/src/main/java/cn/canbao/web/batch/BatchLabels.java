package cn.canbao.web.batch;

import cn.canbao.batch.boundary.BatchJobs;
import cn.canbao.batch.boundary.JobDefinition;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.web.platform.Texts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code #{batchLabels}}: jobs and their parameters by their names for operators (issue 17, item 9) — a job by its
 * title (集中征缴期截止结转), a parameter by its label (年度政策), a region by its name; the code stays beside them as
 * a secondary detail where an operator needs it (the REST API and the logs use the codes).
 */
@Named
@RequestScoped
public class BatchLabels {

    private static final Set<String> REGION_PARAMETERS = Set.of("regionCode");

    @Inject
    BatchJobs jobs;

    @Inject
    Regions regions;

    private Map<String, JobDefinition> definitions;
    private final Map<String, String> regionNames = new HashMap<>();

    /** The job's title in the user's language, or its id when it is no job of the catalogue. */
    public String job(String id) {
        if (id == null) {
            return "—";
        }
        if (definitions == null) {
            definitions = new HashMap<>();
            jobs.jobs().forEach(d -> definitions.put(d.id(), d));
        }
        JobDefinition d = definitions.get(id);
        return d == null ? id : Texts.english() ? d.titleEn() : d.titleZh();
    }

    /** A step's name in the user's language (batch.step.*), its id when the bundle has none. */
    public String step(String id) {
        return id == null ? "—" : Texts.text("batch.step." + id, id);
    }

    /** What a job's items are, for its counts: 人 (persons), 行 (rows of a file), 笔 (payments); 条 otherwise. */
    public String unit(String jobName) {
        return Texts.text("batch.unit." + jobName, Texts.text("batch.unit", "items"));
    }

    /** A parameter's label, e.g. 年度政策 for policyId. */
    public String param(String name) {
        return name == null ? "—" : Texts.text("batch.label." + name, name);
    }

    /** An execution's parameters as 标签：值, sorted by label; a region by its name. */
    public String parameters(Map<String, String> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return "—";
        }
        Map<String, String> shown = new TreeMap<>();
        parameters.forEach((name, value) -> shown.put(param(name), REGION_PARAMETERS.contains(name) ? region(value) : value));
        StringBuilder text = new StringBuilder();
        shown.forEach((label, value) -> text.append(text.length() == 0 ? "" : "；").append(label).append("：").append(value));
        return text.toString();
    }

    /** An exit status: a batch status by its name (完成, 失败), a job's own words (FAILED: …) with the status part named. */
    public String exit(String status) {
        if (status == null || status.isBlank()) {
            return "—";
        }
        int colon = status.indexOf(':');
        String head = colon < 0 ? status.trim() : status.substring(0, colon).trim();
        String named = Texts.text("batch.status." + head, head);
        return colon < 0 ? named : named + "：" + status.substring(colon + 1).trim();
    }

    private String region(String code) {
        return regionNames.computeIfAbsent(code, c -> regions.find(c).map(Region::getName).map(n -> n + "（" + c + "）").orElse(c));
    }
}
