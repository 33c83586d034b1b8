package cn.canbao.batch.taxchannel;

import cn.canbao.taxchannel.boundary.CollectionLines;
import cn.canbao.taxchannel.boundary.CollectionFile.Line;
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
 * Splits a collection file's lines into {@code partitions} runs of consecutive lines (properties {@code lineFrom},
 * {@code lineTo}: line numbers, inclusive), taken by {@code threads} threads at once. Lines of one person in two
 * partitions are safe: payments serialise on the person's enrollment row and are idempotent by transaction id. A
 * line repeating an earlier transaction id is marked over the whole file when it is read, so the report is the one a
 * single pass would write. The plan is a function of the file: a restart maps the same lines to the same partition.
 */
@Named
@Dependent
public class CollectionPartitionMapper implements PartitionMapper {

    static final int MIN_LINES_PER_PARTITION = 2000;

    @Inject @BatchProperty String collectionId;
    @Inject @BatchProperty String partitions;
    @Inject @BatchProperty String threads;

    @Inject
    CollectionLines lines;

    @Override
    public PartitionPlan mapPartitions() {
        List<Line> all = lines.lines(Long.parseLong(collectionId));
        int n = Math.max(1, Math.min(Math.max(1, number(partitions, 2)), all.size() / MIN_LINES_PER_PARTITION));
        Properties[] properties = new Properties[n];
        for (int i = 0; i < n; i++) {
            int first = (int) ((long) all.size() * i / n);
            int last = (int) ((long) all.size() * (i + 1) / n) - 1;
            properties[i] = new Properties();
            properties[i].setProperty("lineFrom", String.valueOf(i == 0 || all.isEmpty() ? 0 : all.get(first).number()));
            properties[i].setProperty("lineTo", String.valueOf(i == n - 1 || all.isEmpty() ? Integer.MAX_VALUE : all.get(last).number()));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(n);
        plan.setThreads(Math.max(1, Math.min(n, number(threads, 2))));
        plan.setPartitionProperties(properties);
        plan.setPartitionsOverride(false);
        return plan;
    }

    static int number(String value, int otherwise) {
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
    }
}
