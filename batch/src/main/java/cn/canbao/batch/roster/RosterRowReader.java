package cn.canbao.batch.roster;

import cn.canbao.subsidy.control.RosterImporter;
import cn.canbao.subsidy.control.RosterImporter.Row;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The data rows of a stored roster upload, in file order. Checkpoint: the row number of the last row read; a restart
 * parses the file again and skips the rows up to it. The whole sheet's cell texts are held while the step runs (a
 * roster of 100,000 rows is a few tens of MB at most; the upload limit is 20 MB).
 */
@Named
@Dependent
public class RosterRowReader extends AbstractItemReader {

    @Inject @BatchProperty String importId;

    @Inject
    RosterImporter importer;

    private Iterator<Row> rows;
    private int lastRead;

    @Override
    public void open(Serializable checkpoint) {
        lastRead = checkpoint == null ? 0 : (Integer) checkpoint;
        RosterImporter.Upload upload = importer.upload(Long.parseLong(importId));
        rows = RosterFile.rows(upload.format(), upload.content()).stream().filter(r -> r.rowNumber() > lastRead).iterator();
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
