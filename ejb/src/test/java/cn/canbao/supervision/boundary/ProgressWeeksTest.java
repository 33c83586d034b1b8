package cn.canbao.supervision.boundary;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressWeeksTest {

    private static final LocalDate OPENING = LocalDate.of(2023, 9, 1);

    @Test
    void cumulativeAtTheEndOfEachSevenDayWeekFromTheOpening() {
        TreeMap<LocalDate, Long> perDay = new TreeMap<>();
        perDay.put(OPENING, 3L);                        // week 1: 09-01..09-07
        perDay.put(OPENING.plusDays(6), 2L);            // last day of week 1
        perDay.put(OPENING.plusDays(7), 10L);           // first day of week 2
        perDay.put(OPENING.plusDays(20), 5L);           // last day of week 3
        List<Progress.Week> weeks = Progress.weeks(OPENING, OPENING.plusDays(20), perDay, 40);
        assertEquals(3, weeks.size());
        assertEquals(LocalDate.of(2023, 9, 7), weeks.get(0).weekEnding());
        assertEquals(5, weeks.get(0).enrolled());
        assertEquals(15, weeks.get(1).enrolled());
        assertEquals(20, weeks.get(2).enrolled());
        assertEquals(new BigDecimal("50.00"), weeks.get(2).rate());
        assertEquals(40, weeks.get(2).target());
    }

    @Test
    void aShortLastWeekEndsToday() {
        TreeMap<LocalDate, Long> perDay = new TreeMap<>();
        perDay.put(OPENING.plusDays(8), 1L);
        perDay.put(OPENING.plusDays(9), 1L);            // after "today": not counted
        List<Progress.Week> weeks = Progress.weeks(OPENING, OPENING.plusDays(8), perDay, 0);
        assertEquals(2, weeks.size());
        assertEquals(OPENING.plusDays(8), weeks.get(1).weekEnding());
        assertEquals(1, weeks.get(1).enrolled());
        assertNull(weeks.get(1).rate(), "no target: no rate");
    }

    @Test
    void paymentsBeforeTheOpeningCountInTheFirstWeekAndNothingBeforeTheOpeningIsShown() {
        TreeMap<LocalDate, Long> perDay = new TreeMap<>();
        perDay.put(OPENING.minusDays(3), 4L);
        assertEquals(4, Progress.weeks(OPENING, OPENING, perDay, 10).get(0).enrolled());
        assertTrue(Progress.weeks(OPENING, OPENING.minusDays(1), perDay, 10).isEmpty());
    }
}
