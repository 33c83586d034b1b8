package cn.canbao.batch.fullcost;

import cn.canbao.enrollment.control.FullCostSwitchover;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;

/** The change for one enrollment, or null (filtered) when its amount stays: already switched, exempt, paid. */
@Named
@Dependent
public class FullCostProcessor implements ItemProcessor {

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String asOf;

    @Inject
    FullCostSwitchover switchover;

    @Override
    public Object processItem(Object enrollmentId) {
        return switchover.assess((Long) enrollmentId, policyId, LocalDate.parse(asOf)).orElse(null);
    }
}
