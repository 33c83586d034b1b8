package cn.canbao.batch.fullcost;

import cn.canbao.campaign.boundary.Repricing;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.QuoteEngine;
import cn.canbao.policy.entity.Policy;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The change for one unpaid enrollment (priced in memory), or null (filtered) when its amount stays: exempt, already
 * owing the new amount. The policy is read once per partition (the processor is one instance per partition), then
 * each item is priced by the quote engine without a container call.
 */
@Named
@Dependent
public class FullCostProcessor implements ItemProcessor {

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String asOf;

    @Inject
    Policies policies;

    @Inject
    Clock clock;

    private Policy policy;
    private QuoteEngine engine;
    private LocalDate date;

    @Override
    public Object processItem(Object candidate) {
        if (policy == null) {
            policy = policies.policy(policyId);
            engine = new QuoteEngine(clock);
            date = LocalDate.parse(asOf);
        }
        return Repricing.assess((Repricing.Candidate) candidate, policy, engine, date).orElse(null);
    }
}
