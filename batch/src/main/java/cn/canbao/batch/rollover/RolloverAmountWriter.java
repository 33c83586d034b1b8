package cn.canbao.batch.rollover;

import cn.canbao.batch.fullcost.AmountChangeWriter;
import cn.canbao.enrollment.entity.AmountChange;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** The next window's amounts due and their change-list lines (reason DEADLINE_ROLLOVER), in the chunk's transaction. */
@Named
@Dependent
public class RolloverAmountWriter extends AmountChangeWriter {

    @Override
    protected AmountChange.Reason reason() {
        return AmountChange.Reason.DEADLINE_ROLLOVER;
    }
}
