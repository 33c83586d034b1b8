package cn.canbao.policy.control;

import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.CollegeRule;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PolicyLint;
import cn.canbao.policy.entity.TargetCounting;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load-time lint: each warning at its boundary, and what the five seeds genuinely get. */
class PolicyLintTest {

    @Test
    void theSeedsGetOnlyTheWarningsTheyDeserve() {
        // with the villages' targets of config/demo/targets.csv (40,480 and 19,253 — the notices' totals)
        Map<String, Long> villageSums = Map.of("500101-2024", 40480L, "500118-2023", 19253L);
        Map<String, List<String>> expected = Map.of(
                "500101-2024", List.of(),
                "500118-2023", List.of(),
                // the notices leave the fiscal subsidy to the operator ("按上级规定"): full-cost quotes wait for it
                "500230-2024", List.of("FISCAL_SUBSIDY_MISSING"),
                "511903-2024", List.of("FISCAL_SUBSIDY_MISSING"),
                "500102-2023", List.of());
        for (String id : Seeds.IDS) {
            assertEquals(expected.get(id), rules(PolicyLint.lint(Seeds.policy(id), villageSums.get(id))), id);
        }
        // before any village target is entered, a stated total is a warning
        assertEquals(List.of("TARGET_TOTAL_MISMATCH"), rules(PolicyLint.lint(Seeds.policy("500101-2024"), null)));
        assertEquals(List.of(), rules(PolicyLint.lint(Continuity2026.policy(), null)));
    }

    @Test
    void aStatedTotalThatDiffersFromTheVillagesByOne() {
        Policy seed = Seeds.policy("500101-2024");
        assertEquals(List.of(), PolicyLint.lint(seed, 40480L));
        List<PolicyLint.Warning> one = PolicyLint.lint(seed, 40479L);
        assertEquals(List.of("TARGET_TOTAL_MISMATCH"), rules(one));
        assertTrue(one.get(0).messageZh().contains("40480") && one.get(0).messageZh().contains("40479"), one.get(0).messageZh());
        assertTrue(one.get(0).messageEn().contains("difference of 1"), one.get(0).messageEn());
        assertEquals(List.of("TARGET_TOTAL_MISMATCH"), rules(PolicyLint.lint(seed, 40481L)));
        // no stated total: nothing to compare
        Policy unstated = withCounting(seed, new TargetCounting(List.of(), null, null, null, List.of(), null));
        assertEquals(List.of(), PolicyLint.lint(unstated, 5L));
        assertEquals(List.of(), PolicyLint.lint(unstated, null));
    }

    @Test
    void aWindowGapOfOneDayWarnsAndWindowsThatMeetDoNot() {
        Policy seed = Seeds.policy("500101-2024");
        assertEquals(List.of(), rules(PolicyLint.lint(seed, 40480L)));
        // GRACE ends 02-28 in a leap year: 29 Feb lies in no window
        Policy gap = withWindowTo(seed, 1, LocalDate.of(2024, 2, 28));
        List<PolicyLint.Warning> warnings = PolicyLint.lint(gap, 40480L);
        assertEquals(List.of("WINDOW_GAP"), rules(warnings));
        assertTrue(warnings.get(0).messageEn().startsWith("1 day(s)"), warnings.get(0).messageEn());
        assertTrue(warnings.get(0).messageZh().contains("2024-02-29 至 2024-02-29"), warnings.get(0).messageZh());
        assertTrue(warnings.get(0).where().contains("STANDARD_WAITING"), warnings.get(0).where());
        // a typo year: the concentrated window ends 2023-12-30 → one day; ends 2023-11-30 → 31 days
        assertTrue(PolicyLint.lint(withWindowTo(seed, 0, LocalDate.of(2023, 11, 30)), 40480L).get(0).messageEn().startsWith("31 day(s)"));
    }

    @Test
    void aCategoryValidOneDayBeyondTheInsuranceYearWarns() {
        Policy seed = Seeds.policy("500102-2023"); // its college cover runs to 2023-12-31: the campaign may not go beyond
        assertEquals(List.of(), PolicyLint.lint(seed, null));
        Policy lastDay = withValidTo(seed, 0, LocalDate.of(2023, 12, 31));
        assertEquals(List.of(), PolicyLint.lint(lastDay, null));
        Policy beyond = withValidTo(withCollegeTo(seed, LocalDate.of(2024, 8, 31)), 0, LocalDate.of(2024, 1, 1));
        new PolicyValidator().requireValid(beyond); // the load checks accept it: it lies inside the campaign
        List<PolicyLint.Warning> warnings = PolicyLint.lint(beyond, null);
        assertEquals(List.of("CATEGORY_BEYOND_CAMPAIGN"), rules(warnings));
        assertEquals("catalogue[0] code " + seed.catalogue().get(0).code(), warnings.get(0).where());
    }

    @Test
    void aFullCostWindowWithoutFiscalSubsidyWarnsOnlyWhereItMatters() {
        Policy seed = Seeds.policy("500230-2024");
        assertEquals(List.of("FISCAL_SUBSIDY_MISSING"), rules(PolicyLint.lint(seed, null)));
        Policy entered = withFiscal(seed, new BigDecimal("640.00"));
        assertEquals(List.of(), rules(PolicyLint.lint(entered, null)));
        // no full-cost window (nor exemption) at all: the fiscal subsidy is never asked for
        List<PaymentWindow> standardOnly = seed.windows().stream().filter(w -> !w.name().equals("FULL_COST")).toList();
        assertEquals(List.of(), rules(PolicyLint.lint(PolicyYearsTest.withWindows(seed, standardOnly), null)));
    }

    @Test
    void lintNeverThrowsOnWhatTheLoadChecksAccept() {
        for (String id : Seeds.IDS) {
            for (PolicyLint.Warning w : PolicyLint.lint(Seeds.policy(id), null)) {
                assertTrue(!w.messageZh().isBlank() && !w.messageEn().isBlank() && !w.where().isBlank(), w.toString());
            }
        }
    }

    static List<String> rules(List<PolicyLint.Warning> warnings) {
        return warnings.stream().map(PolicyLint.Warning::rule).toList();
    }

    private static Policy withWindowTo(Policy p, int index, LocalDate to) {
        List<PaymentWindow> w = new ArrayList<>(p.windows());
        PaymentWindow x = w.get(index);
        w.set(index, new PaymentWindow(x.name(), x.from(), to, x.paymentAllowed(), x.priceMode(), x.coverStart(), x.coverEnd(),
                x.description()));
        return PolicyYearsTest.withWindows(p, w);
    }

    private static Policy withValidTo(Policy p, int index, LocalDate to) {
        List<CatalogueEntry> c = new ArrayList<>(p.catalogue());
        CatalogueEntry e = c.get(index);
        c.set(index, new CatalogueEntry(e.code(), e.name(), e.certifyingDepartment(), e.fundingDepartment(), e.validFrom(), to,
                e.college(), e.amounts()));
        return new Policy(p.policyId(), p.regionCode(), p.insuranceYear(), p.name(), p.tiers(), p.fiscalSubsidy(), p.windows(),
                p.finalCutoff(), p.exemptions(), p.newborn(), p.college(), c, p.milestones(), p.villageScoring(),
                p.reporting(), p.notes(), p.targetCounting(), p.continuity(), p.incentive());
    }

    private static Policy withCollegeTo(Policy p, LocalDate graduateCoverTo) {
        CollegeRule c = p.college();
        return new Policy(p.policyId(), p.regionCode(), p.insuranceYear(), p.name(), p.tiers(), p.fiscalSubsidy(), p.windows(),
                p.finalCutoff(), p.exemptions(), p.newborn(), new CollegeRule(c.yearMode(), c.coverFrom(), c.coverTo(),
                graduateCoverTo, c.freshmanCoverStart(), c.description()), p.catalogue(), p.milestones(), p.villageScoring(),
                p.reporting(), p.notes(), p.targetCounting(), p.continuity(), p.incentive());
    }

    private static Policy withFiscal(Policy p, BigDecimal fiscal) {
        return new Policy(p.policyId(), p.regionCode(), p.insuranceYear(), p.name(), p.tiers(), fiscal, p.windows(),
                p.finalCutoff(), p.exemptions(), p.newborn(), p.college(), p.catalogue(), p.milestones(), p.villageScoring(),
                p.reporting(), p.notes(), p.targetCounting(), p.continuity(), p.incentive());
    }

    private static Policy withCounting(Policy p, TargetCounting counting) {
        return new Policy(p.policyId(), p.regionCode(), p.insuranceYear(), p.name(), p.tiers(), p.fiscalSubsidy(), p.windows(),
                p.finalCutoff(), p.exemptions(), p.newborn(), p.college(), p.catalogue(), p.milestones(), p.villageScoring(),
                p.reporting(), p.notes(), counting, p.continuity(), p.incentive());
    }
}
