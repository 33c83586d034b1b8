package cn.canbao.batch.taxchannel;

import cn.canbao.taxchannel.boundary.CollectionLines;
import cn.canbao.taxchannel.boundary.CollectionFile.Line;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Iterator;

/**
 * The lines of a stored collection file from {@code lineFrom} to {@code lineTo}, in file order. Checkpoint: the number
 * of the last line read; a restart parses the file again and skips the lines up to it.
 */
@Named
@Dependent
public class CollectionLineReader extends AbstractItemReader {

    @Inject @BatchProperty String collectionId;
    @Inject @BatchProperty String lineFrom;
    @Inject @BatchProperty String lineTo;

    @Inject
    CollectionLines lines;

    private Iterator<Line> items;
    private int lastRead;

    @Override
    public void open(Serializable checkpoint) {
        int from = CollectionPartitionMapper.number(lineFrom, 0);
        int to = CollectionPartitionMapper.number(lineTo, Integer.MAX_VALUE);
        lastRead = checkpoint == null ? from - 1 : (Integer) checkpoint;
        items = lines.lines(Long.parseLong(collectionId)).stream()
                .filter(l -> l.number() > lastRead && l.number() <= to).iterator();
    }

    @Override
    public Object readItem() {
        if (!items.hasNext()) {
            return null;
        }
        Line line = items.next();
        lastRead = line.number();
        return line;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastRead;
    }
}
