package cn.canbao.policy.entity;

import java.math.BigDecimal;

/**
 * The major-illness (大病保险) incentive of a 2025+ notice: after {@code thresholdYears} continuous years each further
 * continuous year raises the cap by {@code increasePerYear}; a year without reimbursement raises next year's cap by
 * {@code zeroClaimIncrease}; all increases together at most {@code maxIncreasePercent} % of {@code baseCap} (the
 * region's original cap; null = not entered, no ceiling computed). Recorded and explained in quotes, never priced.
 */
public record IncentiveRule(int thresholdYears, BigDecimal increasePerYear, BigDecimal zeroClaimIncrease,
                            BigDecimal maxIncreasePercent, BigDecimal baseCap, String description) {

    public IncentiveRule {
        increasePerYear = Yuan.of(increasePerYear);
        zeroClaimIncrease = Yuan.of(zeroClaimIncrease);
        baseCap = Yuan.of(baseCap);
    }
}
