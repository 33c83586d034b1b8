package cn.canbao.batch.taxchannel;

import cn.canbao.taxchannel.boundary.CollectionLines;
import cn.canbao.taxchannel.boundary.CollectionFile.Line;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Takes one line as a payment ({@link CollectionLines#take}); the outcome goes to the writer. */
@Named
@Dependent
public class CollectionLineProcessor implements ItemProcessor {

    @Inject @BatchProperty String collectionId;

    @Inject
    CollectionLines lines;

    @Override
    public Object processItem(Object item) {
        return lines.take(Long.parseLong(collectionId), (Line) item);
    }
}
