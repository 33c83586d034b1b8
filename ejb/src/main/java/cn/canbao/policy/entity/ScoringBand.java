package cn.canbao.policy.entity;

import java.math.BigDecimal;

/**
 * One band of a village scoring table: completion rate in percent, {@code minRatePercent} inclusive (null: no
 * lower bound), {@code maxRatePercent} exclusive (null: no upper bound). Funding per person (null: the rule pays
 * none) split between town and village; {@code scoreChange} added to the village's target assessment;
 * {@code interview}: the village leaders are summoned for an interview (约谈).
 */
public record ScoringBand(BigDecimal minRatePercent, BigDecimal maxRatePercent, BigDecimal fundingPerPerson,
                          BigDecimal townFundingPerPerson, BigDecimal villageFundingPerPerson,
                          BigDecimal scoreChange, boolean interview) {

    public ScoringBand {
        fundingPerPerson = Yuan.of(fundingPerPerson);
        townFundingPerPerson = Yuan.of(townFundingPerPerson);
        villageFundingPerPerson = Yuan.of(villageFundingPerPerson);
    }

    public boolean contains(BigDecimal ratePercent) {
        return (minRatePercent == null || ratePercent.compareTo(minRatePercent) >= 0)
                && (maxRatePercent == null || ratePercent.compareTo(maxRatePercent) < 0);
    }
}
