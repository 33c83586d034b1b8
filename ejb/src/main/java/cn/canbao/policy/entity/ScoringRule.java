package cn.canbao.policy.entity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A village scoring table applied to the completion rate at {@code evaluatedOn} (incentive or deduction). */
public record ScoringRule(String name, String description, LocalDate evaluatedOn, List<ScoringBand> bands) {

    public ScoringRule {
        bands = List.copyOf(bands);
    }

    public Optional<ScoringBand> bandFor(BigDecimal ratePercent) {
        return bands.stream().filter(b -> b.contains(ratePercent)).findFirst();
    }
}
