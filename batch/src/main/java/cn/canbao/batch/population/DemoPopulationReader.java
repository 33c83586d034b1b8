package cn.canbao.batch.population;

import cn.canbao.demo.boundary.PopulationGenerator;
import cn.canbao.demo.boundary.PopulationGenerator.Profile;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Policy;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * The households of one village, generated in a fixed order from the seed. Checkpoint: the index of the next
 * household; a restart regenerates the households before it (cheap, no database) and goes on from there.
 */
@Named
@Dependent
public class DemoPopulationReader extends AbstractItemReader {

    @Inject @BatchProperty String villageCode;
    @Inject @BatchProperty String count;
    @Inject @BatchProperty String seed;
    @Inject @BatchProperty String policyId;
    @Inject @BatchProperty String paidUntil;
    @Inject @BatchProperty String paidShare;
    @Inject @BatchProperty String tier2Share;
    @Inject @BatchProperty String subsidyShares;

    @Inject
    Policies policies;

    private PopulationGenerator generator;

    @Override
    public void open(Serializable checkpoint) {
        Policy policy = policies.policy(policyId);
        Profile profile = new Profile(Double.parseDouble(paidShare), Double.parseDouble(tier2Share),
                Profile.parseShares(subsidyShares));
        generator = new PopulationGenerator(villageCode, Long.parseLong(seed), Integer.parseInt(count), policy.opening(),
                LocalDate.parse(paidUntil), profile);
        if (checkpoint != null) {
            generator.skip((Integer) checkpoint);
        }
    }

    @Override
    public Object readItem() {
        return generator.hasNext() ? generator.next() : null;
    }

    @Override
    public Serializable checkpointInfo() {
        return generator.nextIndex();
    }
}
