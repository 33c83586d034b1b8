package cn.canbao.batch.fullcost;

import cn.canbao.enrollment.control.FullCostSwitchover;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;

/** The change for one unpaid enrollment (priced in memory), or null (filtered) when its amount stays: already switched, exempt. */
@Named
@Dependent
public class FullCostProcessor implements ItemProcessor {

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String asOf;

    @Inject
    FullCostSwitchover switchover;

    @Override
    public Object processItem(Object candidate) {
        return switchover.assess((FullCostSwitchover.Candidate) candidate, policyId, LocalDate.parse(asOf)).orElse(null);
    }
}
