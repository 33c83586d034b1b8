package cn.canbao.policy.control;

import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PolicyDiff;
import cn.canbao.policy.entity.PolicyDiff.Change;
import cn.canbao.policy.entity.PolicyDiff.Kind;
import cn.canbao.policy.entity.PolicyDiff.Section;
import cn.canbao.policy.entity.PolicyYears;
import cn.canbao.policy.entity.Tier;
import cn.canbao.policy.entity.TierAmount;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Year-over-year and version-to-version differences: amounts per tier, windows, catalogue rows by code, rules. */
class PolicyDiffTest {

    @Test
    void aPolicyAgainstItselfHasNoChanges() {
        for (String id : Seeds.IDS) {
            assertEquals(List.of(), PolicyDiff.compare(Seeds.policy(id), Seeds.policy(id), false), id);
            assertEquals(List.of(), PolicyDiff.compare(Seeds.policy(id), Seeds.policy(id), true), id);
        }
    }

    @Test
    void aDraftAlignedWithItsSourceShowsOnlyTheNoteItAdded() {
        for (String id : Seeds.IDS) {
            Policy seed = Seeds.policy(id);
            Policy draft = PolicyYears.draft(seed, seed.insuranceYear() + 1);
            List<Change> aligned = PolicyDiff.compare(seed, draft, true);
            boolean transition = seed.college() != null && seed.college().transition() != null;
            if (transition) {
                // the transition of the year of the change is not copied: its four fields and the note saying so
                List<Change> dropped = aligned.stream().filter(c -> c.section() == Section.RULES).toList();
                assertEquals(List.of("transition.insuredFrom", "transition.insuredTo", "transition.coverTo",
                        "transition.description"), dropped.stream().map(Change::field).toList(), id);
                assertTrue(dropped.stream().allMatch(c -> "college".equals(c.key()) && c.after() == null), id + ": " + dropped);
                aligned = aligned.stream().filter(c -> c.section() != Section.RULES).toList();
            }
            assertEquals(transition ? 2 : 1, aligned.size(), id + ": " + aligned);
            assertEquals(new Change(Section.NOTES, "notes", null, Kind.ADDED, null, draft.notes().get(seed.notes().size())),
                    aligned.get(0));
            // unaligned: every date shows as changed
            List<Change> literal = PolicyDiff.compare(seed, draft, false);
            assertTrue(literal.stream().anyMatch(c -> c.section() == Section.WINDOWS && "from".equals(c.field())), id);
            assertTrue(literal.contains(new Change(Section.GENERAL, null, "insuranceYear", Kind.CHANGED,
                    String.valueOf(seed.insuranceYear()), String.valueOf(draft.insuranceYear()))), id);
            assertTrue(literal.stream().noneMatch(c -> c.section() == Section.TIERS), "amounts kept: " + id);
        }
    }

    @Test
    void amountsWindowsCatalogueRowsAndRulesChangedInTheNewYearAreListed() {
        Policy seed = Seeds.policy("500101-2024");
        Policy next = PolicyYears.shift(seed, 1);
        // tier 1 rises to 400; the concentrated window opens 2 weeks later; 101 pays 360/40 in tier 1; 602 is gone,
        // L01 is new; the fiscal subsidy rises to 670
        List<Tier> tiers = new ArrayList<>(next.tiers());
        tiers.set(0, new Tier(1, new BigDecimal("400.00"), tiers.get(0).collegeStandard()));
        List<PaymentWindow> windows = new ArrayList<>(next.windows());
        PaymentWindow c = windows.get(0);
        windows.set(0, new PaymentWindow(c.name(), LocalDate.of(2024, 9, 15), c.to(), c.paymentAllowed(), c.priceMode(),
                c.coverStart(), c.coverEnd(), c.description()));
        List<CatalogueEntry> catalogue = new ArrayList<>();
        for (CatalogueEntry e : next.catalogue()) {
            if (e.code().equals("602")) {
                continue;
            }
            if (e.code().equals("101")) {
                List<TierAmount> amounts = new ArrayList<>(e.amounts());
                amounts.set(0, new TierAmount(1, new BigDecimal("360.00"), new BigDecimal("40.00")));
                e = new CatalogueEntry(e.code(), e.name(), e.certifyingDepartment(), e.fundingDepartment(), e.validFrom(),
                        e.validTo(), e.college(), amounts);
            }
            catalogue.add(e);
        }
        catalogue.add(new CatalogueEntry("L01", "稳定脱贫人口", "区乡村振兴局", null, null, null, false,
                List.of(new TierAmount(1, new BigDecimal("50.00"), new BigDecimal("350.00")))));
        Policy edited = new Policy(next.policyId(), next.regionCode(), next.insuranceYear(), next.name(), tiers,
                new BigDecimal("670.00"), windows, next.finalCutoff(), next.exemptions(), next.newborn(), next.college(), catalogue,
                next.milestones(), next.villageScoring(), next.reporting(), next.notes(), next.targetCounting(), null, null);

        List<Change> changes = PolicyDiff.compare(seed, edited, true);
        assertEquals(List.of(
                new Change(Section.GENERAL, null, "fiscalSubsidy", Kind.CHANGED, "640.00", "670.00"),
                new Change(Section.TIERS, "1", "residentStandard", Kind.CHANGED, "380.00", "400.00"),
                new Change(Section.WINDOWS, "CONCENTRATED", "from", Kind.CHANGED, "2024-09-01", "2024-09-15"),
                new Change(Section.CATALOGUE, "101", "tier1.subsidy", Kind.CHANGED, "342.00", "360.00"),
                new Change(Section.CATALOGUE, "101", "tier1.personal", Kind.CHANGED, "38.00", "40.00"),
                new Change(Section.CATALOGUE, "L01", null, Kind.ADDED, null, "稳定脱贫人口"),
                new Change(Section.CATALOGUE, "602", null, Kind.REMOVED, seed.category("602").orElseThrow().name(), null)),
                changes);

        // the other way round, unaligned: the year's dates change too, and L01 is removed
        List<Change> back = PolicyDiff.compare(edited, seed, false);
        assertTrue(back.contains(new Change(Section.CATALOGUE, "L01", null, Kind.REMOVED, "稳定脱贫人口", null)), back.toString());
        assertTrue(back.contains(new Change(Section.WINDOWS, "GRACE", "to", Kind.CHANGED, "2025-02-28", "2024-02-29")), back.toString());
    }

    @Test
    void rulesAreComparedMemberByMember() {
        Policy seed = Seeds.policy("500118-2023"); // newborn, college, scoring and milestones
        Policy other = Seeds.policy("500102-2023");
        List<Change> changes = PolicyDiff.compare(seed, other, true);
        assertTrue(changes.stream().anyMatch(c -> c.section() == Section.RULES && c.key().equals("newborn") && c.kind() == Kind.REMOVED),
                changes.toString());
        assertTrue(changes.stream().anyMatch(c -> c.section() == Section.RULES && c.key().startsWith("villageScoring ")),
                changes.toString());
        assertTrue(changes.stream().anyMatch(c -> c.section() == Section.EXEMPTIONS && c.kind() == Kind.ADDED), changes.toString());
        assertTrue(changes.stream().anyMatch(c -> c.section() == Section.GENERAL && "regionCode".equals(c.field())));

        Policy continuity = Continuity2026.policy();
        Policy months = Continuity2026.withRule(rule -> rule.add("fixedMonths", 4));
        assertEquals(List.of(new Change(Section.RULES, "continuity", "fixedMonths", Kind.CHANGED, "3", "4")),
                PolicyDiff.compare(continuity, months, false));
        Policy repair = Continuity2026.withRule(rule -> rule.add("repair", jakarta.json.Json.createObjectBuilder()
                .add("monthsPerYear", 1).addNull("pricePerYear").addNull("maxYears").add("floorGapYears", 5)
                .add("floorTotalMonths", 6).add("restoresContinuousYears", false)));
        assertEquals(List.of(new Change(Section.RULES, "continuity", "repair.floorGapYears", Kind.CHANGED, "4", "5")),
                PolicyDiff.compare(continuity, repair, false));
    }
}
