package cn.canbao.batch.platform;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Residents shared over villages in proportion to their targets (the living demo's spread=targets). */
class VillagePartitionMapperTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void sharesAddUpFollowTheTargetsAndGiveEveryVillageTwo(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(30);
        long[] targets = new long[n];
        for (int i = 0; i < n; i++) {
            targets[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(5000);
        }
        long total = 2L * n + random.nextInt(100_000);
        long[] shares = VillagePartitionMapper.shares(total, targets);
        assertEquals(total, Arrays.stream(shares).sum());
        long sum = Arrays.stream(targets).sum();
        for (int i = 0; i < n; i++) {
            assertTrue(shares[i] >= 2, "at least 2 in each village");
            if (sum > 0) {
                double exact = 2 + (double) (total - 2L * n) * targets[i] / sum;
                assertTrue(Math.abs(shares[i] - exact) < 2, shares[i] + " vs " + exact);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0})
    void theDemoTownAndAllZeroTargets(int unused) {
        assertArrayEquals(new long[]{1002, 3002}, VillagePartitionMapper.shares(4004, new long[]{1000, 3000}));
        assertArrayEquals(new long[]{4, 3, 3}, VillagePartitionMapper.shares(10, new long[]{0, 0, 0}));
    }
}
