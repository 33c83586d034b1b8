package cn.canbao.batch.platform;

import cn.canbao.region.boundary.Regions;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;
import java.util.Properties;

/**
 * One partition per village at or below {@code regionCode}, ordered by code, so that a restart maps partition i to
 * the same village as the first run (JBeret reruns only the partitions that did not complete). With {@code count},
 * each partition also gets its share of it: count / villages, the first villages one more for the remainder; with
 * {@code spread=targets} (and {@code policyId}), shares in proportion to the villages' targets for that policy, at
 * least 2 each (the living demo: a village of target 3,115 gets about three times the residents of one of 1,045).
 */
@Named
@Dependent
public class VillagePartitionMapper implements PartitionMapper {

    @Inject
    @BatchProperty
    String regionCode;

    @Inject
    @BatchProperty
    String count;

    @Inject
    @BatchProperty
    String threads;

    @Inject
    @BatchProperty
    String spread;

    @Inject
    @BatchProperty
    String policyId;

    @Inject
    Regions regions;

    @Override
    public PartitionPlan mapPartitions() {
        List<String> villages = regions.villagesUnder(regionCode);
        if (villages.isEmpty()) {
            throw new IllegalArgumentException("no village at or below " + regionCode);
        }
        Properties[] properties = new Properties[villages.size()];
        long total = count == null || count.isBlank() ? -1 : Long.parseLong(count);
        long[] byTarget = null;
        if (total >= 0 && "targets".equals(spread) && policyId != null && !policyId.isBlank()) {
            java.util.Map<String, Long> targets = regions.targets(policyId);
            byTarget = shares(total, villages.stream().mapToLong(v -> targets.getOrDefault(v, 0L)).toArray());
        }
        for (int i = 0; i < villages.size(); i++) {
            properties[i] = new Properties();
            properties[i].setProperty("villageCode", villages.get(i));
            if (total >= 0) {
                properties[i].setProperty("count", String.valueOf(byTarget != null ? byTarget[i] : share(total, villages.size(), i)));
            }
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(villages.size());
        plan.setThreads(Math.max(1, Math.min(villages.size(), threads == null || threads.isBlank() ? 2 : Integer.parseInt(threads))));
        plan.setPartitionProperties(properties);
        plan.setPartitionsOverride(false);
        return plan;
    }

    /**
     * {@code total} shared in proportion to {@code weights}, at least 2 each, the shares adding up to {@code total}
     * (the remainder of the rounding to the first); evenly when the weights are all zero. {@code total} ≥ 2 × n.
     */
    static long[] shares(long total, long[] weights) {
        int n = weights.length;
        long sum = java.util.Arrays.stream(weights).map(w -> Math.max(w, 0)).sum();
        long[] shares = new long[n];
        long rest = total - 2L * n;
        long given = 0;
        for (int i = 0; i < n; i++) {
            long extra = sum == 0 ? share(rest, n, i) : java.math.BigInteger.valueOf(rest)
                    .multiply(java.math.BigInteger.valueOf(Math.max(weights[i], 0))).divide(java.math.BigInteger.valueOf(sum)).longValue();
            shares[i] = 2 + extra;
            given += extra;
        }
        for (int i = 0; given < rest; i = (i + 1) % n, given++) {
            shares[i]++;
        }
        return shares;
    }

    /** Partition i's share of {@code total} over {@code n} partitions. */
    static long share(long total, int n, int i) {
        return total / n + (i < total % n ? 1 : 0);
    }
}
