package cn.canbao.batch.fullcost;

import cn.canbao.batch.KeysetIdReader;
import cn.canbao.enrollment.control.FullCostSwitchover;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** The ids of the unpaid enrollments of one village, ascending, by keyset pages; checkpoint = the last id read. */
@Named
@Dependent
public class UnpaidEnrollmentReader extends KeysetIdReader {

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String villageCode;

    @Inject
    FullCostSwitchover switchover;

    @Override
    protected List<Long> nextPage(long after, int size) {
        return switchover.unpaid(policyId, villageCode, after, size);
    }
}
