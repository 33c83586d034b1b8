package cn.canbao.campaign.boundary;

import cn.canbao.enrollment.entity.InsuranceHistory;
import cn.canbao.person.entity.QuotedPerson;
import cn.canbao.policy.control.Seeds;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.ResidentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full-cost repricing under the illustrative 2026 continuity policy prices a candidate with their insurance
 * history, as their payment will be: without it a continuously insured resident paying on 2026-09-15 would wait
 * 3 + 1 months past the end of cover (refused, amount kept); with 2024 and 2025 on record only the fixed 3 months.
 */
class RepricingContinuityTest {

    static final Policy POLICY = Seeds.policy("500101-2026");
    static final LocalDate AS_OF = LocalDate.of(2026, 9, 15);
    static final QuotedPerson RESIDENT = new QuotedPerson(7L, ResidentType.RESIDENT, LocalDate.of(1980, 1, 1), null,
            null, false, false);

    static Repricing.Candidate candidate(InsuranceHistory history) {
        return new Repricing.Candidate(11L, 1, "500101001001", new BigDecimal("400.00"), RESIDENT, List.of(), history);
    }

    @Test
    void withoutHistoryTheWaitRunsPastTheEndOfCoverAndTheAmountIsKept() {
        assertEquals(Optional.empty(), Repricing.assess(candidate(null), POLICY, Seeds.ENGINE, AS_OF));
    }

    @Test
    void withTheHistoryOnRecordTheFullCostIsDue() {
        Optional<Repricing.Change> change = Repricing.assess(candidate(new InsuranceHistory(Set.of(2024, 2025), List.of())),
                POLICY, Seeds.ENGINE, AS_OF);
        assertTrue(change.isPresent());
        BigDecimal expected = Seeds.ENGINE.quote(POLICY, cn.canbao.policy.entity.QuoteRequest.of(1, AS_OF)
                .withBirthDate(LocalDate.of(1980, 1, 1)).withInsuredYears(2024, 2025)).personalAmount();
        assertEquals(0, expected.compareTo(change.get().newAmount()), change.toString());
        assertTrue(change.get().newAmount().compareTo(new BigDecimal("400.00")) > 0, change.toString());
    }
}
