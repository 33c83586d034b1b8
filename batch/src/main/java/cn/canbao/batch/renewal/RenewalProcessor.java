package cn.canbao.batch.renewal;

import cn.canbao.campaign.boundary.CampaignRenewal;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.QuoteEngine;
import cn.canbao.policy.entity.Policy;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Clock;

/**
 * The pre-registration for one paid enrollment's person, or null (filtered): deceased, left, already registered. The
 * to-policy is read once per partition, then each item is assessed without a container call.
 */
@Named
@Dependent
public class RenewalProcessor implements ItemProcessor {

    @Inject @BatchProperty String toPolicyId;

    @Inject
    Policies policies;

    @Inject
    Clock clock;

    private Policy to;
    private QuoteEngine engine;

    @Override
    public Object processItem(Object candidate) {
        if (to == null) {
            to = policies.policy(toPolicyId);
            engine = new QuoteEngine(clock);
        }
        return CampaignRenewal.assess((CampaignRenewal.Candidate) candidate, to, engine).orElse(null);
    }
}
