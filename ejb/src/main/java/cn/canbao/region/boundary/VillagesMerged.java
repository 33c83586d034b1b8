package cn.canbao.region.boundary;

import java.util.Map;
import java.util.TreeMap;

/**
 * Fired (synchronously, inside the merge's transaction) when village {@code from} is merged into village {@code into}:
 * each component that keeps rows of a village moves its own — persons and households, enrollments and their follow-up,
 * accounts — and says how many it moved, so the merge's audit line and answer can name them. A component that fails
 * rolls the whole merge back.
 */
public final class VillagesMerged {

    private final String from;
    private final String into;
    private final Map<String, Integer> moved = new TreeMap<>();

    public VillagesMerged(String from, String into) {
        this.from = from;
        this.into = into;
    }

    public String from() { return from; }
    public String into() { return into; }

    public synchronized void moved(String what, int count) {
        moved.merge(what, count, Integer::sum);
    }

    public synchronized Map<String, Integer> counts() {
        return Map.copyOf(moved);
    }
}
