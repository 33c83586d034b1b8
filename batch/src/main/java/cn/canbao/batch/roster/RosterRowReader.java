package cn.canbao.batch.roster;

import cn.canbao.roster.boundary.RosterImporter;
import cn.canbao.roster.boundary.RosterImporter.Row;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The data rows of a stored roster upload from row {@code rowFrom} to row {@code rowTo} (one partition's part; the
 * whole file without them), in file order, each marked {@link Row#repeated() repeated} when its number is on an
 * earlier row of the whole file. Checkpoint: the row number of the last row read; a restart parses the file again and
 * skips the rows up to it. The whole sheet's cell texts are held while the step runs (the upload limit is 20 MB).
 */
@Named
@Dependent
public class RosterRowReader extends AbstractItemReader {

    @Inject @BatchProperty String importId;
    @Inject @BatchProperty String rowFrom;
    @Inject @BatchProperty String rowTo;

    @Inject
    RosterImporter importer;

    private Iterator<Row> rows;
    private Set<Integer> repeated;
    private int lastRead;

    @Override
    public void open(Serializable checkpoint) {
        int from = RosterPartitionMapper.number(rowFrom, 0);
        int to = RosterPartitionMapper.number(rowTo, Integer.MAX_VALUE);
        lastRead = checkpoint == null ? from - 1 : (Integer) checkpoint;
        RosterImporter.Upload upload = importer.upload(Long.parseLong(importId));
        List<Row> all = RosterFile.rows(upload.format(), upload.content());
        repeated = RosterImporter.repeatedRows(all, to);
        rows = all.stream().filter(r -> r.rowNumber() > lastRead && r.rowNumber() <= to).iterator();
    }

    @Override
    public Object readItem() {
        if (!rows.hasNext()) {
            return null;
        }
        Row row = rows.next();
        lastRead = row.rowNumber();
        return row.repeated(repeated.contains(row.rowNumber()));
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
