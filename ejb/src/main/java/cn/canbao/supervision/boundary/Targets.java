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

    /** What a target file did. */
    public record Imported(int read, int set) {
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

    /**
     * A file of village targets (CSV or XLSX; columns by name {@code regionCode,target,rule}, the rule optional) for a
     * policy of the caller's district: every row checked first — a village of the policy's pooling region in use, a
     * whole number 0..10,000,000, a rule of at most 200 characters, each village once —; any bad row → 422 naming every
     * one, nothing changed. A row without a rule keeps "IMPORTED".
     */
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Imported importFile(String policyId, String format, byte[] content) {
        String pooling = ownPolicy(policyId);
        cn.canbao.platform.boundary.SpreadsheetTable table = cn.canbao.platform.boundary.SpreadsheetTable.upload(format, content, "target file");
        int code = table.column(List.of("regioncode", "region_code", "code", "村（社区）代码", "区划代码"));
        int target = table.column(List.of("target", "目标任务", "任务数"));
        int rule = table.column(List.of("rule", "规则", "依据"));
        if (code < 0 || target < 0) {
            throw ProblemException.badRequest("INVALID_INPUT", "目标任务文件须有 regionCode 和 target 两列",
                    "the target file needs the columns regionCode and target",
                    List.of(new FieldError("file", "缺少列 regionCode 或 target / column regionCode or target missing")));
        }
        if (table.rows().isEmpty() || table.rows().size() > RegionTree.MAX_ROWS) {
            throw ProblemException.badRequest("INVALID_INPUT", "文件须有 1 至 " + RegionTree.MAX_ROWS + " 行",
                    "the file needs 1 to " + RegionTree.MAX_ROWS + " rows", List.of(new FieldError("file", "rows")));
        }
        List<FieldError> errors = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<Integer, List<String>> row : table.rows().entrySet()) {
            String where = "row " + row.getKey();
            String village = cn.canbao.platform.boundary.SpreadsheetTable.cell(row.getValue(), code);
            String number = cn.canbao.platform.boundary.SpreadsheetTable.cell(row.getValue(), target);
            String why = rule < 0 ? null : cn.canbao.platform.boundary.SpreadsheetTable.cell(row.getValue(), rule);
            village = village == null ? "" : village.trim();
            Region region = regions.find(village).orElse(null);
            if (region == null || region.getLevel() != cn.canbao.region.entity.RegionLevel.VILLAGE || region.isRetired()
                    || !regions.isWithin(village, pooling) || !regions.callerMaySee(village)) {
                errors.add(new FieldError(where, village + " 不是 " + policyId + " 统筹区内在用的村（社区） / not a village in use of the policy's region"));
                continue;
            }
            if (!seen.add(village)) {
                errors.add(new FieldError(where, village + " 在文件中重复 / the village appears twice"));
                continue;
            }
            Integer value = null;
            try {
                value = Integer.valueOf(number == null ? "" : number.trim());
            } catch (NumberFormatException e) {
                // named below
            }
            if (value == null || value < 0 || value > 10_000_000) {
                errors.add(new FieldError(where, "target 须为 0 至 10000000 的整数 / a whole number 0..10000000"));
                continue;
            }
            java.util.Optional<String> badRule = cn.canbao.platform.entity.FreeText.refusal(why, 200, false);
            if (badRule.isPresent()) {
                errors.add(new FieldError(where, "rule " + badRule.get()));
                continue;
            }
            rows.add(new Object[] {village, value, why == null || why.isBlank() ? "IMPORTED" : why.trim()});
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "TARGET_FILE_INVALID",
                    "目标任务文件有 " + errors.size() + " 处错误，未导入任何数据", "the target file has " + errors.size()
                    + " problem(s); nothing was imported", errors.size() > 500 ? errors.subList(0, 500) : errors);
        }
        for (Object[] row : rows) {
            tree.setTarget(policyId, (String) row[0], (Integer) row[1], (String) row[2]);
        }
        return new Imported(table.rows().size(), rows.size());
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
        String pooling = ownPolicy(policyId);
        if (!regions.isWithin(villageCode, pooling)) {
            throw ProblemException.unprocessable("REGION_OUTSIDE_POLICY", villageCode + " 不在 " + policyId + " 的统筹区内",
                    villageCode + " lies outside " + policyId + "'s pooling region");
        }
        return tree.setTarget(policyId, villageCode, target, rule);
    }
}
