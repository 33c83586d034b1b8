package cn.canbao.batch.boundary;

import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Policy;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The batch jobs there are: one {@link JobDefinition} per job, collected from the beans that implement it. Checks a
 * start's parameters in two steps — their form, from each parameter's type (400 INVALID_INPUT listing every bad
 * field), then the job's own checks (422/404/409 problems) — and offers the checks several jobs share: the policy
 * exists, the region exists and lies in the policy's pooling region; and a caller's job stays inside the caller's
 * area.
 */
@ApplicationScoped
public class JobCatalogue {

    @Inject
    @Any
    Instance<JobDefinition> beans;

    @Inject
    Policies policies;

    @Inject
    Regions regions;

    @Inject
    Callers callers;

    private volatile Map<String, JobDefinition> byId;

    /** Every job, by id in alphabetical order. */
    public List<JobDefinition> all() {
        return List.copyOf(jobs().values());
    }

    public Optional<JobDefinition> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(jobs().get(id));
    }

    public boolean contains(String id) {
        return find(id).isPresent();
    }

    /** @throws ProblemException 404 JOB_UNKNOWN, naming the jobs there are */
    public JobDefinition require(String id) {
        return find(id).orElseThrow(() -> {
            String known = String.join("、", jobs().keySet());
            return ProblemException.notFound("JOB_UNKNOWN", "未知的批处理作业 " + id + "（可用：" + known + "）",
                    "unknown batch job " + id + " (known: " + String.join(", ", jobs().keySet()) + ")");
        });
    }

    private Map<String, JobDefinition> jobs() {
        Map<String, JobDefinition> jobs = byId;
        if (jobs == null) {
            Map<String, JobDefinition> collected = new LinkedHashMap<>();
            beans.stream().sorted(Comparator.comparing(JobDefinition::id)).forEach(d -> collected.put(d.id(), d));
            byId = jobs = collected;
        }
        return jobs;
    }

    /** The parameters a start of {@code job} may go ahead with: form checked, then the job's own checks. */
    public Map<String, String> checked(JobDefinition job, Map<String, String> given) {
        List<FieldError> errors = new ArrayList<>();
        List<String> names = job.parameterNames();
        for (String name : given.keySet()) {
            if (!names.contains(name)) {
                errors.add(new FieldError("parameters." + name, "未知参数，可用：" + names + " / unknown parameter"));
            }
        }
        Map<String, String> p = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                p.put(k, v.trim());
            }
        });
        for (JobParameter parameter : job.parameters()) {
            if (parameter.required() && !p.containsKey(parameter.name())) {
                errors.add(new FieldError("parameters." + parameter.name(), "必填 / required"));
            }
        }
        for (JobParameter parameter : job.parameters()) {
            String value = p.get(parameter.name());
            if (value == null) {
                continue;
            }
            switch (parameter.type()) {
                case INTEGER, UPLOAD -> number(value, errors, parameter, Long::parseLong);
                case DECIMAL -> number(value, errors, parameter, Double::parseDouble);
                case DATE -> date(value, errors, parameter.name());
                case POLICY, REGION, TEXT -> {
                }
            }
        }
        errors.addAll(job.formErrors(p));
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "作业参数不完整或格式错误", "missing or malformed job parameters", errors);
        }
        Map<String, String> checked = job.check(p);
        requireCallersArea(job, checked);
        return checked;
    }

    /**
     * A job works only over the caller's area: every policy it names (its pooling region) and the region it runs over
     * lie in the caller's region (403 JOB_OUTSIDE_AREA). The scheduler's starts carry no user and are not limited.
     */
    private void requireCallersArea(JobDefinition job, Map<String, String> p) {
        if (callers.username().isEmpty()) {
            return;
        }
        String own = callers.current().getRegionCode();
        List<String> named = new ArrayList<>();
        for (JobParameter parameter : job.parameters()) {
            String value = p.get(parameter.name());
            if (value != null && parameter.type() == JobParameter.Type.POLICY) {
                named.add(policies.policy(value).regionCode());
            } else if (value != null && parameter.type() == JobParameter.Type.REGION) {
                named.add(value);
            }
        }
        if (p.containsKey("policyId")) {
            named.add(policies.policy(p.get("policyId")).regionCode());
        }
        if (p.containsKey("regionCode")) {
            named.add(p.get("regionCode"));
        }
        for (String region : named) {
            if (!regions.isWithin(region, own)) {
                throw ProblemException.forbidden("JOB_OUTSIDE_AREA", job.id() + " 的 " + region + " 不在您的辖区（" + own + "）内",
                        job.id() + " over " + region + " lies outside your area (" + own + ")");
            }
        }
    }

    // ---- checks the jobs share ----------------------------------------------------------------------------------

    /** @throws ProblemException 422 POLICY_UNKNOWN against {@code field} */
    public Policy policy(String policyId, String field) {
        if (policies.list().stream().noneMatch(s -> s.policyId().equals(policyId))) {
            throw unprocessable("POLICY_UNKNOWN", field, "未知的政策编号 " + policyId, "unknown policy " + policyId);
        }
        return policies.policy(policyId);
    }

    /** @throws ProblemException 422 REGION_UNKNOWN, REGION_OUTSIDE_POLICY */
    public Region regionWithin(String code, Policy policy) {
        Region region = regions.find(code).orElseThrow(() -> unprocessable("REGION_UNKNOWN", "regionCode",
                "未知的行政区划代码 " + code, "unknown region code " + code));
        if (!regions.isWithin(code, policy.regionCode())) {
            throw unprocessable("REGION_OUTSIDE_POLICY", "regionCode", code + " 不属于 " + policy.policyId() + " 的统筹区 " + policy.regionCode(),
                    code + " lies outside " + policy.policyId() + "'s pooling region " + policy.regionCode());
        }
        return region;
    }

    /** A campaign job over one policy on a date: the policy exists, the region (default: the policy's) lies in it. */
    public Policy policyAndRegion(Map<String, String> p) {
        Policy policy = policy(p.get("policyId"), "policyId");
        p.putIfAbsent("regionCode", policy.regionCode());
        regionWithin(p.get("regionCode"), policy);
        return policy;
    }

    public int villagesUnder(String regionCode) {
        return regions.villagesUnder(regionCode).size();
    }

    public static ProblemException unprocessable(String code, String field, String zh, String en) {
        return new ProblemException(ProblemException.Kind.UNPROCESSABLE, code, zh, en, List.of(new FieldError("parameters." + field, zh)));
    }

    private static <N extends Number> void number(String text, List<FieldError> errors, JobParameter parameter,
                                                  Function<String, N> parse) {
        try {
            double value = parse.apply(text).doubleValue();
            if (value < parameter.min() || value > parameter.max()) {
                errors.add(new FieldError("parameters." + parameter.name(), "须在 " + fmt(parameter.min()) + " 至 "
                        + fmt(parameter.max()) + " 之间 / must lie in " + fmt(parameter.min()) + ".." + fmt(parameter.max())));
            }
        } catch (NumberFormatException e) {
            errors.add(new FieldError("parameters." + parameter.name(), "须为数字 / must be a number"));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static void date(String text, List<FieldError> errors, String name) {
        try {
            LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("parameters." + name, "须为日期 yyyy-MM-dd / must be a date yyyy-MM-dd"));
        }
    }
}
