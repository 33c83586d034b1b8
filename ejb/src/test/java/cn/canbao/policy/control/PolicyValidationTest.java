package cn.canbao.policy.control;

import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.CollegeRule;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PolicyFormatException;
import cn.canbao.policy.entity.PolicyValidationException;
import cn.canbao.policy.entity.PolicyViolation;
import cn.canbao.policy.entity.TierAmount;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken policy documents are refused with the offending row and rule named, in Chinese and English. */
class PolicyValidationTest {

    private final PolicyJson json = new PolicyJson();

    private static Policy withCatalogue(Policy p, List<CatalogueEntry> catalogue) {
        return new Policy(p.policyId(), p.regionCode(), p.insuranceYear(), p.name(), p.tiers(), p.fiscalSubsidy(),
                p.windows(), p.finalCutoff(), p.exemptions(), p.newborn(), p.college(), catalogue, p.milestones(),
                p.villageScoring(), p.reporting(), p.notes(), p.targetCounting());
    }

    private List<PolicyViolation> refuse(Policy broken) {
        String document = json.write(broken);
        return assertThrows(PolicyValidationException.class, () -> json.read(document)).violations();
    }

    @Test
    void rowWhoseAmountsDoNotAddUpIsNamed() {
        Policy p = Seeds.policy("500101-2024");
        List<CatalogueEntry> rows = new ArrayList<>(p.catalogue());
        CatalogueEntry orphan = rows.get(1);
        rows.set(1, new CatalogueEntry(orphan.code(), orphan.name(), orphan.certifyingDepartment(), null,
                orphan.validFrom(), orphan.validTo(), false, List.of(
                new TierAmount(1, new BigDecimal("380.00"), new BigDecimal("10.00")), orphan.amounts().get(1))));
        List<PolicyViolation> v = refuse(withCatalogue(p, rows));
        assertEquals(1, v.size(), v.toString());
        assertEquals("catalogue[1] code 104 tier 1", v.get(0).where());
        assertEquals("AMOUNTS_SUM_TO_STANDARD", v.get(0).rule());
        assertTrue(v.get(0).messageZh().contains("不等于缴费标准380.00"), v.get(0).messageZh());
        assertTrue(v.get(0).messageEn().contains("not the standard 380.00"), v.get(0).messageEn());
    }

    @Test
    void aCollegeTransitionMustEndWithTheInsuranceYearAndFollowAnAcademicYearBeforeIt() {
        Policy p = Seeds.policy("500101-2024");
        CollegeRule c = p.college();
        CollegeRule shorter = new CollegeRule(c.yearMode(), c.coverFrom(), c.coverTo(), c.graduateCoverTo(),
                c.freshmanCoverStart(), c.description(), new CollegeRule.Transition(LocalDate.of(2024, 9, 1),
                LocalDate.of(2024, 8, 31), LocalDate.of(2024, 8, 31), null));
        List<PolicyViolation> v = refuse(new Policy(p.policyId(), p.regionCode(), p.insuranceYear(), p.name(), p.tiers(),
                p.fiscalSubsidy(), p.windows(), p.finalCutoff(), p.exemptions(), p.newborn(), shorter, p.catalogue(),
                p.milestones(), p.villageScoring(), p.reporting(), p.notes(), p.targetCounting()));
        assertEquals(3, v.size(), v.toString());
        assertTrue(v.stream().allMatch(x -> x.where().equals("college.transition") && x.rule().equals("TRANSITION_DATES")));
        assertTrue(v.get(0).messageZh().contains("早于开始日"), v.get(0).messageZh());
        assertTrue(v.get(1).messageEn().contains("must begin before the insurance year 2024-01-01"), v.get(1).messageEn());
        assertTrue(v.get(2).messageZh().contains("须为参保年度末日 2024-12-31"), v.get(2).messageZh());
    }

    @Test
    void aTransitionWithoutItsDatesIsMalformed() {
        String document = json.write(Seeds.policy("500230-2024")).replaceFirst("\"insuredTo\"\\s*:\\s*\"2024-08-31\"\\s*,", "");
        assertTrue(!document.contains("insuredTo"), "the test removed the member");
        PolicyFormatException e = assertThrows(PolicyFormatException.class, () -> json.read(document));
        assertTrue(e.path().contains("transition") && e.path().contains("insuredTo"), e.path());
    }

    @Test
    void collegeRowIsCheckedAgainstTheCollegeStandard() {
        Policy p = Seeds.policy("500101-2024");
        List<CatalogueEntry> rows = new ArrayList<>(p.catalogue());
        CatalogueEntry student = rows.get(4);
        rows.set(4, new CatalogueEntry("108", student.name(), null, null, student.validFrom(), student.validTo(),
                false, student.amounts()));
        List<PolicyViolation> v = refuse(withCatalogue(p, rows));
        assertEquals(List.of("catalogue[4] code 108 tier 1", "catalogue[4] code 108 tier 2"),
                v.stream().map(PolicyViolation::where).toList());
    }

    @Test
    void duplicateCodeValidityOutsideCampaignNegativeAmountAndMissingTier() {
        Policy p = Seeds.policy("511903-2024");
        List<CatalogueEntry> rows = new ArrayList<>(p.catalogue());
        rows.add(new CatalogueEntry("101", "重复", null, null, null, null, false,
                List.of(new TierAmount(1, new BigDecimal("285.00"), new BigDecimal("95.00")))));
        rows.add(new CatalogueEntry("X1", "超出筹资期", null, null, LocalDate.of(2023, 1, 1), LocalDate.of(2025, 6, 30),
                false, List.of(new TierAmount(1, new BigDecimal("400.00"), new BigDecimal("-20.00")))));
        rows.add(new CatalogueEntry("X2", "二档", null, null, null, null, false,
                List.of(new TierAmount(2, new BigDecimal("380.00"), new BigDecimal("0.00")))));
        List<PolicyViolation> v = refuse(withCatalogue(p, rows));
        assertEquals(List.of("catalogue[4] code 101:CODE_UNIQUE", "catalogue[5] code X1:VALIDITY_INSIDE_CAMPAIGN",
                        "catalogue[5] code X1 tier 1:AMOUNT_NOT_NEGATIVE", "catalogue[6] code X2 tier 2:TIER_EXISTS"),
                v.stream().map(x -> x.where() + ":" + x.rule()).toList());
    }

    @Test
    void overlappingWindowsAreRefused() {
        Policy p = Seeds.policy("500230-2024");
        List<PaymentWindow> windows = new ArrayList<>(p.windows());
        PaymentWindow grace = windows.get(1);
        windows.set(1, new PaymentWindow(grace.name(), LocalDate.of(2023, 12, 31), grace.to(), true,
                grace.priceMode(), grace.coverStart(), grace.coverEnd(), grace.description()));
        Policy broken = new Policy(p.policyId(), p.regionCode(), p.insuranceYear(), p.name(), p.tiers(),
                p.fiscalSubsidy(), windows, p.finalCutoff(), p.exemptions(), p.newborn(), p.college(),
                p.catalogue(), p.milestones(), p.villageScoring(), p.reporting(), p.notes(), p.targetCounting());
        List<PolicyViolation> v = refuse(broken);
        assertEquals("windows[1] GRACE", v.get(0).where());
        assertEquals("WINDOWS_ORDERED_NOT_OVERLAPPING", v.get(0).rule());
    }

    @Test
    void formatErrorsNameTheJsonPath() {
        JsonObject seed = json.toJson(Seeds.policy("511903-2024"));
        JsonObject misspelt = Json.createObjectBuilder(seed).add("fiscalSubsidie", 640).build();
        assertEquals("$.fiscalSubsidie", assertThrows(PolicyFormatException.class,
                () -> json.read(misspelt.toString())).path());
        JsonObject badDate = Json.createObjectBuilder(seed).add("finalCutoff", "2024-02-30").build();
        assertEquals("$.finalCutoff", assertThrows(PolicyFormatException.class,
                () -> json.read(badDate.toString())).path());
        JsonObject fen = Json.createObjectBuilder(seed).add("fiscalSubsidy", new BigDecimal("640.001")).build();
        assertEquals("$.fiscalSubsidy", assertThrows(PolicyFormatException.class,
                () -> json.read(fen.toString())).path());
        assertThrows(PolicyFormatException.class, () -> json.read("[1,2]"));
        assertThrows(PolicyFormatException.class, () -> json.read("{"));
    }

    @Test
    void policyIdMustMatchRegionAndYear() {
        JsonObject seed = json.toJson(Seeds.policy("511903-2024"));
        JsonObject wrong = Json.createObjectBuilder(seed).add("policyId", "511903-2025").build();
        List<PolicyViolation> v = assertThrows(PolicyValidationException.class,
                () -> json.read(wrong.toString())).violations();
        assertEquals("POLICY_ID_FORMAT", v.get(0).rule());
    }
}
