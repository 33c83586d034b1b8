package cn.canbao.policy.entity;

import java.time.LocalDate;

/**
 * College students (在校大学生). NATURAL: the insurance year; ACADEMIC: cover {@code coverFrom..coverTo} (e.g.
 * 2022-09-01..2023-08-31) in place of the insurance year, extended to {@code graduateCoverTo} for the year's
 * graduates. {@code freshmanCoverStart}: a FRESHMAN paying before the insurance year starts is covered from this
 * rule instead (e.g. PAYMENT_DATE_PLUS_DAYS(1) = the day after payment). {@code transition}: the year a region moves
 * college students from the academic to the natural year (seeds 000, 002), null otherwise.
 */
public record CollegeRule(YearMode yearMode, LocalDate coverFrom, LocalDate coverTo, LocalDate graduateCoverTo,
                          CoverStart freshmanCoverStart, String description, Transition transition) {

    public enum YearMode {
        NATURAL,
        ACADEMIC
    }

    /**
     * The transition cover of the year the academic year gives way to the natural year: a college student insured
     * for the academic year {@code insuredFrom..insuredTo} (group {@link PersonGroup#ACADEMIC_YEAR_INSURED}) is
     * covered until {@code coverTo} without paying for this insurance year (seed 000: "已参加2023年9月至2024年学年度
     * 居民医保的大学生，待遇享受时间从2023年9月至2024年12月").
     */
    public record Transition(LocalDate insuredFrom, LocalDate insuredTo, LocalDate coverTo, String description) {

        /** Whether a group held {@code from..to} (to null = open) covers some of the academic year insured. */
        public boolean matches(LocalDate from, LocalDate to) {
            return !from.isAfter(insuredTo) && (to == null || !to.isBefore(insuredFrom));
        }
    }

    /** A rule without a transition (every policy before and after the year of the change). */
    public CollegeRule(YearMode yearMode, LocalDate coverFrom, LocalDate coverTo, LocalDate graduateCoverTo,
                       CoverStart freshmanCoverStart, String description) {
        this(yearMode, coverFrom, coverTo, graduateCoverTo, freshmanCoverStart, description, null);
    }
}
