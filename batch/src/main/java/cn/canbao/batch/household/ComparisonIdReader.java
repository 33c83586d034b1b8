package cn.canbao.batch.household;

import cn.canbao.household.boundary.HouseholdComparer;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Step "compare": the ID numbers of one village (its police rows and its persons on record) not yet classified in
 * this comparison, ascending, by keyset pages of 500. Checkpoint: the last number read. A rerun reads nothing.
 */
@Named
@Dependent
public class ComparisonIdReader extends AbstractItemReader {

    private static final int PAGE = 500;

    @Inject @BatchProperty String comparisonId;
    @Inject @BatchProperty String villageCode;

    @Inject
    HouseholdComparer comparer;

    private final Deque<String> page = new ArrayDeque<>();
    private String lastRead;
    private String scannedTo;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? "" : (String) checkpoint;
        scannedTo = lastRead;
    }

    @Override
    public Object readItem() {
        while (page.isEmpty() && !exhausted) {
            HouseholdComparer.Page next = comparer.nextIds(Long.parseLong(comparisonId), villageCode, scannedTo, PAGE);
            page.addAll(next.ids());
            scannedTo = next.scannedTo();
            exhausted = next.exhausted();
        }
        String next = page.poll();
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
