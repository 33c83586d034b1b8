package cn.canbao.policy.entity;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * What counts toward a village's target and the participation goals the notice sets (../shared/spec/DOMAIN.md §6):
 * paid enrollments always; seed 001 also counts residents insured as employees or elsewhere (a signed non-enrollment
 * with that reason). Goals in percent: all residents (95 % in seeds 000 and 001, 98 % in 003), low-income persons
 * (99 % in 000 and 002, 100 % in 001 and 004); null when the notice sets none.
 */
public record TargetCounting(List<String> alsoCounts, BigDecimal allGoalPercent, BigDecimal lowIncomeGoalPercent,
                             String description) {

    /** The non-enrollment reasons a notice may count as "insured" toward the target. */
    public static final Set<String> COUNTABLE = Set.of("EMPLOYEE_INSURANCE", "INSURED_ELSEWHERE");

    /** Paid enrollments only, no goals: a policy that says nothing. */
    public static final TargetCounting PAID_ONLY = new TargetCounting(List.of(), null, null, null);

    public TargetCounting {
        alsoCounts = alsoCounts == null ? List.of() : List.copyOf(alsoCounts);
    }
}
