package cn.canbao.batch.renewal;

import cn.canbao.campaign.boundary.CampaignRenewal;
import cn.canbao.campaign.boundary.CampaignRenewal.Renewal;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.List;

/** Registers a chunk of renewals in the to-policy, in the chunk's transaction. */
@Named
@Dependent
public class RenewalWriter extends AbstractItemWriter {

    @Inject @BatchProperty String toPolicyId;

    @Inject
    JobContext job;

    @Inject
    CampaignRenewal renewal;

    @Override
    public void writeItems(List<Object> items) {
        List<Renewal> renewals = new ArrayList<>(items.size());
        items.forEach(i -> renewals.add((Renewal) i));
        renewal.apply(renewals, toPolicyId, job.getExecutionId());
    }
}
