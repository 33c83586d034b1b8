package cn.canbao.batch.taxchannel;

import cn.canbao.taxchannel.boundary.CollectionLines;
import cn.canbao.taxchannel.boundary.CollectionFile.Line;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

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
        return cn.canbao.batch.platform.ConsecutiveRuns.plan(all.stream().map(Line::number).toList(), number(partitions, 2),
                number(threads, 2), MIN_LINES_PER_PARTITION, "lineFrom", "lineTo");
    }

    static int number(String value, int otherwise) {
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
    }
}
