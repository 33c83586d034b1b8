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
 * each partition also gets its share of it: count / villages, the first villages one more for the remainder.
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
    Regions regions;

    @Override
    public PartitionPlan mapPartitions() {
        List<String> villages = regions.villagesUnder(regionCode);
        if (villages.isEmpty()) {
            throw new IllegalArgumentException("no village at or below " + regionCode);
        }
        Properties[] properties = new Properties[villages.size()];
        long total = count == null || count.isBlank() ? -1 : Long.parseLong(count);
        for (int i = 0; i < villages.size(); i++) {
            properties[i] = new Properties();
            properties[i].setProperty("villageCode", villages.get(i));
            if (total >= 0) {
                properties[i].setProperty("count", String.valueOf(share(total, villages.size(), i)));
            }
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(villages.size());
        plan.setThreads(Math.max(1, Math.min(villages.size(), threads == null || threads.isBlank() ? 2 : Integer.parseInt(threads))));
        plan.setPartitionProperties(properties);
        plan.setPartitionsOverride(false);
        return plan;
    }

    /** Partition i's share of {@code total} over {@code n} partitions. */
    static long share(long total, int n, int i) {
        return total / n + (i < total % n ? 1 : 0);
    }
}
