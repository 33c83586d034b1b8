package cn.canbao.batch.taxchannel;

import cn.canbao.taxchannel.boundary.CollectionFile.Line;

import cn.canbao.taxchannel.boundary.CollectionLines;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Takes a chunk's lines as payments ({@link CollectionLines#takeAll}) and reports them in the chunk's
 * transaction. The line numbers of the partition already reported are read
 * once on open (a restart sees what was committed before) and kept for the step; a failed chunk fails the partition,
 * so the memory never holds a line whose chunk rolled back.
 */
@Named
@Dependent
public class CollectionLineWriter extends AbstractItemWriter {

    @Inject @BatchProperty String collectionId;
    @Inject @BatchProperty String lineFrom;
    @Inject @BatchProperty String lineTo;

    @Inject
    CollectionLines lines;

    private Set<Integer> reported;

    @Override
    public void open(Serializable checkpoint) {
        reported = lines.reported(Long.parseLong(collectionId), CollectionPartitionMapper.number(lineFrom, 0),
                CollectionPartitionMapper.number(lineTo, Integer.MAX_VALUE));
    }

    @Override
    public void writeItems(List<Object> items) {
        List<Line> chunk = new ArrayList<>(items.size());
        items.forEach(i -> chunk.add((Line) i));
        long id = Long.parseLong(collectionId);
        // the payments in transactions of their own (one for the chunk's plain lines, CollectionLines.takeAll), the
        // report in the chunk's transaction with its checkpoint
        lines.record(id, lines.takeAll(id, chunk), reported);
    }
}
