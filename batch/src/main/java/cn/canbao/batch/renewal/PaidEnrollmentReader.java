package cn.canbao.batch.renewal;

import cn.canbao.enrollment.control.CampaignRenewal;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/** The ids of the paid enrollments of one village in the from-policy, ascending, by keyset pages; checkpoint = last id. */
@Named
@Dependent
public class PaidEnrollmentReader extends AbstractItemReader {

    static final int PAGE = 500;

    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String villageCode;

    @Inject
    CampaignRenewal renewal;

    private final Deque<Long> page = new ArrayDeque<>();
    private long lastRead;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? 0L : (Long) checkpoint;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(renewal.paid(policyId, villageCode, lastRead, PAGE));
            exhausted = page.size() < PAGE;
        }
        Long next = page.poll();
        if (next != null) {
            lastRead = next;
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
