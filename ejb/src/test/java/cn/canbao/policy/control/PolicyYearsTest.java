package cn.canbao.policy.control;

import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.Exemption;
import cn.canbao.policy.entity.Milestone;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PolicyLint;
import cn.canbao.policy.entity.PolicyYears;
import cn.canbao.policy.entity.ScoringRule;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copy to next year: each seed's draft passes the load checks, every date moved one year, every amount kept. */
class PolicyYearsTest {

    private final PolicyJson json = new PolicyJson();

    @Test
    void everySeedCopiedToNextYearPassesTheLoadChecksWithEveryDateOneYearLater() {
        for (String id : Seeds.IDS) {
            Policy seed = Seeds.policy(id);
            Policy draft = PolicyYears.draft(seed, seed.insuranceYear() + 1);
            Policy reread = json.read(json.write(draft)); // the load checks
            assertEquals(draft, reread, id);
            assertEquals(seed.regionCode() + "-" + (seed.insuranceYear() + 1), draft.policyId());
            assertEquals(seed.insuranceYear() + 1, draft.insuranceYear());
            assertTrue(draft.name().contains(String.valueOf(seed.insuranceYear() + 1)), draft.name());

            List<LocalDate[]> pairs = datePairs(seed, draft);
            assertTrue(pairs.size() >= 6, id + ": dates compared " + pairs.size());
            for (LocalDate[] pair : pairs) {
                assertOneYearLater(id, pair[0], pair[1]);
            }
            // amounts and codes kept
            assertEquals(seed.tiers(), draft.tiers(), id);
            assertEquals(seed.fiscalSubsidy(), draft.fiscalSubsidy(), id);
            assertEquals(seed.catalogue().stream().map(CatalogueEntry::amounts).toList(),
                    draft.catalogue().stream().map(CatalogueEntry::amounts).toList(), id);
            assertEquals(seed.catalogue().stream().map(CatalogueEntry::code).toList(),
                    draft.catalogue().stream().map(CatalogueEntry::code).toList(), id);
            assertEquals(seed.newborn(), draft.newborn(), id);
            assertEquals(seed.targetCounting(), draft.targetCounting(), id);
            boolean transition = seed.college() != null && seed.college().transition() != null;
            assertEquals(seed.notes().size() + (transition ? 2 : 1), draft.notes().size(), "a note says where the draft came from");
            if (draft.college() != null) {
                assertNull(draft.college().transition(), id + ": the transition of the year of the change is not copied");
            }
            // no new gap, no overlap: the draft warns of nothing about windows the seed did not
            assertEquals(rules(PolicyLint.lint(seed, null)), rules(PolicyLint.lint(draft, null)), id);
        }
    }

    @Test
    void theIllustrative2026PolicyCopiesToo() {
        Policy seed = Continuity2026.policy();
        Policy draft = PolicyYears.draft(seed, 2027);
        assertEquals(draft, json.read(json.write(draft)));
        assertEquals(seed.continuity().gapYearsFrom(), draft.continuity().gapYearsFrom(), "the guidance's year stays");
        assertEquals(LocalDate.of(2027, 2, 28), draft.windows().get(1).to());
    }

    @Test
    void aDraftMayBeSeveralYearsAheadAndTheTitleFollows() {
        Policy seed = Seeds.policy("511903-2024");
        Policy draft = PolicyYears.draft(seed, 2040);
        assertEquals("511903-2040", draft.policyId());
        assertEquals(draft, json.read(json.write(draft)));
        assertEquals(LocalDate.of(2040, 2, 29), draft.windows().get(1).to(), "leap year to leap year");
        assertTrue(draft.name().contains("2040") && !draft.name().contains("2024"), draft.name());
    }

    @Test
    void the29thOfFebruary() {
        // the last day of February ends a range: it stays the last day of February
        assertEquals(LocalDate.of(2025, 2, 28), PolicyYears.end(LocalDate.of(2024, 2, 29), 1));
        assertEquals(LocalDate.of(2024, 2, 29), PolicyYears.end(LocalDate.of(2023, 2, 28), 1));
        assertEquals(LocalDate.of(2028, 2, 29), PolicyYears.end(LocalDate.of(2024, 2, 29), 4));
        assertEquals(LocalDate.of(2023, 2, 28), PolicyYears.end(LocalDate.of(2024, 2, 29), -1));
        // 28 February of a leap year is not the month's end: it moves as any date
        assertEquals(LocalDate.of(2025, 2, 28), PolicyYears.end(LocalDate.of(2024, 2, 28), 1));
        assertEquals(LocalDate.of(2025, 2, 27), PolicyYears.end(LocalDate.of(2024, 2, 27), 1));
        // a range starting on 29 February starts on 1 March of a common year, 29 February of a leap year
        assertEquals(LocalDate.of(2025, 3, 1), PolicyYears.start(LocalDate.of(2024, 2, 29), 1));
        assertEquals(LocalDate.of(2028, 2, 29), PolicyYears.start(LocalDate.of(2024, 2, 29), 4));
        assertEquals(LocalDate.of(2024, 3, 1), PolicyYears.start(LocalDate.of(2023, 3, 1), 1));
        assertEquals(LocalDate.of(2024, 2, 28), PolicyYears.start(LocalDate.of(2023, 2, 28), 1));
        assertNull(PolicyYears.start(null, 1));
        assertNull(PolicyYears.end(null, 1));
    }

    @Test
    void windowsThatMeetOn29FebruaryStillMeetAndNeverOverlap() {
        Policy seed = Seeds.policy("500101-2024");
        // a window ending 28 Feb and the next starting 29 Feb (2024): 28 Feb and 1 Mar in 2025
        List<PaymentWindow> w = new ArrayList<>(seed.windows());
        PaymentWindow grace = w.get(1);
        PaymentWindow waiting = w.get(2);
        w.set(1, new PaymentWindow(grace.name(), grace.from(), LocalDate.of(2024, 2, 28), grace.paymentAllowed(), grace.priceMode(),
                grace.coverStart(), grace.coverEnd(), grace.description()));
        w.set(2, new PaymentWindow(waiting.name(), LocalDate.of(2024, 2, 29), waiting.to(), waiting.paymentAllowed(),
                waiting.priceMode(), waiting.coverStart(), waiting.coverEnd(), waiting.description()));
        Policy edited = withWindows(seed, w);
        Policy draft = PolicyYears.draft(edited, 2025);
        assertEquals(LocalDate.of(2025, 2, 28), draft.windows().get(1).to());
        assertEquals(LocalDate.of(2025, 3, 1), draft.windows().get(2).from());
        assertEquals(draft, json.read(json.write(draft)));
        assertEquals(List.of(), PolicyLint.lint(draft, 40480L));
    }

    @Test
    void aShiftMovesTheCollegeTransitionADraftDropsIt() {
        Policy seed = Seeds.policy("500230-2024");
        Policy moved = PolicyYears.shift(seed, 2);
        assertEquals(LocalDate.of(2025, 9, 1), moved.college().transition().insuredFrom());
        assertEquals(LocalDate.of(2026, 8, 31), moved.college().transition().insuredTo());
        assertEquals(LocalDate.of(2026, 12, 31), moved.college().transition().coverTo());
        assertEquals(moved, json.read(json.write(moved)), "still passes the load checks");
        Policy draft = PolicyYears.draft(seed, 2025);
        assertNull(draft.college().transition());
        assertTrue(draft.notes().get(draft.notes().size() - 1).contains("college.transition"), draft.notes().toString());
    }

    @Test
    void aShiftBackAndForthIsTheSamePolicyWhereNoFebruaryEndIsInvolved() {
        Policy seed = Seeds.policy("500101-2024");
        Policy there = PolicyYears.shift(seed, 3);
        assertNotEquals(seed, there);
        Policy back = PolicyYears.shift(there, -3);
        assertEquals(seed.windows().get(0), back.windows().get(0));
        assertEquals(seed.catalogue(), back.catalogue());
        assertEquals(seed.policyId(), back.policyId());
    }

    static Policy withWindows(Policy p, List<PaymentWindow> windows) {
        return new Policy(p.policyId(), p.regionCode(), p.insuranceYear(), p.name(), p.tiers(), p.fiscalSubsidy(), windows,
                p.finalCutoff(), p.exemptions(), p.newborn(), p.college(), p.catalogue(), p.milestones(), p.villageScoring(),
                p.reporting(), p.notes(), p.targetCounting(), p.continuity(), p.incentive());
    }

    private static List<String> rules(List<PolicyLint.Warning> warnings) {
        return warnings.stream().map(PolicyLint.Warning::rule).filter(r -> !r.equals("TARGET_TOTAL_MISMATCH")).toList();
    }

    /** Exactly one year later; the last day of February stays the month's last day, 29 February starting a range → 1 March. */
    private static void assertOneYearLater(String id, LocalDate before, LocalDate after) {
        if (before == null) {
            assertNull(after, id);
            return;
        }
        boolean februaryEnd = before.getMonthValue() == 2 && before.getDayOfMonth() == before.lengthOfMonth();
        if (februaryEnd) {
            assertEquals(2, after.getMonthValue(), id + " " + before);
            assertEquals(after.lengthOfMonth(), after.getDayOfMonth(), id + " " + before + " → " + after);
            assertEquals(before.getYear() + 1, after.getYear(), id + " " + before);
        } else {
            assertEquals(before.plusYears(1), after, id + " " + before);
        }
    }

    /** Every date of the two policies, in the same order. */
    static List<LocalDate[]> datePairs(Policy a, Policy b) {
        List<LocalDate[]> pairs = new ArrayList<>();
        pairs.add(new LocalDate[]{a.finalCutoff(), b.finalCutoff()});
        for (int i = 0; i < a.windows().size(); i++) {
            PaymentWindow x = a.windows().get(i);
            PaymentWindow y = b.windows().get(i);
            pairs.add(new LocalDate[]{x.from(), y.from()});
            pairs.add(new LocalDate[]{x.to(), y.to()});
            pairs.add(new LocalDate[]{x.coverEnd(), y.coverEnd()});
        }
        for (int i = 0; i < a.exemptions().size(); i++) {
            Exemption x = a.exemptions().get(i);
            Exemption y = b.exemptions().get(i);
            pairs.add(new LocalDate[]{x.from(), y.from()});
            pairs.add(new LocalDate[]{x.to(), y.to()});
        }
        if (a.college() != null) {
            pairs.add(new LocalDate[]{a.college().coverFrom(), b.college().coverFrom()});
            pairs.add(new LocalDate[]{a.college().coverTo(), b.college().coverTo()});
            pairs.add(new LocalDate[]{a.college().graduateCoverTo(), b.college().graduateCoverTo()});
        }
        for (int i = 0; i < a.catalogue().size(); i++) {
            pairs.add(new LocalDate[]{a.catalogue().get(i).validFrom(), b.catalogue().get(i).validFrom()});
            pairs.add(new LocalDate[]{a.catalogue().get(i).validTo(), b.catalogue().get(i).validTo()});
        }
        for (int i = 0; i < a.milestones().size(); i++) {
            Milestone x = a.milestones().get(i);
            Milestone y = b.milestones().get(i);
            pairs.add(new LocalDate[]{x.from(), y.from()});
            pairs.add(new LocalDate[]{x.to(), y.to()});
        }
        for (int i = 0; i < a.villageScoring().size(); i++) {
            ScoringRule x = a.villageScoring().get(i);
            pairs.add(new LocalDate[]{x.evaluatedOn(), b.villageScoring().get(i).evaluatedOn()});
        }
        return pairs;
    }
}
