package cn.canbao.batch.roster;

import cn.canbao.roster.boundary.RosterImporter;
import cn.canbao.roster.boundary.RosterImporter.Row;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a chunk of roster rows (identities and report lines) in the chunk's transaction. The row numbers of the
 * partition's part already reported are kept in memory for the step (read once on open, so a restart or a second
 * run of the same import sees what was committed before), instead of being asked for chunk by chunk. A failed chunk
 * fails the partition (no skip or retry is configured), so the memory never holds a row whose chunk rolled back.
 */
@Named
@Dependent
public class RosterRowWriter extends AbstractItemWriter {

    @Inject @BatchProperty String importId;
    @Inject @BatchProperty String rowFrom;
    @Inject @BatchProperty String rowTo;

    @Inject
    RosterImporter importer;

    /** What earlier chunks (and an earlier run of this import) reported, read once when the step (re)starts. */
    private RosterImporter.Reported reported;

    @Override
    public void open(Serializable checkpoint) {
        reported = importer.reported(Long.parseLong(importId), RosterPartitionMapper.number(rowFrom, 0),
                RosterPartitionMapper.number(rowTo, Integer.MAX_VALUE));
    }

    @Override
    public void writeItems(List<Object> items) {
        List<Row> rows = new ArrayList<>(items.size());
        items.forEach(i -> rows.add((Row) i));
        importer.record(Long.parseLong(importId), rows, reported);
    }
}
