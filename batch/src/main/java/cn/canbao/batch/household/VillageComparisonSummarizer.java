package cn.canbao.batch.household;

import cn.canbao.household.boundary.HouseholdComparer;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Step "summarize" (one partition per village): the village's counts per class; exit status SUMMARIZED or ALREADY_SUMMARIZED. */
@Named
@Dependent
public class VillageComparisonSummarizer extends AbstractBatchlet {

    @Inject @BatchProperty String comparisonId;
    @Inject @BatchProperty String villageCode;

    @Inject
    JobContext job;

    @Inject
    HouseholdComparer comparer;

    @Override
    public String process() {
        return comparer.summarize(Long.parseLong(comparisonId), villageCode, job.getExecutionId()) ? "SUMMARIZED" : "ALREADY_SUMMARIZED";
    }
}
