package cn.canbao.batch.renewal;

import cn.canbao.batch.KeysetReader;
import cn.canbao.campaign.boundary.CampaignRenewal;
import cn.canbao.campaign.boundary.CampaignRenewal.Candidate;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * The paid enrollments of one village in the from-policy, ascending by id, by keyset pages, each with what renewing
 * it into the to-policy needs (four statements per page); checkpoint = the last id.
 */
@Named
@Dependent
public class PaidEnrollmentReader extends KeysetReader<Candidate> {

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String villageCode;
    @Inject @BatchProperty String toPolicyId;

    @Inject
    CampaignRenewal renewal;

    @Override
    protected List<Candidate> nextPage(long after, int size) {
        return renewal.paidPage(policyId, villageCode, toPolicyId, after, size);
    }

    @Override
    protected long key(Candidate item) {
        return item.enrollmentId();
    }
}
