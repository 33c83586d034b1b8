package cn.canbao.enrollment.boundary;

import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.control.Seeds;
import cn.canbao.policy.entity.Policy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of the newborn's automatic cover (decision 49): which policy speaks, whether payments look at all, the tier. */
class NewbornCoverRulesTest {

    /** A small region tree: province 50 ⊃ city 5001 ⊃ district 500101 ⊃ village 500101001; district 500230 beside it. */
    private static final Map<String, List<String>> PATH = Map.of(
            "500101001", List.of("500101001", "500101", "5001", "50"),
            "500101", List.of("500101", "5001", "50"),
            "500230", List.of("500230", "5001", "50"),
            "500230001", List.of("500230001", "500230", "5001", "50"),
            "5001", List.of("5001", "50"),
            "50", List.of("50"));
    private static final BiPredicate<String, String> WITHIN = (code, ancestor) -> PATH.getOrDefault(code, List.of(code)).contains(ancestor);

    private static Policies.Summary summary(String id, String region, int year) {
        return new Policies.Summary(id, region, year, id);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void thePolicyOfTheNarrowestRegionOfTheBirthYearSpeaks() {
        List<Policies.Summary> all = List.of(summary("5001-2024", "5001", 2024), summary("500101-2024", "500101", 2024),
                summary("500101-2023", "500101", 2023), summary("500230-2024", "500230", 2024), summary("50-2024", "50", 2024));
        assertEquals("500101-2024", NewbornCovers.policyFor(all, 2024, "500101001", WITHIN).orElseThrow().policyId());
        assertEquals("500101-2023", NewbornCovers.policyFor(all, 2023, "500101001", WITHIN).orElseThrow().policyId());
        assertEquals("500230-2024", NewbornCovers.policyFor(all, 2024, "500230001", WITHIN).orElseThrow().policyId());
        // the order of the list does not matter
        assertEquals("500101-2024", NewbornCovers.policyFor(reversed(all), 2024, "500101001", WITHIN).orElseThrow().policyId());
        // a city's policy when the district has none that year; none at all for a year without one
        assertEquals("5001-2024", NewbornCovers.policyFor(List.of(summary("5001-2024", "5001", 2024),
                summary("50-2024", "50", 2024)), 2024, "500230001", WITHIN).orElseThrow().policyId());
        assertTrue(NewbornCovers.policyFor(all, 2022, "500101001", WITHIN).isEmpty());
        // another district's policy never speaks for this village
        assertTrue(NewbornCovers.policyFor(List.of(summary("500230-2024", "500230", 2024)), 2024, "500101001", WITHIN).isEmpty());
        assertTrue(NewbornCovers.policyFor(all, 2024, null, WITHIN).isEmpty());
    }

    @Test
    void onlyAPolicyWithTheRuleMakesAPaymentLookForWards() {
        assertTrue(NewbornCovers.coversWards(Seeds.policy("500230-2024")), "seed 002 sets guardianCoverAutomatic");
        for (String id : List.of("500101-2024", "500118-2023", "511903-2024", "500102-2023")) {
            assertFalse(NewbornCovers.coversWards(Seeds.policy(id)), id);
        }
        assertFalse(NewbornCovers.coversWards(null));
    }

    @Test
    void theNewbornTakesTheGuardiansTierWhereOfferedElseTheFirst() {
        Policy policy = Seeds.policy("500230-2024");
        assertEquals(2, NewbornCovers.tierFor(policy, 2));
        assertEquals(1, NewbornCovers.tierFor(policy, 1));
        assertEquals(1, NewbornCovers.tierFor(policy, 7), "a tier this policy does not offer");
    }
}
