package cn.canbao.batch.household;

import cn.canbao.household.boundary.HouseholdComparer;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.List;

/** Step "compare": classifies a chunk of a village's ID numbers (bulk reads per chunk) in the chunk's transaction. */
@Named
@Dependent
public class ComparisonWriter extends AbstractItemWriter {

    @Inject @BatchProperty String comparisonId;
    @Inject @BatchProperty String villageCode;

    @Inject
    JobContext job;

    @Inject
    HouseholdComparer comparer;

    @Override
    public void writeItems(List<Object> items) {
        List<String> ids = new ArrayList<>(items.size());
        items.forEach(i -> ids.add((String) i));
        comparer.classify(Long.parseLong(comparisonId), villageCode, ids, job.getExecutionId());
    }
}
