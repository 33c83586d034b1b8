package cn.canbao.batch.population;

import cn.canbao.demo.boundary.DemoPopulation;
import cn.canbao.demo.boundary.PopulationGenerator.DemoHousehold;
import cn.canbao.demo.boundary.PopulationGenerator.Resident;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Filters out a household any of whose residents is already on record: a second run with the same parameters (or a
 * restart) writes nothing twice, and a number that happens to exist elsewhere is never overwritten.
 */
@Named
@Dependent
public class DemoPopulationProcessor implements ItemProcessor {

    @Inject
    DemoPopulation population;

    @Override
    public Object processItem(Object item) {
        DemoHousehold household = (DemoHousehold) item;
        boolean known = !population.existing(household.members().stream().map(Resident::idNumber).toList()).isEmpty();
        return known ? null : household;
    }
}
