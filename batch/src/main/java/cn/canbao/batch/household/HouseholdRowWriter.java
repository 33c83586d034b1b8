package cn.canbao.batch.household;

import cn.canbao.household.boundary.HouseholdComparer;
import cn.canbao.household.boundary.HouseholdComparer.Row;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.List;

/** Step "load": records a chunk of file rows (accepted or rejected) in the chunk's transaction. */
@Named
@Dependent
public class HouseholdRowWriter extends AbstractItemWriter {

    @Inject @BatchProperty String comparisonId;

    @Inject
    HouseholdComparer comparer;

    @Override
    public void writeItems(List<Object> items) {
        List<Row> rows = new ArrayList<>(items.size());
        items.forEach(i -> rows.add((Row) i));
        comparer.load(Long.parseLong(comparisonId), rows);
    }
}
