package cn.canbao.batch;

import jakarta.batch.api.chunk.AbstractItemReader;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads record ids in ascending order a page at a time by keyset ({@code id > last}), so a restart needs only the last
 * id read as its checkpoint and reads the ids after it.
 */
public abstract class KeysetIdReader extends AbstractItemReader {

    protected static final int PAGE = 500;

    private final Deque<Long> page = new ArrayDeque<>();
    private long lastRead;
    private boolean exhausted;

    /** Up to {@code size} ids greater than {@code after}, ascending. */
    protected abstract List<Long> nextPage(long after, int size);

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? 0L : (Long) checkpoint;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(nextPage(lastRead, PAGE));
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
