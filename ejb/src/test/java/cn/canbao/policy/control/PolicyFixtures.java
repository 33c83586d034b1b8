package cn.canbao.policy.control;

import cn.canbao.policy.entity.Policy;

import java.math.BigDecimal;

/** Variations of a seed policy as an operator would enter them (a PUT of the edited document). */
final class PolicyFixtures {

    private PolicyFixtures() {
    }

    static Policy withFiscalSubsidy(Policy p, BigDecimal fiscal) {
        return new Policy(p.policyId(), p.regionCode(), p.insuranceYear(), p.name(), p.tiers(), fiscal, p.windows(),
                p.finalCutoff(), p.exemptions(), p.newborn(), p.college(), p.catalogue(), p.milestones(),
                p.villageScoring(), p.reporting(), p.notes(), p.targetCounting());
    }
}
