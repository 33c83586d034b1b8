package cn.canbao.batch.fullcost;

import cn.canbao.batch.KeysetReader;
import cn.canbao.campaign.boundary.Repricing;
import cn.canbao.campaign.boundary.Repricing.Candidate;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * The unpaid enrollments of one village, ascending by id, by keyset pages; each with its person, the person's
 * identities (two statements per page). Checkpoint = the last id.
 */
@Named
@Dependent
public class UnpaidEnrollmentReader extends KeysetReader<Candidate> {

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String villageCode;

    @Inject
    Repricing switchover;

    @Override
    protected List<Candidate> nextPage(long after, int size) {
        return switchover.unpaidPage(policyId, villageCode, after, size);
    }

    @Override
    protected long key(Candidate item) {
        return item.enrollmentId();
    }
}
