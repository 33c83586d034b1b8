package cn.canbao.policy.control;

import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.CollegeRule;
import cn.canbao.policy.entity.ContinuityRule;
import cn.canbao.policy.entity.IncentiveRule;
import cn.canbao.policy.entity.LifeEvent;
import cn.canbao.policy.entity.Exemption;
import cn.canbao.policy.entity.Milestone;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PolicyValidationException;
import cn.canbao.policy.entity.PolicyViolation;
import cn.canbao.policy.entity.ScoringBand;
import cn.canbao.policy.entity.ScoringRule;
import cn.canbao.policy.entity.TargetCounting;
import cn.canbao.policy.entity.Tier;
import cn.canbao.policy.entity.TierAmount;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The load checks of ../shared/spec/DOMAIN.md §4: every violation is collected, each naming its row and rule. */
public class PolicyValidator {

    public void requireValid(Policy policy) {
        List<PolicyViolation> violations = validate(policy);
        if (!violations.isEmpty()) {
            throw new PolicyValidationException(policy.policyId(), violations);
        }
    }

    public List<PolicyViolation> validate(Policy p) {
        List<PolicyViolation> v = new ArrayList<>();
        checkHeader(p, v);
        checkTiers(p, v);
        checkWindows(p, v);
        checkCatalogue(p, v);
        checkExemptions(p, v);
        checkNewbornAndCollege(p, v);
        checkMilestonesAndScoring(p, v);
        targetCounting(p, v);
        checkContinuity(p, v);
        checkIncentive(p, v);
        return v;
    }

    private static void add(List<PolicyViolation> v, String where, String rule, String zh, String en) {
        v.add(new PolicyViolation(where, rule, zh, en));
    }

    private static boolean negative(BigDecimal amount) {
        return amount != null && amount.signum() < 0;
    }

    private void checkHeader(Policy p, List<PolicyViolation> v) {
        if (p.regionCode() == null || !p.regionCode().matches("\\d{6}")) {
            add(v, "regionCode", "REGION_CODE_FORMAT", "行政区划代码应为6位数字", "regionCode must be 6 digits");
        }
        String expected = p.regionCode() + "-" + p.insuranceYear();
        if (!expected.equals(p.policyId())) {
            add(v, "policyId", "POLICY_ID_FORMAT", "政策编号应为“区划代码-参保年度”即" + expected,
                    "policyId must be <regionCode>-<insuranceYear>, i.e. " + expected);
        }
        if (negative(p.fiscalSubsidy())) {
            add(v, "fiscalSubsidy", "AMOUNT_NOT_NEGATIVE", "财政补助标准不得为负数", "fiscal subsidy must be >= 0");
        }
    }

    private void checkTiers(Policy p, List<PolicyViolation> v) {
        if (p.tiers().isEmpty()) {
            add(v, "tiers", "TIER_REQUIRED", "至少应有一个档次", "at least one tier is required");
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < p.tiers().size(); i++) {
            Tier t = p.tiers().get(i);
            String where = "tiers[" + i + "] tier " + t.tier();
            if (t.tier() != 1 && t.tier() != 2) {
                add(v, where, "TIER_NUMBER", "档次只能是1（一档）或2（二档）", "tier must be 1 or 2");
            }
            if (!seen.add(t.tier())) {
                add(v, where, "TIER_UNIQUE", "档次重复", "duplicate tier");
            }
            if (negative(t.residentStandard()) || negative(t.collegeStandard())) {
                add(v, where, "AMOUNT_NOT_NEGATIVE", "缴费标准不得为负数", "standards must be >= 0");
            }
        }
    }

    private void checkWindows(Policy p, List<PolicyViolation> v) {
        if (p.windows().isEmpty()) {
            add(v, "windows", "WINDOW_REQUIRED", "至少应有一个缴费期", "at least one payment window is required");
        }
        Set<String> names = new HashSet<>();
        PaymentWindow previous = null;
        for (int i = 0; i < p.windows().size(); i++) {
            PaymentWindow w = p.windows().get(i);
            String where = "windows[" + i + "] " + w.name();
            if (w.name() == null || w.name().isBlank()) {
                add(v, where, "WINDOW_NAME", "缴费期须有名称", "a window needs a name");
            } else if (!names.add(w.name())) {
                add(v, where, "WINDOW_NAME_UNIQUE", "缴费期名称重复", "duplicate window name");
            }
            if (w.to().isBefore(w.from())) {
                add(v, where, "WINDOW_DATES_ORDERED", "缴费期结束日早于开始日", "window ends before it starts");
            }
            if (previous != null && !w.from().isAfter(previous.to())) {
                add(v, where, "WINDOWS_ORDERED_NOT_OVERLAPPING",
                        "缴费期应按时间顺序排列且不得重叠（与上一缴费期" + previous.name() + "）",
                        "windows must be in date order and must not overlap (previous: " + previous.name() + ")");
            }
            if (w.coverEnd().isBefore(w.from())) {
                add(v, where, "COVER_END_AFTER_WINDOW", "待遇截止日早于缴费期开始", "cover ends before the window opens");
            }
            previous = w;
        }
        if (!p.windows().isEmpty() && p.finalCutoff().isBefore(p.opening())) {
            add(v, "finalCutoff", "CUTOFF_AFTER_OPENING", "最终缴费截止日早于开始缴费日",
                    "final cutoff lies before the campaign opens");
        }
    }

    private void checkCatalogue(Policy p, List<PolicyViolation> v) {
        Set<String> codes = new HashSet<>();
        LocalDate opening = p.opening();
        LocalDate end = p.campaignEnd();
        for (int i = 0; i < p.catalogue().size(); i++) {
            CatalogueEntry c = p.catalogue().get(i);
            String where = "catalogue[" + i + "] code " + c.code();
            if (c.code() == null || c.code().isBlank()) {
                add(v, where, "CODE_REQUIRED", "资助类别代码不得为空", "category code is required");
            } else if (!codes.add(c.code())) {
                add(v, where, "CODE_UNIQUE", "资助类别代码重复", "duplicate category code");
            }
            if (c.validFrom() != null && c.validTo() != null && c.validTo().isBefore(c.validFrom())) {
                add(v, where, "VALIDITY_ORDERED", "标准执行截止日早于起始日", "validity ends before it starts");
            }
            if ((c.validFrom() != null && (c.validFrom().isBefore(opening) || c.validFrom().isAfter(end)))
                    || (c.validTo() != null && (c.validTo().isBefore(opening) || c.validTo().isAfter(end)))) {
                add(v, where, "VALIDITY_INSIDE_CAMPAIGN",
                        "标准执行时间应在本年度筹资期内（" + opening + "至" + end + "）",
                        "validity must lie inside the campaign (" + opening + " to " + end + ")");
            }
            Set<Integer> tiersSeen = new HashSet<>();
            for (TierAmount a : c.amounts()) {
                String at = where + " tier " + a.tier();
                if (!tiersSeen.add(a.tier())) {
                    add(v, at, "TIER_UNIQUE", "同一类别的档次重复", "tier listed twice for the category");
                }
                Optional<Tier> tier = p.tier(a.tier());
                if (tier.isEmpty()) {
                    add(v, at, "TIER_EXISTS", "本政策没有该档次", "the policy has no such tier");
                    continue;
                }
                if ((a.subsidy() == null) != (a.personal() == null)) {
                    add(v, at, "AMOUNTS_BOTH_OR_NONE", "资助金额与个人缴费须同时填写或同时为空（——）",
                            "subsidy and personal amount must both be set or both be null (not offered)");
                    continue;
                }
                if (!a.offered()) {
                    continue;
                }
                if (negative(a.subsidy()) || negative(a.personal())) {
                    add(v, at, "AMOUNT_NOT_NEGATIVE", "金额不得为负数", "amounts must be >= 0");
                }
                BigDecimal standard = c.college() ? tier.get().collegeStandard() : tier.get().residentStandard();
                if (standard == null) {
                    add(v, at, "COLLEGE_STANDARD_EXISTS", "大学生类别需要该档次的大学生缴费标准",
                            "a college category needs the tier's college standard");
                    continue;
                }
                if (a.subsidy().add(a.personal()).compareTo(standard) != 0) {
                    add(v, at, "AMOUNTS_SUM_TO_STANDARD",
                            "资助" + a.subsidy() + " + 个人" + a.personal() + " = " + a.subsidy().add(a.personal())
                                    + "，不等于" + (c.college() ? "大学生" : "") + "缴费标准" + standard,
                            "subsidy " + a.subsidy() + " + personal " + a.personal() + " = "
                                    + a.subsidy().add(a.personal()) + ", not the " + (c.college() ? "college " : "")
                                    + "standard " + standard);
                }
            }
        }
    }

    private void checkExemptions(Policy p, List<PolicyViolation> v) {
        for (int i = 0; i < p.exemptions().size(); i++) {
            Exemption e = p.exemptions().get(i);
            String where = "exemptions[" + i + "] " + e.name();
            if (e.to().isBefore(e.from())) {
                add(v, where, "DATES_ORDERED", "豁免适用期结束日早于开始日", "exemption ends before it starts");
            }
            if (e.subsidyCodes().isEmpty() && e.groups().isEmpty()) {
                add(v, where, "EXEMPTION_PERSONS", "豁免须指明适用人员（资助类别或人群）",
                        "an exemption must name its persons (subsidy codes or groups)");
            }
            for (String code : e.subsidyCodes()) {
                if (p.category(code).isEmpty()) {
                    add(v, where + " code " + code, "CODE_EXISTS", "资助目录中没有该类别代码",
                            "no such code in the catalogue");
                }
            }
            if (e.extendsWindow() && (e.windowName() == null || e.priceMode() == null || e.coverStart() == null)) {
                add(v, where, "EXTENSION_COMPLETE", "延长缴费期的豁免须给出缴费期名称、价格方式和待遇起始规则",
                        "an exemption that extends a window needs windowName, priceMode and coverStart");
            }
        }
    }

    private void checkNewbornAndCollege(Policy p, List<PolicyViolation> v) {
        if (p.newborn() != null && p.newborn().withinDays() <= 0) {
            add(v, "newborn", "NEWBORN_DAYS", "新生儿参保期限天数须大于0", "newborn withinDays must be > 0");
        }
        if (p.newborn() != null && p.newborn().enrollAnyDateWithinDays() && p.newborn().priceMode() == null) {
            add(v, "newborn", "NEWBORN_PRICE", "新生儿参保期作为独立缴费期时须给出价格方式",
                    "a newborn period that is its own payment window needs a priceMode");
        }
        CollegeRule c = p.college();
        if (c != null && c.yearMode() == CollegeRule.YearMode.ACADEMIC
                && (c.coverFrom() == null || c.coverTo() == null || c.coverTo().isBefore(c.coverFrom()))) {
            add(v, "college", "ACADEMIC_YEAR_DATES", "学年制须给出有效的学年起止日期",
                    "ACADEMIC year mode needs coverFrom <= coverTo");
        }
        CollegeRule.Transition t = c == null ? null : c.transition();
        if (t != null) {
            if (t.insuredTo().isBefore(t.insuredFrom())) {
                add(v, "college.transition", "TRANSITION_DATES", "过渡期：已参保学年度结束日 " + t.insuredTo() + " 早于开始日 "
                        + t.insuredFrom(), "transition: insuredTo " + t.insuredTo() + " lies before insuredFrom " + t.insuredFrom());
            }
            if (!t.insuredFrom().isBefore(p.yearStart())) {
                add(v, "college.transition", "TRANSITION_DATES", "过渡期：已参保学年度须始于参保年度 " + p.yearStart() + " 之前",
                        "transition: the academic year insured must begin before the insurance year " + p.yearStart());
            }
            // the transition covers the rest of the insurance year: nothing is left to pay for (a shorter extension
            // would need a partial-year price no notice has)
            if (!t.coverTo().equals(p.yearEnd())) {
                add(v, "college.transition", "TRANSITION_DATES", "过渡期：待遇延长截止日 " + t.coverTo() + " 须为参保年度末日 "
                        + p.yearEnd(), "transition: coverTo " + t.coverTo() + " must be the insurance year's last day "
                        + p.yearEnd());
            }
        }
    }

    private void checkMilestonesAndScoring(Policy p, List<PolicyViolation> v) {
        for (int i = 0; i < p.milestones().size(); i++) {
            Milestone m = p.milestones().get(i);
            if (m.from() != null && m.to() != null && m.to().isBefore(m.from())) {
                add(v, "milestones[" + i + "] " + m.name(), "DATES_ORDERED", "节点结束日早于开始日",
                        "milestone ends before it starts");
            }
        }
        for (int i = 0; i < p.villageScoring().size(); i++) {
            ScoringRule s = p.villageScoring().get(i);
            for (int j = 0; j < s.bands().size(); j++) {
                ScoringBand b = s.bands().get(j);
                String where = "villageScoring[" + i + "] " + s.name() + " bands[" + j + "]";
                if (b.minRatePercent() != null && b.maxRatePercent() != null
                        && b.minRatePercent().compareTo(b.maxRatePercent()) >= 0) {
                    add(v, where, "BAND_ORDERED", "区间下限须小于上限", "band minimum must be below its maximum");
                }
                if (negative(b.fundingPerPerson()) || negative(b.townFundingPerPerson())
                        || negative(b.villageFundingPerPerson())) {
                    add(v, where, "AMOUNT_NOT_NEGATIVE", "经费不得为负数", "funding must be >= 0");
                }
                if (b.fundingPerPerson() != null && b.townFundingPerPerson() != null
                        && b.villageFundingPerPerson() != null && b.townFundingPerPerson()
                        .add(b.villageFundingPerPerson()).compareTo(b.fundingPerPerson()) != 0) {
                    add(v, where, "FUNDING_SPLIT", "镇出资与村自筹之和应等于每人经费",
                            "town and village shares must add up to the funding per person");
                }
                for (int k = 0; k < j; k++) {
                    if (overlap(s.bands().get(k), b)) {
                        add(v, where, "BANDS_NOT_OVERLAPPING", "与第" + k + "个区间重叠",
                                "overlaps band " + k);
                    }
                }
            }
        }
    }

    /** More persons than any pooling region has (the largest cities count about 30 million residents). */
    static final long STATED_TOTAL_MAX = 100_000_000L;

    private static void targetCounting(Policy p, List<PolicyViolation> v) {
        TargetCounting c = p.targetCounting();
        for (String reason : c.alsoCounts()) {
            if (!TargetCounting.COUNTABLE.contains(reason)) {
                add(v, "targetCounting.alsoCounts " + reason, "COUNTABLE_REASON", "只能计入 EMPLOYEE_INSURANCE 或 INSURED_ELSEWHERE",
                        "only EMPLOYEE_INSURANCE or INSURED_ELSEWHERE may count toward a target");
            }
        }
        for (String reason : c.excludes()) {
            if (!TargetCounting.EXCLUDABLE.contains(reason)) {
                add(v, "targetCounting.excludes " + reason, "EXCLUDABLE_REASON",
                        "只能不计入 DECEASED、IN_PRISON、MILITARY_SERVICE、EMPLOYEE_INSURANCE 或 INSURED_ELSEWHERE",
                        "only DECEASED, IN_PRISON, MILITARY_SERVICE, EMPLOYEE_INSURANCE or INSURED_ELSEWHERE may leave a target");
            } else if (c.alsoCounts().contains(reason)) {
                add(v, "targetCounting.excludes " + reason, "COUNTED_AND_EXCLUDED", "同一原因不能既计入完成数又不计入任务基数",
                        "a reason cannot both count toward a target and leave it");
            }
        }
        for (var goal : java.util.Map.of("allGoalPercent", java.util.Optional.ofNullable(c.allGoalPercent()),
                "lowIncomeGoalPercent", java.util.Optional.ofNullable(c.lowIncomeGoalPercent())).entrySet()) {
            goal.getValue().filter(g -> g.signum() <= 0 || g.compareTo(java.math.BigDecimal.valueOf(100)) > 0).ifPresent(g ->
                    add(v, "targetCounting." + goal.getKey(), "GOAL_PERCENT", "参保率目标须大于 0、不超过 100",
                            "a participation goal is a percentage above 0 and at most 100"));
        }
        if (c.statedTotal() != null && (c.statedTotal() < 0 || c.statedTotal() > STATED_TOTAL_MAX)) {
            add(v, "targetCounting.statedTotal", "STATED_TOTAL", "目标任务总数须在 0 至 " + STATED_TOTAL_MAX + " 人之间",
                    "the stated total target is a number of persons from 0 to " + STATED_TOTAL_MAX);
        }
    }

    /** Months the checks accept for any waiting period: a year and a half is already beyond every notice read. */
    private static final int MAX_MONTHS = 24;

    private static void checkContinuity(Policy p, List<PolicyViolation> v) {
        ContinuityRule c = p.continuity();
        if (c == null) {
            return;
        }
        months(v, "continuity.fixedMonths", c.fixedMonths());
        months(v, "continuity.variableMonthsPerGapYear", c.variableMonthsPerGapYear());
        if (c.fixedWaitingFor() != ContinuityRule.FixedWaitingFor.NOT_CONTINUOUS_ONLY && c.concentratedWindows().isEmpty()) {
            add(v, "continuity.concentratedWindows", "CONCENTRATED_WINDOW_REQUIRED",
                    "固定等待期涉及集中参保期，须列出哪些缴费期属于集中参保期",
                    "fixedWaitingFor " + c.fixedWaitingFor() + " needs the names of the concentrated-period windows");
        }
        for (String name : c.concentratedWindows()) {
            if (p.windows().stream().noneMatch(w -> w.name().equals(name))) {
                add(v, "continuity.concentratedWindows " + name, "WINDOW_EXISTS", "本政策没有名为 " + name + " 的缴费期",
                        "the policy has no window named " + name);
            }
        }
        if (c.gapYearsFrom() < SANE_FIRST_YEAR || c.gapYearsFrom() >= p.insuranceYear()) {
            add(v, "continuity.gapYearsFrom", "GAP_YEARS_FROM",
                    "断保起算年度须在" + SANE_FIRST_YEAR + "年至" + (p.insuranceYear() - 1) + "年之间",
                    "gapYearsFrom must lie between " + SANE_FIRST_YEAR + " and " + (p.insuranceYear() - 1)
                            + " (the year before the insurance year)");
        }
        ContinuityRule.Repair r = c.repair();
        if (c.maxTotalMonths() != null) {
            months(v, "continuity.maxTotalMonths", c.maxTotalMonths());
            int least = Math.max(c.fixedMonths(), r == null ? 0 : r.floorTotalMonths());
            if (c.maxTotalMonths() < least) {
                add(v, "continuity.maxTotalMonths", "WAITING_CAP",
                        "等待期上限" + c.maxTotalMonths() + "个月小于固定等待期或修复后最低等待期（" + least + "个月）",
                        "maxTotalMonths " + c.maxTotalMonths() + " is below the fixed period or the repair floor ("
                                + least + " months)");
            }
        }
        if (r != null) {
            if (r.monthsPerYear() < 1 || r.monthsPerYear() > MAX_MONTHS) {
                add(v, "continuity.repair.monthsPerYear", "REPAIR_MONTHS", "每修复1年减少的月数须在1至" + MAX_MONTHS + "之间",
                        "monthsPerYear must lie between 1 and " + MAX_MONTHS);
            }
            if (negative(r.pricePerYear())) {
                add(v, "continuity.repair.pricePerYear", "AMOUNT_NOT_NEGATIVE", "修复缴费标准不得为负数",
                        "pricePerYear must be >= 0");
            }
            if (r.maxYears() != null && r.maxYears() < 1) {
                add(v, "continuity.repair.maxYears", "REPAIR_YEARS", "可修复年数须至少为1，或为空（不限）",
                        "maxYears must be at least 1, or null for no limit");
            }
            if (r.floorGapYears() < 1) {
                add(v, "continuity.repair.floorGapYears", "REPAIR_FLOOR", "最低等待期适用的连续断保年数须至少为1",
                        "floorGapYears must be at least 1");
            }
            months(v, "continuity.repair.floorTotalMonths", r.floorTotalMonths());
        }
        for (String code : c.exemptSubsidyCodes()) {
            if (p.category(code).isEmpty()) {
                add(v, "continuity.exemptSubsidyCodes " + code, "CODE_EXISTS", "资助目录中没有该类别代码",
                        "no such code in the catalogue");
            }
        }
        if (c.newbornExemptDays() != null && c.newbornExemptDays() <= 0) {
            add(v, "continuity.newbornExemptDays", "NEWBORN_DAYS", "新生儿免等待期天数须大于0，或为空",
                    "newbornExemptDays must be > 0, or null");
        }
        java.util.Set<LifeEvent.Type> seen = java.util.EnumSet.noneOf(LifeEvent.Type.class);
        for (int i = 0; i < c.events().size(); i++) {
            ContinuityRule.EventWindow e = c.events().get(i);
            String where = "continuity.events[" + i + "] " + e.type();
            if (!seen.add(e.type())) {
                add(v, where, "EVENT_UNIQUE", "同一情形列出两次", "event type listed twice");
            }
            int most = e.unit() == ContinuityRule.Unit.DAYS ? 366 : MAX_MONTHS;
            if (e.within() < 1 || e.within() > most) {
                add(v, where, "EVENT_WINDOW", "情形发生后的期限须在1至" + most + (e.unit() == ContinuityRule.Unit.DAYS ? "天" : "个月") + "之间",
                        "within must lie between 1 and " + most + " " + e.unit());
            }
            if (e.priorInsuredYears() < 0) {
                add(v, where, "EVENT_PRIOR_YEARS", "此前连续参保年数不得为负数", "priorInsuredYears must be >= 0");
            }
        }
    }

    private static void months(List<PolicyViolation> v, String where, int months) {
        if (months < 0 || months > MAX_MONTHS) {
            add(v, where, "WAITING_MONTHS", "月数须在0至" + MAX_MONTHS + "之间", "months must lie between 0 and " + MAX_MONTHS);
        }
    }

    private static final int SANE_FIRST_YEAR = 1900;

    private static void checkIncentive(Policy p, List<PolicyViolation> v) {
        IncentiveRule i = p.incentive();
        if (i == null) {
            return;
        }
        if (i.thresholdYears() < 0 || i.thresholdYears() > 50) {
            add(v, "incentive.thresholdYears", "INCENTIVE_YEARS", "连续参保年限须在0至50之间",
                    "thresholdYears must lie between 0 and 50");
        }
        if (negative(i.increasePerYear()) || negative(i.zeroClaimIncrease()) || negative(i.baseCap())) {
            add(v, "incentive", "AMOUNT_NOT_NEGATIVE", "激励金额和原封顶线不得为负数",
                    "increases and the base cap must be >= 0");
        }
        if (i.maxIncreasePercent() != null && (i.maxIncreasePercent().signum() <= 0
                || i.maxIncreasePercent().compareTo(BigDecimal.valueOf(100)) > 0)) {
            add(v, "incentive.maxIncreasePercent", "INCENTIVE_PERCENT", "累计提高比例须大于0、不超过100",
                    "maxIncreasePercent must be above 0 and at most 100");
        }
    }

    private static boolean overlap(ScoringBand a, ScoringBand b) {
        boolean aBelowB = a.maxRatePercent() != null && b.minRatePercent() != null
                && a.maxRatePercent().compareTo(b.minRatePercent()) <= 0;
        boolean bBelowA = b.maxRatePercent() != null && a.minRatePercent() != null
                && b.maxRatePercent().compareTo(a.minRatePercent()) <= 0;
        return !aBelowB && !bBelowA;
    }
}
