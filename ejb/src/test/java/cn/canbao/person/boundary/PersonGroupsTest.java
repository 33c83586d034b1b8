package cn.canbao.person.boundary;

import cn.canbao.person.entity.GroupSource;
import cn.canbao.person.entity.QuotedPerson;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.policy.control.Seeds;
import cn.canbao.policy.entity.HeldGroup;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person's groups on record as a real payment's quote reads them (issue 14 item 4): the request of the person
 * ({@code QuotedPerson.request}, as {@code PersonQuotes} builds it for {@code POST /payments}) with the groups valid on
 * the payment date. Seed 003 (511903-2024): a veteran paying in March–June pays the standard and is covered from the
 * payment date; with the group ended (or not begun) on that date the window's 3-month wait applies. And the checks of
 * an entry at the counter.
 */
class PersonGroupsTest {

    static final Policy SEED_003 = Seeds.policy("511903-2024");
    static final QuotedPerson RESIDENT = new QuotedPerson(7L, ResidentType.RESIDENT, LocalDate.of(1990, 5, 1), null,
            null, false, false);
    static final LocalDate PAID_ON = LocalDate.of(2024, 4, 10);
    static final LocalDate TODAY = LocalDate.of(2024, 4, 10);

    static Quote paymentQuote(List<HeldGroup> groups) {
        return Seeds.ENGINE.quote(SEED_003, RESIDENT.request(List.of(), 1, PAID_ON).withHeldGroups(groups));
    }

    @Test
    void aVeteranWithinTheGroupsDatesPaysTheStandardAndIsCoveredFromPayment() {
        Quote q = paymentQuote(List.of(new HeldGroup(PersonGroup.VETERAN, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 12, 31))));
        assertEquals(new BigDecimal("380.00"), q.personalAmount());
        assertEquals(PAID_ON, q.benefitStart());
        assertTrue(q.explanation().stream().anyMatch(l -> l.contains("SPECIAL_GROUPS")), q.explanation().toString());
    }

    @Test
    void outsideTheGroupsDatesTheWindowsRuleApplies() {
        Quote ended = paymentQuote(List.of(new HeldGroup(PersonGroup.VETERAN, LocalDate.of(2023, 1, 1), LocalDate.of(2024, 4, 9))));
        assertEquals(LocalDate.of(2024, 7, 10), ended.benefitStart(), "3 months after payment");
        Quote notYet = paymentQuote(List.of(new HeldGroup(PersonGroup.VETERAN, LocalDate.of(2024, 4, 11), null)));
        assertEquals(LocalDate.of(2024, 7, 10), notYet.benefitStart());
        assertEquals(paymentQuote(List.of()).benefitStart(), ended.benefitStart());
    }

    @Test
    void theFirstAndLastDayOfTheGroupCount() {
        assertEquals(PAID_ON, paymentQuote(List.of(new HeldGroup(PersonGroup.GRADUATE, PAID_ON, PAID_ON))).benefitStart());
    }

    @Test
    void aRequestWithoutPaymentDateTakesNoGroup() {
        QuoteRequest undated = new QuoteRequest(1, null, ResidentType.RESIDENT, null, null, List.of(), Set.of());
        assertTrue(undated.withHeldGroups(List.of(new HeldGroup(PersonGroup.VETERAN, LocalDate.of(2000, 1, 1), null)))
                .groups().isEmpty());
    }

    @Test
    void aCounterEntryFromTheEventDate() {
        List<FieldError> errors = new ArrayList<>();
        PersonGroups.Checked c = PersonGroups.check(new PersonGroups.Entry(" veteran ", null, null, "2024-03-20", null,
                " 退役证 "), TODAY, LocalDate.of(1990, 5, 1), GroupSource.COUNTER, errors);
        assertEquals(List.of(), errors);
        assertEquals(new HeldGroup(PersonGroup.VETERAN, LocalDate.of(2024, 3, 20), null), c.held());
        assertEquals(LocalDate.of(2024, 3, 20), c.eventDate());
        assertEquals("退役证", c.evidence());
        assertEquals(GroupSource.COUNTER, c.source());
    }

    static String firstField(PersonGroups.Entry entry) {
        List<FieldError> errors = new ArrayList<>();
        assertNull(PersonGroups.check(entry, TODAY, LocalDate.of(1990, 5, 1), GroupSource.COUNTER, errors));
        assertFalse(errors.isEmpty());
        return errors.get(0).field();
    }

    @Test
    void eachWrongFieldIsNamed() {
        assertEquals("group", firstField(new PersonGroups.Entry(null, "2024-01-01", null, null, null, "x")));
        assertEquals("group", firstField(new PersonGroups.Entry("PENSIONER", "2024-01-01", null, null, null, "x")));
        assertEquals("evidence", firstField(new PersonGroups.Entry("VETERAN", "2024-01-01", null, null, null, " ")));
        assertEquals("evidence", firstField(new PersonGroups.Entry("VETERAN", "2024-01-01", null, null, null, "a\u0000b")));
        assertEquals("validFrom", firstField(new PersonGroups.Entry("VETERAN", null, null, null, null, "x")));
        assertEquals("validFrom", firstField(new PersonGroups.Entry("VETERAN", "2024-02-30", null, null, null, "x")));
        assertEquals("validFrom", firstField(new PersonGroups.Entry("VETERAN", "1980-01-01", null, null, null, "x")));
        assertEquals("validTo", firstField(new PersonGroups.Entry("VETERAN", "2024-03-01", "2024-02-01", null, null, "x")));
        assertEquals("eventDate", firstField(new PersonGroups.Entry("VETERAN", null, null, "2024-04-11", null, "x")));
        assertEquals("source", firstField(new PersonGroups.Entry("VETERAN", "2024-03-01", null, null, "HEARSAY", "x")));
    }

    @Test
    void aDepartmentNeedsNoEvidence() {
        List<FieldError> errors = new ArrayList<>();
        assertEquals(GroupSource.DEPARTMENT, PersonGroups.check(new PersonGroups.Entry("RELEASED_PRISONER", "2024-01-05",
                null, null, null, null), TODAY, null, GroupSource.DEPARTMENT, errors).source());
        assertEquals(List.of(), errors);
    }
}
