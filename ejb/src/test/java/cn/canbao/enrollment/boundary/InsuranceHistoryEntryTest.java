package cn.canbao.enrollment.boundary;

import cn.canbao.enrollment.entity.HistorySource;
import cn.canbao.enrollment.entity.InsuranceHistory;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.policy.entity.LifeEvent;
import cn.canbao.policy.entity.QuoteRequest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks of an insurance history entry (REST body or file row) and what a history adds to a quote request. */
class InsuranceHistoryEntryTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final LocalDate BORN = LocalDate.of(1990, 5, 1);

    static List<FieldError> errors(InsuranceHistories.Entry entry) {
        List<FieldError> errors = new ArrayList<>();
        assertNull(InsuranceHistories.check(entry, "row 2.", TODAY, BORN, errors));
        return errors;
    }

    @Test
    void aCounterYearWithEvidenceIsTaken() {
        List<FieldError> errors = new ArrayList<>();
        InsuranceHistories.Checked c = InsuranceHistories.check(
                new InsuranceHistories.Entry(2024, null, null, null, " 职工医保缴费证明 "), "", TODAY, BORN, errors);
        assertEquals(List.of(), errors);
        assertEquals(2024, c.year());
        assertNull(c.event());
        assertEquals(HistorySource.COUNTER, c.source());
        assertEquals("职工医保缴费证明", c.evidence());
    }

    @Test
    void anImportedEventNeedsNoEvidence() {
        List<FieldError> errors = new ArrayList<>();
        InsuranceHistories.Checked c = InsuranceHistories.check(
                new InsuranceHistories.Entry(null, "graduated", "2025-06-30", "PROVINCIAL_IMPORT", null), "", TODAY, BORN, errors);
        assertEquals(List.of(), errors);
        assertEquals(new LifeEvent(LifeEvent.Type.GRADUATED, LocalDate.of(2025, 6, 30)), c.event());
        assertEquals(HistorySource.PROVINCIAL_IMPORT, c.source());
    }

    @Test
    void theCounterNeedsEvidence() {
        List<FieldError> errors = errors(new InsuranceHistories.Entry(2024, null, null, "COUNTER", " "));
        assertEquals("row 2.evidence", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("required"));
    }

    @Test
    void eachWrongFieldIsNamedWithItsRow() {
        assertEquals("row 2.year", errors(new InsuranceHistories.Entry(2027, null, null, "COUNTER", "x")).get(0).field());
        assertEquals("row 2.year", errors(new InsuranceHistories.Entry(1989, null, null, "COUNTER", "x")).get(0).field());
        assertEquals("row 2.year", errors(new InsuranceHistories.Entry(null, null, null, "COUNTER", "x")).get(0).field());
        assertEquals("row 2.year", errors(new InsuranceHistories.Entry(2024, "GRADUATED", "2025-06-30", "COUNTER", "x")).get(0).field());
        assertEquals("row 2.source", errors(new InsuranceHistories.Entry(2024, null, null, "HEARSAY", "x")).get(0).field());
        assertEquals("row 2.eventType", errors(new InsuranceHistories.Entry(null, "MIGRATED_IN", "2025-06-30", "COUNTER", "x")).get(0).field());
        assertEquals("row 2.eventDate", errors(new InsuranceHistories.Entry(null, "GRADUATED", "2025-02-30", "COUNTER", "x")).get(0).field());
        assertEquals("row 2.eventDate", errors(new InsuranceHistories.Entry(null, "GRADUATED", "2026-03-11", "COUNTER", "x")).get(0).field());
        assertEquals("row 2.eventDate", errors(new InsuranceHistories.Entry(null, "GRADUATED", "1990-04-30", "COUNTER", "x")).get(0).field());
        assertEquals("row 2.eventDate", errors(new InsuranceHistories.Entry(null, "GRADUATED", null, "COUNTER", "x")).get(0).field());
        assertEquals("row 2.evidence", errors(new InsuranceHistories.Entry(2024, null, null, "COUNTER", "a\u0000b")).get(0).field());
        assertEquals("row 2.evidence", errors(new InsuranceHistories.Entry(2024, null, null, "COUNTER", "证".repeat(201))).get(0).field());
    }

    @Test
    void everyMessageIsBilingual() {
        for (FieldError e : errors(new InsuranceHistories.Entry(null, "X", "nope", "Y", null))) {
            assertTrue(e.message().contains(" / "), e.field() + ": " + e.message());
        }
    }

    @Test
    void aHistoryAddsItsYearsAndEventsToTheRequestsOwnOnce() {
        LifeEvent graduated = new LifeEvent(LifeEvent.Type.GRADUATED, LocalDate.of(2025, 6, 30));
        QuoteRequest request = QuoteRequest.of(1, TODAY).withInsuredYears(2020).withEvent(graduated.type(), graduated.date());
        QuoteRequest added = new InsuranceHistory(Set.of(2023, 2024), List.of(graduated,
                new LifeEvent(LifeEvent.Type.DISCHARGED, LocalDate.of(2025, 1, 2)))).addTo(request);
        assertEquals(Set.of(2020, 2023, 2024), added.insuredYears());
        assertEquals(2, added.events().size());
        assertEquals(request, InsuranceHistory.NONE.addTo(request));
        assertEquals(Set.of(2025), InsuranceHistory.NONE.withYear(2025).insuredYears());
    }
}
