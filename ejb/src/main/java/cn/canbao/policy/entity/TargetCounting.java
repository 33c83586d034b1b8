package cn.canbao.policy.entity;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * What counts toward a village's target and the participation goals the notice sets (../shared/spec/DOMAIN.md §6):
 * paid enrollments always; seed 001 also counts residents insured as employees or elsewhere (a signed non-enrollment
 * with that reason). Goals in percent: all residents (95 % in seeds 000 and 001, 98 % in 003), low-income persons
 * (99 % in 000 and 002, 100 % in 001 and 004); null when the notice sets none. {@code excludes}: the reasons for not
 * enrolling whose <em>signed</em> record takes a resident out of the village's target — its denominator — where a notice
 * says so (died, serving a sentence, in the army: 不计入任务基数); empty when it says nothing. {@code statedTotal}: the
 * district's total target as the notice states it (seed 000: 40,480), null when it states none — only checked against the
 * villages' targets by the load-time lint ({@link PolicyLint}, TARGET_TOTAL_MISMATCH), never used to count.
 */
public record TargetCounting(List<String> alsoCounts, BigDecimal allGoalPercent, BigDecimal lowIncomeGoalPercent,
                             String description, List<String> excludes, Long statedTotal) {

    /** The non-enrollment reasons a notice may count as "insured" toward the target. */
    public static final Set<String> COUNTABLE = Set.of("EMPLOYEE_INSURANCE", "INSURED_ELSEWHERE");

    /** The non-enrollment reasons a notice may take out of a target's denominator when the resident has signed. */
    public static final Set<String> EXCLUDABLE = Set.of("DECEASED", "IN_PRISON", "MILITARY_SERVICE", "EMPLOYEE_INSURANCE",
            "INSURED_ELSEWHERE");

    /** Paid enrollments only, no goals: a policy that says nothing. */
    public static final TargetCounting PAID_ONLY = new TargetCounting(List.of(), null, null, null, List.of(), null);

    public TargetCounting {
        alsoCounts = alsoCounts == null ? List.of() : List.copyOf(alsoCounts);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }

    public TargetCounting(List<String> alsoCounts, BigDecimal allGoalPercent, BigDecimal lowIncomeGoalPercent, String description) {
        this(alsoCounts, allGoalPercent, lowIncomeGoalPercent, description, List.of(), null);
    }

    public TargetCounting(List<String> alsoCounts, BigDecimal allGoalPercent, BigDecimal lowIncomeGoalPercent, String description,
                          List<String> excludes) {
        this(alsoCounts, allGoalPercent, lowIncomeGoalPercent, description, excludes, null);
    }
}
