package cn.canbao.batch.household;

import cn.canbao.household.boundary.HouseholdComparer;
import cn.canbao.household.boundary.HouseholdComparer.Row;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Iterator;

/**
 * Step "load": the data rows of the stored police file in file order, after the last row recorded. Checkpoint: the
 * last row number read.
 */
@Named
@Dependent
public class HouseholdRowReader extends AbstractItemReader {

    @Inject @BatchProperty String comparisonId;

    @Inject
    HouseholdComparer comparer;

    private Iterator<Row> rows;
    private int lastRead;

    @Override
    public void open(Serializable checkpoint) {
        // rows are recorded in file order: a rerun of the same comparison reads nothing, a restart reads on
        lastRead = Math.max(checkpoint == null ? 0 : (Integer) checkpoint, comparer.lastRowRecorded(Long.parseLong(comparisonId)));
        HouseholdComparer.Upload upload = comparer.upload(Long.parseLong(comparisonId));
        rows = HouseholdFile.rows(upload.format(), upload.content()).stream().filter(r -> r.rowNumber() > lastRead).iterator();
    }

    @Override
    public Object readItem() {
        if (!rows.hasNext()) {
            return null;
        }
        Row row = rows.next();
        lastRead = row.rowNumber();
        return row;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
