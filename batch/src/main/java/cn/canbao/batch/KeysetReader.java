package cn.canbao.batch;

import jakarta.batch.api.chunk.AbstractItemReader;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads items in ascending order of a numeric key a page at a time by keyset ({@code key > last}), so a restart needs
 * only the last key read as its checkpoint and reads the items after it. A page is one query (or a few, for the whole
 * page at once): the readers of the repricing and renewal jobs read an enrollment together with what its quote needs.
 */
public abstract class KeysetReader<T> extends AbstractItemReader {

    protected static final int PAGE = 1000;

    private final Deque<T> page = new ArrayDeque<>();
    private long lastRead;
    private boolean exhausted;

    /** Up to {@code size} items whose key is greater than {@code after}, ascending by key. */
    protected abstract List<T> nextPage(long after, int size);

    /** The item's key (e.g. the enrollment id). */
    protected abstract long key(T item);

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
        T next = page.poll();
        if (next != null) {
            lastRead = key(next);
        }
        return next;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
