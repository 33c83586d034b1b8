package cn.canbao.web.supervision;

import cn.canbao.supervision.boundary.Progress;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The weekly report's week against the week before (环比). */
class ProgressReportTest {

    private static final String PATTERN = "本周（截至 {0}）新增参保 {1} 人，上周新增 {2} 人，环比 {3}";

    private static Progress.Week week(int day, long enrolled) {
        return new Progress.Week(LocalDate.of(2023, 9, day), enrolled, 1000, BigDecimal.ZERO);
    }

    @Test
    void theLastWeekAgainstTheOneBefore() {
        String text = ProgressReport.weekOnWeek(List.of(week(3, 100), week(10, 120), week(17, 150)), PATTERN);
        assertTrue(text.contains("2023-09-17") && text.contains("30") && text.contains("20") && text.contains("+50.0%"), text);
        String fewer = ProgressReport.weekOnWeek(List.of(week(3, 100), week(10, 140), week(17, 150)), PATTERN);
        assertTrue(fewer.contains("10") && fewer.contains("40") && fewer.contains("-75.0%"), fewer);
    }

    @Test
    void theFirstWeekHasNothingToCompareWith() {
        assertTrue(ProgressReport.weekOnWeek(List.of(week(3, 100)), PATTERN).contains("—"));
        assertTrue(ProgressReport.weekOnWeek(List.of(week(3, 0), week(10, 5)), PATTERN).contains("—"), "nothing the week before");
        assertNull(ProgressReport.weekOnWeek(List.of(), PATTERN));
    }
}
