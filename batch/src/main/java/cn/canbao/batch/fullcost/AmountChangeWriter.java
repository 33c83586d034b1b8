package cn.canbao.batch.fullcost;

import cn.canbao.enrollment.control.FullCostSwitchover;
import cn.canbao.enrollment.control.FullCostSwitchover.Change;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Applies a chunk of changes: new amounts due and their lines in the change list, in the chunk's transaction. */
@Named
@Dependent
public class AmountChangeWriter extends AbstractItemWriter {

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String asOf;

    @Inject
    JobContext job;

    @Inject
    FullCostSwitchover switchover;

    @Override
    public void writeItems(List<Object> items) {
        List<Change> changes = new ArrayList<>(items.size());
        items.forEach(item -> changes.add((Change) item));
        switchover.apply(changes, policyId, LocalDate.parse(asOf), job.getExecutionId());
    }
}
