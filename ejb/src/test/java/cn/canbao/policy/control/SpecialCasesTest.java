package cn.canbao.policy.control;

import cn.canbao.platform.entity.IdNumber;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRefusedException;
import cn.canbao.policy.entity.QuoteRefusedException.Code;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Newborns, college students, subsidy choice, exemptions and refusals, on the seed policies. */
class SpecialCasesTest {

    private static Quote quote(String policyId, QuoteRequest request) {
        return Seeds.ENGINE.quote(Seeds.policy(policyId), request);
    }

    private static Code refusal(String policyId, QuoteRequest request) {
        return assertThrows(QuoteRefusedException.class, () -> quote(policyId, request)).code();
    }

    @ParameterizedTest(name = "{0}: born {1}, paid {2} ({3} days) → {4} {5} from {6}")
    @CsvSource(nullValues = "-", value = {
            // 栗子: 90 days from birth at standard price, cover from birth, even past the 30 Sep cutoff
            "500230-2024, 2024-05-10, 2024-08-07, 89, FULL_COST, 380.00, 2024-05-10",
            "500230-2024, 2024-05-10, 2024-08-08, 90, FULL_COST, 380.00, 2024-05-10",
            "500230-2024, 2024-05-10, 2024-08-09, 91, FISCAL_SUBSIDY_NOT_SET, -, -",
            "500230-2024, 2024-08-01, 2024-10-29, 89, NEWBORN,   380.00, 2024-08-01",
            "500230-2024, 2024-08-01, 2024-10-30, 90, NEWBORN,   380.00, 2024-08-01",
            "500230-2024, 2024-08-01, 2024-10-31, 91, AFTER_FINAL_CUTOFF, -, -",
            // 恩阳: later than 90 days → cover from the payment date, no 3-month wait
            "511903-2024, 2024-01-01, 2024-03-30, 89, STANDARD_WAITING, 380.00, 2024-01-01",
            "511903-2024, 2024-01-01, 2024-03-31, 90, STANDARD_WAITING, 380.00, 2024-01-01",
            "511903-2024, 2024-01-01, 2024-04-01, 91, STANDARD_WAITING, 380.00, 2024-04-01",
            "511903-2024, 2024-05-10, 2024-08-08, 90, FULL_COST, 380.00, 2024-05-10",
            "511903-2024, 2024-05-10, 2024-08-09, 91, FISCAL_SUBSIDY_NOT_SET, -, -",
            // 松溉: ≤ 90 days at standard price in the full-cost window; later → full cost and 90-day wait
            "500118-2023, 2023-06-01, 2023-08-29, 89, FULL_COST, 350.00, 2023-06-01",
            "500118-2023, 2023-06-01, 2023-08-30, 90, FULL_COST, 350.00, 2023-06-01",
            "500118-2023, 2023-06-01, 2023-08-31, 91, FULL_COST, 990.00, 2023-11-29",
    })
    void newborns(String policyId, LocalDate birth, LocalDate paid, int days, String expected,
                  BigDecimal personal, LocalDate start) {
        QuoteRequest r = QuoteRequest.of(1, paid).withResidentType(ResidentType.NEWBORN).withBirthDate(birth);
        if (personal == null) {
            assertEquals(expected, refusal(policyId, r).name());
            return;
        }
        Quote q = quote(policyId, r);
        assertEquals(expected, q.window());
        assertEquals(personal, q.personalAmount());
        assertEquals(start, q.benefitStart());
        assertEquals(LocalDate.of(Seeds.policy(policyId).insuranceYear(), 12, 31), q.benefitEnd());
    }

    @Test
    void newbornBirthDateFromTheIdNumber() {
        IdNumber baby = IdNumber.withCheckCharacter("50023020240510001");
        Quote q = quote("500230-2024", QuoteRequest.of(1, LocalDate.of(2024, 8, 8))
                .withResidentType(ResidentType.NEWBORN).withIdNumber(baby));
        assertEquals(LocalDate.of(2024, 5, 10), q.benefitStart());
        assertEquals(Code.INVALID_REQUEST, refusal("500230-2024", QuoteRequest.of(1, LocalDate.of(2024, 8, 8))
                .withResidentType(ResidentType.NEWBORN).withIdNumber(baby).withBirthDate(LocalDate.of(2024, 5, 11))));
        assertEquals(Code.INVALID_REQUEST, refusal("500230-2024", QuoteRequest.of(1, LocalDate.of(2024, 8, 8))
                .withResidentType(ResidentType.NEWBORN)));
    }

    @Test
    void childBornBeforeTheInsuranceYearIsAnOrdinaryResident() {
        Quote q = quote("500230-2024", QuoteRequest.of(1, LocalDate.of(2024, 1, 20))
                .withResidentType(ResidentType.NEWBORN).withBirthDate(LocalDate.of(2023, 12, 15)));
        assertEquals("GRACE", q.window());
        assertEquals(LocalDate.of(2024, 2, 1), q.benefitStart());
    }

    @ParameterizedTest(name = "{0} college tier {1} paid {2} {3} → {4}, {5}..{6}")
    @CsvSource(nullValues = "-", value = {
            "500101-2024, 1, 2023-11-15, -,        -,   350.00, 2024-01-01, 2024-12-31",
            "500101-2024, 2, 2023-11-15, -,        -,   725.00, 2024-01-01, 2024-12-31",
            "500101-2024, 1, 2023-09-10, FRESHMAN, -,   350.00, 2023-09-11, 2024-12-31",
            "500101-2024, 1, 2023-11-15, -,        108, 105.00, 2024-01-01, 2024-12-31",
            "500230-2024, 1, 2023-10-20, FRESHMAN, -,   350.00, 2023-10-21, 2024-12-31",
            "500102-2023, 1, 2022-10-15, -,        -,   320.00, 2022-09-01, 2023-08-31",
            "500102-2023, 2, 2022-10-15, -,        -,   695.00, 2022-09-01, 2023-08-31",
            "500102-2023, 1, 2022-10-15, GRADUATE, -,   320.00, 2022-09-01, 2023-12-31",
            "500102-2023, 1, 2023-03-15, -,        108, 96.00,  2023-06-13, 2023-08-31",
            "500118-2023, 2, 2022-11-20, -,        108, 375.00, 2022-09-01, 2023-08-31",
            "511903-2024, 1, 2023-11-15, -,        -,   380.00, 2024-01-01, 2024-12-31",
    })
    void collegeStudents(String policyId, int tier, LocalDate paid, PersonGroup group, String identity,
                         BigDecimal personal, LocalDate start, LocalDate end) {
        QuoteRequest r = QuoteRequest.of(tier, paid).withResidentType(ResidentType.COLLEGE_STUDENT);
        if (group != null) {
            r = r.withGroups(group);
        }
        if (identity != null) {
            r = r.withIdentities(identity);
        }
        Quote q = quote(policyId, r);
        assertEquals(personal, q.personalAmount());
        assertEquals(start, q.benefitStart());
        assertEquals(end, q.benefitEnd());
    }

    /**
     * The college transition (seeds 000, 002): a student insured for the 2023/24 academic year is covered to
     * 2024-12-31 — any day of the campaign, any tier, whatever identity — and pays nothing; everybody else is quoted
     * as before.
     */
    @ParameterizedTest(name = "{0} tier {1} paid {2}: academic year insured → nothing to pay")
    @CsvSource({
            "500101-2024, 1, 2023-09-01",
            "500101-2024, 2, 2023-12-31",
            "500101-2024, 1, 2024-07-15",
            "500230-2024, 1, 2023-10-20",
            "500230-2024, 2, 2024-09-30",
    })
    void aStudentInsuredForTheAcademicYearOfTheChangePaysNothing(String policyId, int tier, LocalDate paid) {
        QuoteRefusedException refused = assertThrows(QuoteRefusedException.class, () -> quote(policyId,
                QuoteRequest.of(tier, paid).withResidentType(ResidentType.COLLEGE_STUDENT)
                        .withGroups(PersonGroup.ACADEMIC_YEAR_INSURED).withIdentities("108")));
        assertEquals(Code.COVERED_BY_TRANSITION, refused.code());
        assertTrue(refused.messageZh().contains("2024-12-31") && refused.messageZh().contains("2023-09-01至2024-08-31"),
                refused.messageZh());
        assertTrue(refused.messageEn().contains("nothing to pay"), refused.messageEn());
    }

    @Test
    void theTransitionAppliesOnlyToCollegeStudentsOfPoliciesThatHaveOne() {
        // a resident with the group (recorded in error) is quoted as a resident
        assertEquals(new BigDecimal("380.00"), quote("500101-2024", QuoteRequest.of(1, LocalDate.of(2023, 11, 15))
                .withGroups(PersonGroup.ACADEMIC_YEAR_INSURED)).personalAmount());
        // a freshman or a student without the group pays the college standard
        assertEquals(new BigDecimal("350.00"), quote("500101-2024", QuoteRequest.of(1, LocalDate.of(2023, 11, 15))
                .withResidentType(ResidentType.COLLEGE_STUDENT).withGroups(PersonGroup.FRESHMAN)).personalAmount());
        // 511903-2024 (Sichuan) has no college rule, 500102-2023 an academic year without a transition
        assertEquals(new BigDecimal("380.00"), quote("511903-2024", QuoteRequest.of(1, LocalDate.of(2023, 11, 15))
                .withResidentType(ResidentType.COLLEGE_STUDENT).withGroups(PersonGroup.ACADEMIC_YEAR_INSURED)).personalAmount());
        assertEquals(new BigDecimal("320.00"), quote("500102-2023", QuoteRequest.of(1, LocalDate.of(2022, 10, 15))
                .withResidentType(ResidentType.COLLEGE_STUDENT).withGroups(PersonGroup.ACADEMIC_YEAR_INSURED)).personalAmount());
        // after the final cutoff too: the transition answers before the windows, the student is covered all the same
        assertEquals(Code.COVERED_BY_TRANSITION, refusal("500101-2024", QuoteRequest.of(1, LocalDate.of(2024, 12, 1))
                .withResidentType(ResidentType.COLLEGE_STUDENT).withGroups(PersonGroup.ACADEMIC_YEAR_INSURED)));
    }

    @Test
    void collegeCategoryDoesNotSubsidiseOtherResidents() {
        Quote q = quote("500101-2024", QuoteRequest.of(1, LocalDate.of(2023, 11, 15)).withIdentities("108"));
        assertNull(q.subsidyCode());
        assertEquals(new BigDecimal("380.00"), q.personalAmount());
    }

    @ParameterizedTest(name = "500101-2024 tier {0} holding {1} → {2} ({3})")
    @CsvSource({
            "1, 104;113,     104, 0.00",     // tie at 380: catalogue order decides
            "1, 113;104,     104, 0.00",     // whatever order the request lists them
            "1, 520;101,     101, 38.00",    // 342 beats 266
            "1, 301;106,     301, 76.00",    // 304 beats 266
            "2, 113;109,     109, 0.00",     // 755 beats 380
            "1, 113;109,     113, 0.00",     // 109 offers no tier 1
            "2, 301;2104;101, 2104, 0.00",
    })
    void highestSubsidyWinsTiesByCatalogueOrder(int tier, String held, String code, BigDecimal personal) {
        Quote q = quote("500101-2024", QuoteRequest.of(tier, LocalDate.of(2023, 11, 15))
                .withIdentities(held.split(";")));
        assertEquals(code, q.subsidyCode());
        assertEquals(personal, q.personalAmount());
    }

    @Test
    void subsidyOnlyWithinTheCategorysValidity() {
        // 104 is valid to 2024-06-30, 113 to 2024-12-31 (seed 000 附件2)
        Quote orphan = quote("500101-2024", QuoteRequest.of(1, LocalDate.of(2024, 7, 15)).withIdentities("104"));
        assertNull(orphan.subsidyCode());
        assertEquals(new BigDecimal("1020.00"), orphan.personalAmount());
        Quote teKun = quote("500101-2024", QuoteRequest.of(1, LocalDate.of(2024, 7, 15)).withIdentities("113"));
        assertEquals("113", teKun.subsidyCode());
        assertEquals(new BigDecimal("640.00"), teKun.personalAmount());
    }

    @Test
    void identityOnRecordCountsOnlyWithinItsValidity() {
        QuoteRequest lapsed = QuoteRequest.of(1, LocalDate.of(2023, 11, 15))
                .withIdentity(new HeldIdentity("101", LocalDate.of(2023, 9, 1), LocalDate.of(2023, 10, 31)));
        assertNull(quote("500101-2024", lapsed).subsidyCode());
        QuoteRequest current = QuoteRequest.of(1, LocalDate.of(2023, 10, 31))
                .withIdentity(new HeldIdentity("101", LocalDate.of(2023, 9, 1), LocalDate.of(2023, 10, 31)));
        assertEquals("101", quote("500101-2024", current).subsidyCode());
        Quote unknown = quote("500101-2024", QuoteRequest.of(1, LocalDate.of(2023, 11, 15)).withIdentities("999"));
        assertNull(unknown.subsidyCode());
        assertTrue(unknown.explanation().stream().anyMatch(l -> l.contains("999")));
    }

    @ParameterizedTest(name = "500102-2023 paid {0} holding {1} tier {2} → {3} {4} from {5}")
    @CsvSource(nullValues = "-", value = {
            "2023-07-15, 101, 1, FULL_COST,               35.00,  2023-07-15",
            "2023-09-30, 608, 2, FULL_COST,               375.00, 2023-09-30",
            "2023-11-20, 113, 2, LOW_INCOME_EXTENDED,     375.00, 2023-11-20",
            "2023-12-31, 104, 1, LOW_INCOME_EXTENDED,     0.00,   2023-12-31",
            "2023-11-20, L01, 1, STABLE_POVERTY_EXTENDED, 940.00, 2023-11-20",
            "2023-08-01, L01, 1, FULL_COST,               940.00, 2023-08-01",
            "2023-06-15, 101, 1, STANDARD_WAITING,        35.00,  2023-09-13",
            "2023-11-20, 301, 1, AFTER_FINAL_CUTOFF,      -,      -",
    })
    void fulingLowIncomeSecondHalf(LocalDate paid, String code, int tier, String expected, BigDecimal personal,
                                   LocalDate start) {
        QuoteRequest r = QuoteRequest.of(tier, paid).withIdentities(code);
        if (personal == null) {
            assertEquals(expected, refusal("500102-2023", r).name());
            return;
        }
        Quote q = quote("500102-2023", r);
        assertEquals(expected, q.window());
        assertEquals(personal, q.personalAmount());
        assertEquals(start, q.benefitStart());
    }

    @ParameterizedTest(name = "511903-2024 {0} paid {1} → {2} from {3}")
    @CsvSource({
            "VETERAN,              2024-04-10, 380.00, 2024-04-10",
            "GRADUATE,             2024-08-01, 380.00, 2024-08-01",
            "RELEASED_PRISONER,    2024-12-31, 380.00, 2024-12-31",
            "NEWLY_CERTIFIED_POOR, 2024-02-10, 380.00, 2024-02-10",
    })
    void enyangSpecialGroupsPayStandardCoveredFromPayment(PersonGroup group, LocalDate paid, BigDecimal personal,
                                                         LocalDate start) {
        Quote q = quote("511903-2024", QuoteRequest.of(1, paid).withGroups(group));
        assertEquals(personal, q.personalAmount());
        assertEquals(new BigDecimal("0.00"), q.fiscalShareAmount());
        assertEquals(start, q.benefitStart());
    }

    @Test
    void refusals() {
        assertEquals(Code.TIER_NOT_OFFERED, refusal("511903-2024", QuoteRequest.of(2, LocalDate.of(2023, 11, 1))));
        assertEquals(Code.INVALID_REQUEST, refusal("500101-2024",
                new QuoteRequest(null, LocalDate.of(2023, 11, 1), null, null, null, null, null)));
        assertEquals(Code.INVALID_REQUEST, refusal("500101-2024", QuoteRequest.of(1, LocalDate.of(2023, 11, 1))
                .withBirthDate(LocalDate.of(2023, 11, 2))));
        QuoteRefusedException e = assertThrows(QuoteRefusedException.class,
                () -> quote("500230-2024", QuoteRequest.of(2, LocalDate.of(2024, 7, 1))));
        assertTrue(e.messageZh().contains("财政补助"), e.messageZh());
        assertTrue(e.messageEn().contains("fiscal subsidy"), e.messageEn());
    }

    @Test
    void todayComesFromTheClockAndTheExplanationNamesTheRule() {
        Quote q = quote("500101-2024", new QuoteRequest(1, null, null, null, null, null, null));
        assertEquals("STANDARD_WAITING", q.window());
        assertEquals(LocalDate.of(2024, 6, 13), q.benefitStart());
        assertTrue(q.explanation().contains("2024-03-15 缴费，等待期90天，待遇自2024-06-13起"), q.explanation().toString());
        assertEquals(new BigDecimal("38.00"), Seeds.ENGINE.amountDue(Seeds.policy("500101-2024"),
                QuoteRequest.of(1, LocalDate.of(2024, 3, 15)).withIdentities("101")));
    }
}
