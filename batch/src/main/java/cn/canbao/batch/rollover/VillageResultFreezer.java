package cn.canbao.batch.rollover;

import cn.canbao.campaign.boundary.DeadlineRollover;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;

/** Freezes one village's result and unpaid list (one partition per village); exit status FROZEN or ALREADY_FROZEN. */
@Named
@Dependent
public class VillageResultFreezer extends AbstractBatchlet {

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String asOf;
    @Inject @BatchProperty String villageCode;

    @Inject
    JobContext job;

    @Inject
    DeadlineRollover rollover;

    @Override
    public String process() {
        return rollover.freeze(policyId, LocalDate.parse(asOf), villageCode, job.getExecutionId()) ? "FROZEN" : "ALREADY_FROZEN";
    }
}
