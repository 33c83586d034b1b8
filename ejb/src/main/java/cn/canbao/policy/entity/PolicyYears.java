package cn.canbao.policy.entity;

import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

/**
 * Next year's policy drafted from this year's ("a new year in minutes", docs/decisions.md 48): every date of the document
 * moves by the same number of years — windows, cover ends, the cutoff, exemption periods, the college year, catalogue
 * validity, milestones, scoring deadlines — and every amount, code and rule is kept, for the district to edit against the
 * new notice. Plain Java: a policy in, a policy out.
 *
 * <p>29 February: a date that ends a range (a window's last day, a validity's end, a cover end, the cutoff, a deadline)
 * and falls on the last day of February stays the last day of February, and a range that starts on 29 February starts on
 * 1 March in a common year — so that windows that met still meet and none overlaps (28 Feb 2023 → 29 Feb 2024 when
 * 1 March follows; 29 Feb 2024 → 28 Feb 2025). Every other date moves by exactly the years.
 *
 * <p>Kept as they are: {@code continuity.gapYearsFrom} (the year the guidance counts gaps from, 2025, does not move with
 * the campaign), texts (descriptions and notes quote the old notice: the draft says so in a note), amounts.
 * Dropped from a draft (kept, moved, by {@link #shift}): the college rule's {@code transition} — the cover of the one
 * year a region changed from the academic to the natural year, which no later year repeats; a second note says so.
 */
public final class PolicyYears {

    private PolicyYears() {
    }

    /** The draft of {@code targetYear}'s policy from {@code policy}: dates shifted, id and title renamed, a note added. */
    public static Policy draft(Policy policy, int targetYear) {
        Policy shifted = shift(policy, targetYear - policy.insuranceYear());
        List<String> notes = new ArrayList<>(shifted.notes());
        notes.add("本文档由 " + policy.policyId() + " 复制至 " + targetYear + " 年度：所有日期顺延 " + (targetYear - policy.insuranceYear())
                + " 年，金额、目录与规则不变；各项说明与备注仍为原通知文字，保存前请按新年度通知逐项核对。");
        CollegeRule college = shifted.college();
        if (college != null && college.transition() != null) {
            // the cover of the one year a region changed from the academic to the natural year: no later year repeats it
            college = new CollegeRule(college.yearMode(), college.coverFrom(), college.coverTo(), college.graduateCoverTo(),
                    college.freshmanCoverStart(), college.description(), null);
            notes.add("大学生参保期调整的过渡期待遇（college.transition）只适用于调整当年，复制时已删除。");
        }
        return copy(shifted, shifted.name(), shifted.windows(), shifted.finalCutoff(), shifted.exemptions(), college,
                shifted.catalogue(), shifted.milestones(), shifted.villageScoring(), notes);
    }

    /** The id of a region's policy for another year: {@code <region>-<year>}. */
    public static String idFor(Policy policy, int year) {
        return policy.regionCode() + "-" + year;
    }

    /**
     * The same policy moved by {@code years} (any sign): every date shifted as described above, the id and the year in
     * the title renamed. Nothing else changes — the aligned year-over-year diff compares a policy with this.
     */
    public static Policy shift(Policy p, int years) {
        if (years == 0) {
            return p;
        }
        int year = p.insuranceYear() + years;
        List<PaymentWindow> windows = p.windows().stream().map(w -> new PaymentWindow(w.name(), start(w.from(), years),
                end(w.to(), years), w.paymentAllowed(), w.priceMode(), w.coverStart(), end(w.coverEnd(), years), w.description()))
                .toList();
        List<Exemption> exemptions = p.exemptions().stream().map(e -> new Exemption(e.name(), e.description(), e.subsidyCodes(),
                e.groups(), start(e.from(), years), end(e.to(), years), e.priceMode(), e.coverStart(), e.extendsWindow(),
                e.windowName())).toList();
        CollegeRule c = p.college();
        CollegeRule college = c == null ? null : new CollegeRule(c.yearMode(), start(c.coverFrom(), years), end(c.coverTo(), years),
                end(c.graduateCoverTo(), years), c.freshmanCoverStart(), c.description(), c.transition() == null ? null
                : new CollegeRule.Transition(start(c.transition().insuredFrom(), years), end(c.transition().insuredTo(), years),
                        end(c.transition().coverTo(), years), c.transition().description()));
        List<CatalogueEntry> catalogue = p.catalogue().stream().map(e -> new CatalogueEntry(e.code(), e.name(),
                e.certifyingDepartment(), e.fundingDepartment(), start(e.validFrom(), years), end(e.validTo(), years), e.college(),
                e.amounts())).toList();
        List<Milestone> milestones = p.milestones().stream().map(m -> new Milestone(m.name(), start(m.from(), years),
                end(m.to(), years), m.description())).toList();
        List<ScoringRule> scoring = p.villageScoring().stream().map(s -> new ScoringRule(s.name(), s.description(),
                end(s.evaluatedOn(), years), s.bands())).toList();
        String name = p.name() == null ? null : p.name().replace(String.valueOf(p.insuranceYear()), String.valueOf(year));
        Policy renamed = new Policy(p.regionCode() + "-" + year, p.regionCode(), year, name, p.tiers(), p.fiscalSubsidy(),
                windows, end(p.finalCutoff(), years), exemptions, p.newborn(), college, catalogue, milestones, scoring,
                p.reporting(), p.notes(), p.targetCounting(), p.continuity(), p.incentive());
        return renamed;
    }

    /** The first day of a range, moved: 29 February becomes 1 March in a common year. */
    public static LocalDate start(LocalDate date, int years) {
        if (date == null) {
            return null;
        }
        if (date.getMonth() == Month.FEBRUARY && date.getDayOfMonth() == 29 && !Year.isLeap((long) date.getYear() + years)) {
            return LocalDate.of(date.getYear() + years, 3, 1);
        }
        return date.plusYears(years);
    }

    /** The last day of a range, moved: the last day of February stays the last day of February. */
    public static LocalDate end(LocalDate date, int years) {
        if (date == null) {
            return null;
        }
        if (date.getMonth() == Month.FEBRUARY && date.getDayOfMonth() == date.lengthOfMonth()) {
            return MonthDay.of(2, 28).atYear(date.getYear() + years).withDayOfMonth(
                    Year.isLeap((long) date.getYear() + years) ? 29 : 28);
        }
        return date.plusYears(years);
    }

    private static Policy copy(Policy p, String name, List<PaymentWindow> windows, LocalDate finalCutoff, List<Exemption> exemptions,
                               CollegeRule college, List<CatalogueEntry> catalogue, List<Milestone> milestones,
                               List<ScoringRule> scoring, List<String> notes) {
        return new Policy(p.policyId(), p.regionCode(), p.insuranceYear(), name, p.tiers(), p.fiscalSubsidy(), windows,
                finalCutoff, exemptions, p.newborn(), college, catalogue, milestones, scoring, p.reporting(), notes,
                p.targetCounting(), p.continuity(), p.incentive());
    }
}
