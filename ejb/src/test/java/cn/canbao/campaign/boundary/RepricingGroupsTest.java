package cn.canbao.campaign.boundary;

import cn.canbao.person.entity.QuotedPerson;
import cn.canbao.policy.control.Seeds;
import cn.canbao.policy.entity.HeldGroup;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.ResidentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Full-cost repricing and renewal read a person's groups on record with their dates (issue 14 item 4): under seed 003
 * (511903-2024, 第四条(二): veterans and the other named groups keep the standard price after the concentrated period)
 * a veteran whose group holds on the switchover date keeps owing the standard; one whose group ended before it owes
 * the full cost like everybody else. The fiscal subsidy, not stated by the notice, is entered as an operator would.
 */
class RepricingGroupsTest {

    static final Policy SEED_003 = Seeds.policy("511903-2024");
    static final Policy POLICY = new Policy(SEED_003.policyId(), SEED_003.regionCode(), SEED_003.insuranceYear(),
            SEED_003.name(), SEED_003.tiers(), new BigDecimal("640"), SEED_003.windows(), SEED_003.finalCutoff(),
            SEED_003.exemptions(), SEED_003.newborn(), SEED_003.college(), SEED_003.catalogue(), SEED_003.milestones(),
            SEED_003.villageScoring(), SEED_003.reporting(), SEED_003.notes(), SEED_003.targetCounting());
    static final LocalDate AS_OF = LocalDate.of(2024, 7, 1);
    static final QuotedPerson RESIDENT = new QuotedPerson(7L, ResidentType.RESIDENT, LocalDate.of(1990, 5, 1), null,
            null, false, false);
    static final BigDecimal STANDARD = new BigDecimal("380.00");

    static Repricing.Candidate candidate(List<HeldGroup> groups) {
        return new Repricing.Candidate(11L, 1, "511903001001", STANDARD, RESIDENT, List.of(), null, groups);
    }

    @Test
    void seedsReadGroupsOnlyWhereTheyHaveRulesForThem() {
        assertTrue(SEED_003.readsGroups(), "seed 003 names groups in an exemption");
        assertTrue(Seeds.policy("500101-2024").readsGroups(), "seed 000's college rule starts freshmen's cover");
        assertTrue(!Seeds.policy("500101-2024").readsGroups(ResidentType.RESIDENT), "but for college students only");
        assertTrue(!Seeds.policy("500118-2023").readsGroups(ResidentType.RESIDENT), "seed 001 names no group");
    }

    @Test
    void withoutAGroupTheFullCostIsDue() {
        Optional<Repricing.Change> change = Repricing.assess(candidate(List.of()), POLICY, Seeds.ENGINE, AS_OF);
        assertTrue(change.isPresent());
        assertEquals(new BigDecimal("1020.00"), change.get().newAmount());
    }

    @Test
    void aVeteranWithinTheGroupsDatesKeepsTheStandard() {
        HeldGroup veteran = new HeldGroup(PersonGroup.VETERAN, LocalDate.of(2024, 3, 20), null);
        assertEquals(Optional.empty(), Repricing.assess(candidate(List.of(veteran)), POLICY, Seeds.ENGINE, AS_OF));
    }

    @Test
    void aVeteranWhoseGroupEndedBeforeTheDateOwesTheFullCost() {
        HeldGroup ended = new HeldGroup(PersonGroup.VETERAN, LocalDate.of(2023, 3, 1), LocalDate.of(2024, 6, 30));
        HeldGroup later = new HeldGroup(PersonGroup.RELEASED_PRISONER, LocalDate.of(2024, 7, 2), null);
        Optional<Repricing.Change> change = Repricing.assess(candidate(List.of(ended, later)), POLICY, Seeds.ENGINE, AS_OF);
        assertTrue(change.isPresent());
        assertEquals(new BigDecimal("1020.00"), change.get().newAmount());
    }
}
