package cn.canbao.web.counter;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The counter's household payment records a confirmed newborn's own contribution before its guardian's (decision 49). */
class HouseholdPayOrderTest {

    private static HouseholdPayView.Member member(long id) {
        return new HouseholdPayView.Member(id, "m" + id, "5001**********000" + id, "REGISTERED", new BigDecimal("380.00"), null, false);
    }

    private static List<Long> ids(List<HouseholdPayView.Member> members) {
        return members.stream().map(HouseholdPayView.Member::personId).toList();
    }

    @Test
    void aConfirmedWardGoesBeforeItsGuardianTheRestKeepTheirOrder() {
        List<HouseholdPayView.Member> confirmed = List.of(member(1), member(2), member(3), member(4));
        // 3 is the ward of 1, 4 the ward of 9 (not confirmed)
        assertEquals(List.of(3L, 1L, 2L, 4L), ids(HouseholdPayView.wardsFirst(confirmed, Map.of(3L, 1L, 4L, 9L))));
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(HouseholdPayView.wardsFirst(confirmed, Map.of())), "no ward: as confirmed");
        assertEquals(List.of(2L, 3L, 1L, 4L), ids(HouseholdPayView.wardsFirst(confirmed, Map.of(2L, 1L, 3L, 1L))));
    }
}
