package cn.canbao.supervision.boundary;

import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.region.boundary.RegionTree;
import cn.canbao.region.boundary.RegionTree.TargetLine;
import cn.canbao.region.boundary.Regions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.region.entity.Region;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Village targets of a policy (目标任务, ../shared/spec/API.md "Going live"): read by those who watch progress in their
 * area, set by the administrators of the policy's own district, each with the rule that set it.
 */
@Stateless
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
public class Targets {

    @Inject
    Policies policies;

    @Inject
    RegionTree tree;

    @Inject
    Regions regions;

    @Inject
    Callers callers;

    @Inject
    Enrollments enrollments;

    /** The rules a notice names for its targets (../shared/spec/DOMAIN.md §6). */
    public enum Rule { LAST_YEAR_PAID, HOUSEHOLD_POPULATION }

    /** How to derive: last year's paid enrollment of {@code fromPolicyId} × {@code factor}, or household population × {@code ratePercent}. */
    public record Derivation(String rule, String regionCode, String fromPolicyId, BigDecimal factor, BigDecimal ratePercent) {
    }

    /** The targets set, and the villages left as they were (no household population on record) with why. */
    public record Derived(List<TargetLine> set, List<TargetLine> skipped) {
    }

    public List<TargetLine> of(String policyId, String regionCode) {
        policies.policy(policyId); // 404 POLICY_UNKNOWN
        return tree.targets(policyId, regionCode);
    }

    /**
     * Sets the target of every village at or below {@code regionCode} (default: the policy's pooling region) by the
     * rule the notice names, each with the rule and its inputs written beside the number (e.g. 上年实缴人数
     * （500101-2023）412 × 1.05): last year's paid enrollments of another policy × a factor (seeds 003, 004), or the
     * village's household-registered population × a rate (seeds 001, 002). Halves round up. Villages without a
     * household population on record are left as they were and listed. Every target is audited.
     */
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Derived derive(String policyId, Derivation d) {
        String pooling = ownPolicy(policyId);
        List<FieldError> errors = new ArrayList<>();
        Rule rule = null;
        try {
            rule = d == null || d.rule() == null ? null : Rule.valueOf(d.rule().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            // named below
        }
        if (rule == null) {
            errors.add(new FieldError("rule", "须为 LAST_YEAR_PAID 或 HOUSEHOLD_POPULATION / LAST_YEAR_PAID or HOUSEHOLD_POPULATION"));
        }
        BigDecimal factor = d == null || d.factor() == null ? BigDecimal.ONE : d.factor();
        if (rule == Rule.LAST_YEAR_PAID) {
            if (d.fromPolicyId() == null || d.fromPolicyId().isBlank()) {
                errors.add(new FieldError("fromPolicyId", "必填：上一年度的政策 / required: last year's policy"));
            }
            if (factor.signum() <= 0 || factor.compareTo(BigDecimal.TEN) > 0 || factor.scale() > 4) {
                errors.add(new FieldError("factor", "须大于 0、不超过 10，至多 4 位小数 / above 0, at most 10, at most 4 decimals"));
            }
        }
        if (rule == Rule.HOUSEHOLD_POPULATION && (d.ratePercent() == null || d.ratePercent().signum() <= 0
                || d.ratePercent().compareTo(BigDecimal.valueOf(100)) > 0 || d.ratePercent().scale() > 2)) {
            errors.add(new FieldError("ratePercent", "须大于 0、不超过 100，至多 2 位小数 / above 0, at most 100, at most 2 decimals"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "目标任务推算规则有误", "malformed target rule", errors);
        }
        String area = d.regionCode() == null || d.regionCode().isBlank() ? pooling : d.regionCode().trim();
        if (regions.find(area).isEmpty() || !regions.isWithin(area, pooling) || !regions.callerMaySee(area)) {
            throw ProblemException.unprocessable("REGION_OUTSIDE_POLICY", area + " 不在 " + policyId + " 的统筹区或您的辖区内",
                    area + " lies outside " + policyId + "'s pooling region or your area");
        }
        Map<String, Long> paid = null;
        String from = null;
        if (rule == Rule.LAST_YEAR_PAID) {
            from = policies.policy(d.fromPolicyId().trim()).policyId(); // 404 POLICY_UNKNOWN
            paid = enrollments.paidByRegion(from);
        }
        List<TargetLine> set = new ArrayList<>();
        List<TargetLine> skipped = new ArrayList<>();
        for (String village : regions.villagesUnder(area)) {
            Region region = regions.find(village).orElseThrow();
            long base;
            String why;
            if (rule == Rule.LAST_YEAR_PAID) {
                base = paid.getOrDefault(village, 0L);
                why = "上年实缴人数（" + from + "）" + base + " × " + factor.stripTrailingZeros().toPlainString();
            } else {
                if (region.getHouseholdPopulation() == null) {
                    skipped.add(new TargetLine(village, region.getName(), 0, "没有户籍人口数 / no household population on record"));
                    continue;
                }
                base = region.getHouseholdPopulation();
                factor = d.ratePercent().movePointLeft(2);
                why = "户籍人口 " + base + " × " + d.ratePercent().stripTrailingZeros().toPlainString() + "%";
            }
            BigDecimal target = BigDecimal.valueOf(base).multiply(factor).setScale(0, RoundingMode.HALF_UP);
            set.add(tree.setTarget(policyId, village, target.intValueExact(), why));
        }
        return new Derived(set, skipped);
    }

    private String ownPolicy(String policyId) {
        String pooling = policies.policy(policyId).regionCode();
        if (!regions.isWithin(pooling, callers.current().getRegionCode())) {
            throw ProblemException.forbidden("POLICY_OUTSIDE_AREA", "政策 " + policyId + " 不属于您的辖区，不能设定其目标任务",
                    "the targets of " + policyId + " belong to another district");
        }
        return pooling;
    }

    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public TargetLine set(String policyId, String villageCode, Integer target, String rule) {
        String pooling = policies.policy(policyId).regionCode();
        if (!regions.isWithin(pooling, callers.current().getRegionCode())) {
            throw ProblemException.forbidden("POLICY_OUTSIDE_AREA", "政策 " + policyId + " 不属于您的辖区，不能设定其目标任务",
                    "the targets of " + policyId + " belong to another district");
        }
        if (!regions.isWithin(villageCode, pooling)) {
            throw ProblemException.unprocessable("REGION_OUTSIDE_POLICY", villageCode + " 不在 " + policyId + " 的统筹区内",
                    villageCode + " lies outside " + policyId + "'s pooling region");
        }
        return tree.setTarget(policyId, villageCode, target, rule);
    }
}
