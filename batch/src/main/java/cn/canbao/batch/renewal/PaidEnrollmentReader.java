package cn.canbao.batch.renewal;

import cn.canbao.batch.KeysetIdReader;
import cn.canbao.enrollment.control.CampaignRenewal;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** The ids of the paid enrollments of one village in the from-policy, ascending, by keyset pages; checkpoint = last id. */
@Named
@Dependent
public class PaidEnrollmentReader extends KeysetIdReader {

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String villageCode;

    @Inject
    CampaignRenewal renewal;

    @Override
    protected List<Long> nextPage(long after, int size) {
        return renewal.paid(policyId, villageCode, after, size);
    }
}
