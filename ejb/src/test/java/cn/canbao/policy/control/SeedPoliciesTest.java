package cn.canbao.policy.control;

import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.ScoringBand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The five seed files load, pass the checks, carry ../shared/spec/DOMAIN.md §4's numbers and survive a JSON round trip. */
class SeedPoliciesTest {

    private final PolicyJson json = new PolicyJson();

    @ParameterizedTest
    @ValueSource(strings = {"500101-2024", "500118-2023", "500230-2024", "511903-2024", "500102-2023"})
    void loadsValidatesAndRoundTrips(String id) {
        Policy policy = Seeds.policy(id);
        assertEquals(id, policy.policyId());
        assertEquals(List.of(), new PolicyValidator().validate(policy));
        String written = json.write(policy);
        Policy again = json.read(written);
        assertEquals(policy, again);
        assertEquals(written, json.write(again), "writing is stable");
    }

    @ParameterizedTest(name = "{0}: tiers {1}/{2}, college {3}/{4}, fiscal {5}, cutoff {6}, {7} categories")
    @CsvSource(nullValues = "-", value = {
            "500101-2024, 380.00, 755.00, 350.00, 725.00, 640.00, 2024-09-30, 24",
            "500118-2023, 350.00, 725.00, 320.00, 695.00, 640.00, 2023-09-30, 16",
            "500230-2024, 380.00, 755.00, 350.00, 725.00, -,      2024-09-30, 18",
            "511903-2024, 380.00, -,      -,      -,      -,      2024-12-31, 4",
            "500102-2023, 350.00, 725.00, 320.00, 695.00, 640.00, 2023-09-30, 18",
    })
    void carriesTheNoticeFigures(String id, BigDecimal t1, BigDecimal t2, BigDecimal c1, BigDecimal c2,
                                 BigDecimal fiscal, String cutoff, int categories) {
        Policy p = Seeds.policy(id);
        assertEquals(t1, p.tier(1).orElseThrow().residentStandard());
        assertEquals(c1, p.tier(1).orElseThrow().collegeStandard());
        assertEquals(t2, p.tier(2).map(t -> t.residentStandard()).orElse(null));
        assertEquals(c2, p.tier(2).map(t -> t.collegeStandard()).orElse(null));
        assertEquals(fiscal, p.fiscalSubsidy());
        assertEquals(cutoff, p.finalCutoff().toString());
        assertEquals(categories, p.catalogue().size());
    }

    @Test
    void wanzhouCatalogueCodesAndValidityAsInSeed000() {
        Policy p = Seeds.policy("500101-2024");
        assertEquals(List.of("101", "104", "105", "106", "108", "109", "110", "113", "114", "301", "302", "304", "305",
                        "520", "602", "603", "604", "605", "607", "608", "609", "2104", "2105", "2106"),
                p.catalogue().stream().map(CatalogueEntry::code).toList());
        for (CatalogueEntry c : p.catalogue()) {
            boolean wholeYear = List.of("101", "113", "520", "605", "607", "608", "609").contains(c.code());
            assertEquals("2023-09-01", c.validFrom().toString(), c.code());
            assertEquals(wholeYear ? "2024-12-31" : "2024-06-30", c.validTo().toString(), c.code());
        }
        assertEquals("区民政局、区残联、区卫生健康委", p.category("604").orElseThrow().certifyingDepartment());
        assertEquals("在万各高校", p.category("108").orElseThrow().certifyingDepartment());
    }

    @ParameterizedTest(name = "松溉 {0}% → {1} yuan ({2}+{3}), {4} points")
    @CsvSource({
            "100,    6.00, 3.00, 3.00, 0.5",
            "105.2,  6.00, 3.00, 3.00, 0.5",
            "99.99,  5.00, 2.50, 2.50, 0",
            "90,     5.00, 2.50, 2.50, 0",
            "89.99,  3.00, 2.00, 1.00, 0",
            "80,     3.00, 2.00, 1.00, 0",
            "79.99,  0.00, 0.00, 0.00, -0.5",
            "0,      0.00, 0.00, 0.00, -0.5",
    })
    void songgaiIncentiveBands(BigDecimal rate, BigDecimal funding, BigDecimal town, BigDecimal village,
                               BigDecimal score) {
        ScoringBand b = Seeds.policy("500118-2023").villageScoring().get(0).bandFor(rate).orElseThrow();
        assertEquals(funding, b.fundingPerPerson());
        assertEquals(town, b.townFundingPerPerson());
        assertEquals(village, b.villageFundingPerPerson());
        assertEquals(0, score.compareTo(b.scoreChange()));
    }

    @ParameterizedTest(name = "栗子 {0}% → {1} points, interview {2}")
    @CsvSource({
            "100,   0,    false",
            "99.99, -0.2, false",
            "98,    -0.2, false",
            "97.99, -0.5, false",
            "95,    -0.5, false",
            "94.99, -0.8, false",
            "90,    -0.8, false",
            "89.99, -1,   true",
    })
    void liziDeductionBands(BigDecimal rate, BigDecimal score, boolean interview) {
        ScoringBand b = Seeds.policy("500230-2024").villageScoring().get(0).bandFor(rate).orElseThrow();
        assertEquals(0, score.compareTo(b.scoreChange()));
        assertEquals(interview, b.interview());
        assertNull(b.fundingPerPerson());
    }

    @Test
    void songgaiMilestones() {
        var m = Seeds.policy("500118-2023").milestones();
        assertEquals(3, m.size());
        assertEquals("2022-11-09", m.get(0).from().toString());
        assertEquals("2022-11-30", m.get(0).to().toString());
        assertEquals("2022-12-15", m.get(1).to().toString());
        assertEquals("2022-12-31", m.get(2).to().toString());
        assertTrue(Seeds.policy("500230-2024").newborn().guardianCoverAutomatic());
    }
}
