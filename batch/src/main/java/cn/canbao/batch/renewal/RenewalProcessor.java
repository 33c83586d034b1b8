package cn.canbao.batch.renewal;

import cn.canbao.enrollment.control.CampaignRenewal;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The pre-registration for one paid enrollment's person, or null (filtered): deceased, left, already registered. */
@Named
@Dependent
public class RenewalProcessor implements ItemProcessor {

    @Inject @BatchProperty String toPolicyId;

    @Inject
    CampaignRenewal renewal;

    @Override
    public Object processItem(Object candidate) {
        return renewal.assess((CampaignRenewal.Candidate) candidate, toPolicyId).orElse(null);
    }
}
