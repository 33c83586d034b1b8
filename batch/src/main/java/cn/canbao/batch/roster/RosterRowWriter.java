package cn.canbao.batch.roster;

import cn.canbao.subsidy.control.RosterImporter;
import cn.canbao.subsidy.control.RosterImporter.Row;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.List;

/** Records a chunk of roster rows (identities and report lines) in the chunk's transaction. */
@Named
@Dependent
public class RosterRowWriter extends AbstractItemWriter {

    @Inject @BatchProperty String importId;

    @Inject
    RosterImporter importer;

    @Override
    public void writeItems(List<Object> items) {
        List<Row> rows = new ArrayList<>(items.size());
        items.forEach(i -> rows.add((Row) i));
        importer.record(Long.parseLong(importId), rows);
    }
}
