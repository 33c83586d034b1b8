package cn.canbao.policy.entity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The continuous-enrollment rule of a 2025+ notice (参保长效机制, 国办发〔2024〕38号; ../shared/spec/DOMAIN.md §8): who waits a
 * fixed period after enrolling, how many months each year of broken cover adds, how paying for missed years removes
 * them, who is exempt. Every number and every reading the provinces differ on is a member here
 * (docs/policy-format.md, "Continuity"); {@link ContinuityAssessment} does the arithmetic.
 *
 * @param fixedMonths              固定待遇等待期 in calendar months (3 in the guidance)
 * @param fixedWaitingFor          who gets the fixed period
 * @param concentratedWindows      names of the windows that are the 集中参保期
 * @param variableMonthsPerGapYear 变动待遇等待期 added per counted gap year (1 in the guidance)
 * @param firstGapYearCounts       true: one gap year adds a month; false: only the years beyond the first do
 * @param gapYearsFrom             the earliest year whose absence is a gap
 * @param gapScope                 the latest run of missed years only, or every missed year since gapYearsFrom
 * @param firstEnrollment          how a person insured in no year at all is treated
 * @param maxTotalMonths           cap on fixed + variable; null = none (the guidance states none)
 * @param waitingStartsFrom        where the waiting period is counted from
 * @param repair                   缴费修复; null = the notice allows no repair
 * @param exemptSubsidyCodes       catalogue categories that never wait (low-income persons …)
 * @param exemptGroups             person groups that never wait
 * @param newbornExemptDays        newborns up to this age in days never wait; null = only those the newborn rule covers
 * @param events                   event windows that waive the waiting period
 */
public record ContinuityRule(int fixedMonths, FixedWaitingFor fixedWaitingFor, List<String> concentratedWindows,
                             int variableMonthsPerGapYear, boolean firstGapYearCounts, int gapYearsFrom,
                             GapScope gapScope, FirstEnrollment firstEnrollment, Integer maxTotalMonths,
                             WaitingStartsFrom waitingStartsFrom, Repair repair, List<String> exemptSubsidyCodes,
                             Set<PersonGroup> exemptGroups, Integer newbornExemptDays, List<EventWindow> events,
                             String description) {

    /** Who waits the fixed period. */
    public enum FixedWaitingFor {
        /** The guidance: 未在集中参保期内参保或未连续参保的. */
        OUTSIDE_CONCENTRATED_OR_NOT_CONTINUOUS,
        NOT_CONTINUOUS_ONLY,
        OUTSIDE_CONCENTRATED_ONLY
    }

    /** Which missed years count. */
    public enum GapScope {
        /** The missed years just before the insurance year, back to the last insured year (or gapYearsFrom). */
        LATEST_RUN,
        /** Every missed year from gapYearsFrom to the year before the insurance year. */
        ALL_SINCE_FROM_YEAR
    }

    /** A person insured in no year at all (not an exempt newborn). */
    public enum FirstEnrollment {
        /** Treated as continuous: no gap, no fixed period for that reason. */
        CONTINUOUS,
        /** Not continuous (fixed period) but no gap years. */
        FIXED_ONLY,
        /** Every year since gapYearsFrom (and since birth) is a gap. */
        GAPS_SINCE_FROM_YEAR
    }

    /** Where the waiting months are counted from. */
    public enum WaitingStartsFrom {
        /** From the payment date; the window's own cover start still applies when it is later. */
        PAYMENT_DATE,
        /** From the date cover would otherwise start (1 Jan for a concentrated-period payment). */
        NORMAL_COVER_START
    }

    /** Units of an event window. */
    public enum Unit {
        DAYS,
        MONTHS
    }

    /**
     * 缴费修复: paying for missed years. {@code pricePerYear} null = the tier's personal standard of this policy
     * (the guidance: 参照当年参保地的个人缴费标准). The floor: once {@code floorGapYears} consecutive years were missed,
     * fixed + variable after repair stays at least {@code floorTotalMonths}.
     */
    public record Repair(int monthsPerYear, BigDecimal pricePerYear, Integer maxYears, int floorGapYears,
                         int floorTotalMonths, boolean restoresContinuousYears) {

        public Repair {
            pricePerYear = Yuan.of(pricePerYear);
        }
    }

    /**
     * Enrolling within {@code within} {@code unit} of the event (the event's day is day 0: 3 months after 31 Jan
     * is 30 Apr, 90 days after 1 Jan is 1 Apr) waives the whole waiting period, for a person insured at least
     * {@code priorInsuredYears} continuous years before the insurance year.
     */
    public record EventWindow(LifeEvent.Type type, int within, Unit unit, int priorInsuredYears, String description) {

        public EventWindow {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(unit, "unit");
        }

        /** Last payment date the event waives the waiting period for. */
        public LocalDate lastDay(LocalDate eventDate) {
            return unit == Unit.DAYS ? eventDate.plusDays(within) : eventDate.plusMonths(within);
        }

        public String describeZh() {
            return within + (unit == Unit.DAYS ? "天" : "个月");
        }
    }

    public ContinuityRule {
        concentratedWindows = concentratedWindows == null ? List.of() : List.copyOf(concentratedWindows);
        exemptSubsidyCodes = exemptSubsidyCodes == null ? List.of() : List.copyOf(exemptSubsidyCodes);
        exemptGroups = exemptGroups == null ? Set.of() : Set.copyOf(exemptGroups);
        events = events == null ? List.of() : List.copyOf(events);
    }
}
