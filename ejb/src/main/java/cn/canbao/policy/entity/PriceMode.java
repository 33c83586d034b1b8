package cn.canbao.policy.entity;

/** What a payment in a window costs: the personal standard, or the standard plus the fiscal subsidy (全额缴费). */
public enum PriceMode {
    STANDARD,
    FULL_COST
}
