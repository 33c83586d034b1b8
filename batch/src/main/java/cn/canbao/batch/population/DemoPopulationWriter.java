package cn.canbao.batch.population;

import cn.canbao.demo.boundary.DemoPopulation;
import cn.canbao.demo.boundary.PopulationGenerator.DemoHousehold;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.List;

/** Stores a chunk of households in the chunk's transaction. */
@Named
@Dependent
public class DemoPopulationWriter extends AbstractItemWriter {

    @Inject @BatchProperty String policyId;

    @Inject
    JobContext job;

    @Inject
    DemoPopulation population;

    @Override
    public void writeItems(List<Object> items) {
        List<DemoHousehold> households = new ArrayList<>(items.size());
        items.forEach(item -> households.add((DemoHousehold) item));
        population.write(households, policyId, job.getExecutionId());
    }
}
