package cn.canbao.batch.fullcost;

import cn.canbao.campaign.boundary.Repricing;
import cn.canbao.campaign.boundary.Repricing.Change;
import cn.canbao.enrollment.entity.AmountChange;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies a chunk of changes of one village (one partition): new amounts due and their lines in the change list, in
 * the chunk's transaction. Which enrollments of the village already have a line for the date is read once when the
 * partition (re)starts and kept up to date here, instead of being asked for row by row or chunk by chunk: such a probe
 * into a table the job itself is filling was planned as a scan while the table's statistics still said "empty" (no
 * analyze runs during the job), and the job slowed down as the table grew. A failed chunk fails the partition (no skip
 * or retry is configured) and a restart reads the set again, so it never holds a line that was rolled back; the
 * unique key (enrollment, date) stays the last guard.
 */
@Named
@Dependent
public class AmountChangeWriter extends AbstractItemWriter {

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String villageCode;
    @Inject @BatchProperty String asOf;

    @Inject
    JobContext job;

    @Inject
    Repricing repricing;

    private Set<Long> recorded;

    /** Why the amounts change: the full-cost switchover here, the deadline rollover in its subclass. */
    protected AmountChange.Reason reason() {
        return AmountChange.Reason.FULL_COST_SWITCHOVER;
    }

    @Override
    public void open(Serializable checkpoint) {
        recorded = repricing.recorded(policyId, villageCode, LocalDate.parse(asOf));
    }

    @Override
    public void writeItems(List<Object> items) {
        List<Change> changes = new ArrayList<>(items.size());
        items.forEach(item -> changes.add((Change) item));
        repricing.apply(changes, policyId, LocalDate.parse(asOf), reason(), job.getExecutionId(), recorded);
    }
}
