package cn.canbao.batch.roster;

import cn.canbao.roster.boundary.RosterImporter;
import cn.canbao.roster.boundary.RosterImporter.Row;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * Splits a roster's data rows into {@code partitions} runs of consecutive rows of about the same size (properties
 * {@code rowFrom}, {@code rowTo}: row numbers, inclusive), checked by {@code threads} threads at once, so that the
 * server's parsing and checking of one part overlaps the database's lookups and inserts of another. A roster under
 * {@link #MIN_ROWS_PER_PARTITION} rows a part stays one partition. Whether a number repeats an earlier row's is
 * decided over the whole file by every partition's reader ({@link RosterImporter#repeatedRows}), so the report is
 * the one a single pass would write. The plan is a function of the file: a restart maps the same rows to the same
 * partition, and JBeret reruns only the partitions that did not complete.
 */
@Named
@Dependent
public class RosterPartitionMapper implements PartitionMapper {

    static final int MIN_ROWS_PER_PARTITION = 5000;

    @Inject @BatchProperty String importId;
    @Inject @BatchProperty String partitions;
    @Inject @BatchProperty String threads;

    @Inject
    RosterImporter importer;

    @Override
    public PartitionPlan mapPartitions() {
        RosterImporter.Upload upload = importer.upload(Long.parseLong(importId));
        List<Row> rows = RosterFile.rows(upload.format(), upload.content());
        return cn.canbao.batch.platform.ConsecutiveRuns.plan(rows.stream().map(Row::rowNumber).toList(),
                number(partitions, 2), number(threads, 2), MIN_ROWS_PER_PARTITION, "rowFrom", "rowTo");
    }

    /** A numeric job property, or the default when it is absent or blank. */
    static int number(String value, int otherwise) {
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
    }
}
