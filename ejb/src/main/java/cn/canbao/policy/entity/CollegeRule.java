package cn.canbao.policy.entity;

import java.time.LocalDate;

/**
 * College students (在校大学生). NATURAL: the insurance year; ACADEMIC: cover {@code coverFrom..coverTo} (e.g.
 * 2022-09-01..2023-08-31) in place of the insurance year, extended to {@code graduateCoverTo} for the year's
 * graduates. {@code freshmanCoverStart}: a FRESHMAN paying before the insurance year starts is covered from this
 * rule instead (e.g. PAYMENT_DATE_PLUS_DAYS(1) = the day after payment).
 */
public record CollegeRule(YearMode yearMode, LocalDate coverFrom, LocalDate coverTo, LocalDate graduateCoverTo,
                          CoverStart freshmanCoverStart, String description) {

    public enum YearMode {
        NATURAL,
        ACADEMIC
    }
}
