package cn.canbao.policy.entity;

import cn.canbao.policy.entity.ContinuityRule.EventWindow;
import cn.canbao.policy.entity.ContinuityRule.Repair;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The arithmetic of a {@link ContinuityRule} for one person and one payment (docs/policy-format.md, "Continuity"):
 * continuous years, gap years, the fixed and variable waiting months, with one explanation line per step. Pure; the
 * {@link QuoteEngine} moves the benefit start by the result.
 */
public final class ContinuityAssessment {

    /** What the rule decided, and why, line by line. */
    public record Result(int continuousYears, Quote.Waiting waiting, List<String> lines) {
        public Result {
            lines = List.copyOf(lines);
        }
    }

    /** Who the payer is, as far as the rule cares. */
    public record Payer(Set<Integer> insuredYears, Set<Integer> repairedYears, List<LifeEvent> events,
                        Set<String> heldCodes, Set<PersonGroup> groups, LocalDate birthDate, boolean newbornInTime) {
    }

    private ContinuityAssessment() {
    }

    /**
     * Consecutive years insured up to the year before {@code insuranceYear} (断保之后连续参保年数重新计算). Repaired years
     * count only where the rule says repair restores them.
     */
    public static int continuousYears(int insuranceYear, Set<Integer> insured, Set<Integer> repairedCounting) {
        int years = 0;
        for (int y = insuranceYear - 1; insured.contains(y) || repairedCounting.contains(y); y--) {
            years++;
        }
        return years;
    }

    /**
     * @param windowName  the window (or exemption window) that takes the payment
     * @param repairPrice the price of one repaired year when the rule gives none (the tier's standard)
     */
    public static Result assess(ContinuityRule rule, int insuranceYear, LocalDate paymentDate, String windowName,
                                Payer payer, BigDecimal repairPrice) {
        List<String> why = new ArrayList<>();
        TreeSet<Integer> prior = new TreeSet<>();
        TreeSet<Integer> later = new TreeSet<>();
        for (int y : payer.insuredYears()) {
            (y < insuranceYear ? prior : later).add(y);
        }
        if (!later.isEmpty()) {
            why.add("参保年度" + years(later) + "不早于本参保年度" + insuranceYear + "，不计入连续参保");
        }

        Integer birthYear = payer.birthDate() == null ? null : payer.birthDate().getYear();
        int from = birthYear == null ? rule.gapYearsFrom() : Math.max(rule.gapYearsFrom(), birthYear);
        List<Integer> gaps = new ArrayList<>();
        boolean notContinuous;
        if (prior.isEmpty() && payer.repairedYears().isEmpty()) {
            switch (rule.firstEnrollment()) {
                case CONTINUOUS -> why.add("此前未参加基本医保，首次参保按连续参保对待");
                case FIXED_ONLY -> why.add("此前未参加基本医保，首次参保按未连续参保对待，不计断保年度");
                case GAPS_SINCE_FROM_YEAR -> why.add("此前未参加基本医保，自" + from + "年起未参保的年度均为断保年度");
            }
            if (rule.firstEnrollment() == ContinuityRule.FirstEnrollment.GAPS_SINCE_FROM_YEAR) {
                for (int y = from; y < insuranceYear; y++) {
                    gaps.add(y);
                }
            }
            notContinuous = rule.firstEnrollment() != ContinuityRule.FirstEnrollment.CONTINUOUS;
        } else {
            if (rule.gapScope() == ContinuityRule.GapScope.LATEST_RUN) {
                for (int y = insuranceYear - 1; y >= from && !prior.contains(y); y--) {
                    gaps.add(0, y);
                }
            } else {
                for (int y = from; y < insuranceYear; y++) {
                    if (!prior.contains(y)) {
                        gaps.add(y);
                    }
                }
            }
            notContinuous = !gaps.isEmpty();
        }

        Repair repair = rule.repair();
        TreeSet<Integer> repaired = new TreeSet<>();
        TreeSet<Integer> notRepairable = new TreeSet<>();
        for (int y : payer.repairedYears()) {
            (gaps.contains(y) && repair != null ? repaired : notRepairable).add(y);
        }
        if (repair != null && repair.maxYears() != null) {
            while (repaired.size() > repair.maxYears()) {
                notRepairable.add(repaired.pollFirst());
            }
        }
        if (!notRepairable.isEmpty()) {
            why.add(repair == null ? "本政策不设缴费修复，已缴" + years(notRepairable) + "不减少等待期"
                    : "补缴年度" + years(notRepairable) + "不是计入的断保年度"
                    + (repair.maxYears() == null ? "" : "或超过可修复的" + repair.maxYears() + "年") + "，不减少等待期");
        }

        int continuous = continuousYears(insuranceYear, prior,
                repair != null && repair.restoresContinuousYears() ? repaired : Set.of());
        why.add(prior.isEmpty() ? "未提供既往参保年度" : "既往参保年度" + years(prior) + "，截至" + (insuranceYear - 1)
                + "年连续参保" + continuous + "年");
        if (!gaps.isEmpty()) {
            why.add("断保年度（自" + from + "年起计）：" + years(gaps) + "，共" + gaps.size() + "年");
        } else if (notContinuous) {
            why.add("未连续参保");
        } else {
            why.add("连续参保，无断保年度");
        }

        String exemption = exemption(rule, paymentDate, payer, continuous, why);
        if (exemption != null) {
            why.add(exemption + "，不设待遇等待期");
            return new Result(continuous, Quote.Waiting.NONE, why);
        }

        boolean outside = !rule.concentratedWindows().contains(windowName);
        boolean fixedApplies = switch (rule.fixedWaitingFor()) {
            case OUTSIDE_CONCENTRATED_OR_NOT_CONTINUOUS -> outside || notContinuous;
            case NOT_CONTINUOUS_ONLY -> notContinuous;
            case OUTSIDE_CONCENTRATED_ONLY -> outside;
        };
        int fixed = fixedApplies ? rule.fixedMonths() : 0;
        if (fixedApplies) {
            why.add((outside ? "未在集中参保期（" + String.join("、", rule.concentratedWindows()) + "）内参保" : "")
                    + (outside && notContinuous ? "且" : "") + (notContinuous ? "未连续参保" : "")
                    + "，固定待遇等待期" + fixed + "个月");
        } else {
            why.add("在集中参保期内连续参保，无固定待遇等待期");
        }

        int counted = rule.firstGapYearCounts() ? gaps.size() : Math.max(0, gaps.size() - 1);
        int unrepaired = counted * rule.variableMonthsPerGapYear();
        int variable = unrepaired;
        if (!gaps.isEmpty()) {
            why.add("断保" + gaps.size() + "年" + (rule.firstGapYearCounts() ? "" : "（第1年不计）") + "，每年"
                    + rule.variableMonthsPerGapYear() + "个月，变动待遇等待期" + unrepaired + "个月");
        }
        if (!repaired.isEmpty()) {
            int removed = repaired.size() * repair.monthsPerYear();
            variable = Math.max(0, unrepaired - removed);
            why.add("已缴费修复" + years(repaired) + "，每年减少" + repair.monthsPerYear() + "个月，变动待遇等待期减为"
                    + variable + "个月");
            int run = longestRun(gaps);
            if (run >= repair.floorGapYears() && fixed + variable < repair.floorTotalMonths()) {
                variable = Math.min(unrepaired, Math.max(0, repair.floorTotalMonths() - fixed));
                why.add("连续断保" + run + "年（" + repair.floorGapYears() + "年及以上），修复后等待期合计不少于"
                        + repair.floorTotalMonths() + "个月，变动待遇等待期" + variable + "个月");
            }
        }
        if (rule.maxTotalMonths() != null && fixed + variable > rule.maxTotalMonths()) {
            variable = Math.max(0, rule.maxTotalMonths() - fixed);
            fixed = Math.min(fixed, rule.maxTotalMonths());
            why.add("等待期合计不超过" + rule.maxTotalMonths() + "个月，变动待遇等待期" + variable + "个月");
        }
        if (repair != null && variable > 0) {
            int left = gaps.size() - repaired.size();
            if (repair.maxYears() != null) {
                left = Math.min(left, repair.maxYears() - repaired.size());
            }
            if (left > 0) {
                BigDecimal price = repair.pricePerYear() != null ? repair.pricePerYear() : repairPrice;
                why.add("可缴费修复断保年度（尚可" + left + "年，每年" + Yuan.format(price)
                        + "元" + (repair.pricePerYear() == null ? "，按本年度个人缴费标准" : "") + "），每修复1年减少"
                        + repair.monthsPerYear() + "个月变动待遇等待期");
            }
        }
        return new Result(continuous, new Quote.Waiting(fixed, variable), why);
    }

    /** The reason the payer never waits, or null. Event lines are added to {@code why} as they are judged. */
    private static String exemption(ContinuityRule rule, LocalDate paymentDate, Payer payer, int continuous,
                                    List<String> why) {
        if (payer.newbornInTime()) {
            return "新生儿在出生规定期限内参保";
        }
        if (rule.newbornExemptDays() != null && payer.birthDate() != null
                && ChronoUnit.DAYS.between(payer.birthDate(), paymentDate) <= rule.newbornExemptDays()) {
            return "新生儿出生" + rule.newbornExemptDays() + "日内参保";
        }
        for (String code : rule.exemptSubsidyCodes()) {
            if (payer.heldCodes().contains(code)) {
                return "资助身份" + code + "免于等待期";
            }
        }
        for (PersonGroup group : rule.exemptGroups()) {
            if (payer.groups().contains(group)) {
                return "人员类别" + group + "免于等待期";
            }
        }
        String waived = null;
        for (LifeEvent event : payer.events()) {
            List<EventWindow> windows = rule.events().stream().filter(w -> w.type() == event.type()).toList();
            if (windows.isEmpty()) {
                why.add(event.describeZh() + "：本政策未将该情形列为免等待期情形");
            }
            for (EventWindow w : windows) {
                LocalDate last = w.lastDay(event.date());
                if (event.date().isAfter(paymentDate)) {
                    why.add(event.describeZh() + "晚于缴费日期" + paymentDate + "，不适用");
                } else if (paymentDate.isAfter(last)) {
                    why.add(event.describeZh() + "后" + w.describeZh() + "内参保可免等待期，截至" + last + "，"
                            + paymentDate + "已超过");
                } else if (continuous < w.priorInsuredYears()) {
                    why.add(event.describeZh() + "：须此前连续参保" + w.priorInsuredYears() + "年以上，实际" + continuous
                            + "年，不适用");
                } else if (waived == null) {
                    waived = event.describeZh() + "后" + w.describeZh() + "内（截至" + last + "）参保";
                }
            }
        }
        return waived;
    }

    private static int longestRun(List<Integer> sortedYears) {
        int best = 0;
        int run = 0;
        Integer previous = null;
        for (int y : sortedYears) {
            run = previous != null && y == previous + 1 ? run + 1 : 1;
            best = Math.max(best, run);
            previous = y;
        }
        return best;
    }

    private static String years(java.util.Collection<Integer> years) {
        return years.stream().sorted().map(String::valueOf).collect(Collectors.joining("、")) + "年";
    }
}
