package cn.canbao.batch.rollover;

import cn.canbao.enrollment.control.FullCostSwitchover;
import cn.canbao.enrollment.control.FullCostSwitchover.Change;
import cn.canbao.enrollment.entity.AmountChange;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The next window's amounts due and their change-list lines (reason DEADLINE_ROLLOVER), in the chunk's transaction. */
@Named
@Dependent
public class RolloverAmountWriter extends AbstractItemWriter {

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String asOf;

    @Inject
    JobContext job;

    @Inject
    FullCostSwitchover repricing;

    @Override
    public void writeItems(List<Object> items) {
        List<Change> changes = new ArrayList<>(items.size());
        items.forEach(item -> changes.add((Change) item));
        repricing.apply(changes, policyId, LocalDate.parse(asOf), AmountChange.Reason.DEADLINE_ROLLOVER, job.getExecutionId());
    }
}
