package cn.canbao.policy.control;

import cn.canbao.policy.entity.LifeEvent;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRefusedException;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.IntStream;

import static cn.canbao.policy.control.Continuity2026.quote;
import static cn.canbao.policy.control.Continuity2026.resident;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The continuity arithmetic (docs/policy-format.md, "Continuity") at its boundaries, on the illustrative 2026 policy
 * and variations of its rule. Expected dates computed by hand: months are calendar months (DOMAIN.md §3).
 */
class ContinuityQuoteTest {

    /** Gaps counted from 2018 so that five gap years are possible before 2026. */
    private static final Policy FROM_2018 = Continuity2026.withRule(r -> r.add("gapYearsFrom", 2018));

    private static Integer[] years(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toArray(Integer[]::new);
    }

    private static void assertWaiting(Quote q, int continuous, int fixed, int variable, String start) {
        assertEquals(continuous, q.continuousYears(), "continuous years");
        assertEquals(new Quote.Waiting(fixed, variable), q.waiting(), "waiting");
        assertEquals(LocalDate.parse(start), q.benefitStart(), () -> String.join("\n", q.explanation()));
    }

    @ParameterizedTest(name = "paid {0}, last insured {1}, first gap counts {2} → {4}+{5} months, cover from {6}")
    @CsvSource({
            // date,     last insured, first gap counts, continuous (a gap in 2025 leaves 0), fixed, variable, start
            // 0, 1, 2 and 5 gap years in the concentrated period: no fixed wait for the continuous only
            "2025-11-15, 2025, true,  8, 0, 0, 2026-01-01",
            "2025-11-15, 2024, true,  0, 3, 1, 2026-03-15",
            "2025-11-15, 2023, true,  0, 3, 2, 2026-04-15",
            "2025-11-15, 2020, true,  0, 3, 5, 2026-07-15",
            // the same outside it (the window starts cover on the payment date): the fixed wait for everyone
            "2026-03-10, 2025, true,  8, 3, 0, 2026-06-10",
            "2026-03-10, 2024, true,  0, 3, 1, 2026-07-10",
            "2026-03-10, 2023, true,  0, 3, 2, 2026-08-10",
            "2026-03-10, 2020, true,  0, 3, 5, 2026-11-10",
            // the reading where only the years beyond the first add a month
            "2026-03-10, 2025, false, 8, 3, 0, 2026-06-10",
            "2026-03-10, 2024, false, 0, 3, 0, 2026-06-10",
            "2026-03-10, 2023, false, 0, 3, 1, 2026-07-10",
            "2026-03-10, 2020, false, 0, 3, 4, 2026-10-10"})
    void gapYearsAddMonths(String date, int lastInsured, boolean firstGapCounts, int continuous, int fixed,
                           int variable, String start) {
        Policy policy = Continuity2026.withRule(r -> r.add("gapYearsFrom", 2018).add("firstGapYearCounts", firstGapCounts));
        Quote q = quote(policy, resident(date, years(2018, lastInsured)));
        assertWaiting(q, continuous, fixed, variable, start);
    }

    @ParameterizedTest(name = "insured up to {0}, repaired {1} → {2}+{3} months")
    @CsvSource({
            // last insured, repaired years,     fixed, variable (paid 2026-03-10)
            "2020, '',                   3, 5",
            "2020, 2025,                 3, 4",
            "2020, 2024 2025,            3, 3",
            // the floor: 5 consecutive gap years (≥ 4), repaired to 3 + 2 = 5 < 6 → 6 months
            "2020, 2023 2024 2025,       3, 3",
            "2020, 2021 2022 2023 2024 2025, 3, 3",
            // exactly 4 consecutive gap years: the floor applies
            "2021, 2022 2023 2024 2025,  3, 3",
            // 3 consecutive gap years: no floor, repair takes the whole variable period
            "2022, 2023 2024 2025,       3, 0",
            // a year that was no gap repairs nothing
            "2022, 2020,                 3, 3"})
    void repairedYearsRemoveMonthsDownToTheFloor(int lastInsured, String repaired, int fixed, int variable) {
        QuoteRequest request = resident("2026-03-10", years(2018, lastInsured))
                .withRepairedYears(repaired.isBlank() ? new Integer[0]
                        : Arrays.stream(repaired.split(" ")).map(Integer::valueOf).toArray(Integer[]::new));
        Quote q = quote(FROM_2018, request);
        assertEquals(new Quote.Waiting(fixed, variable), q.waiting(), () -> String.join("\n", q.explanation()));
        assertEquals(LocalDate.of(2026, 3, 10).plusMonths(fixed + variable), q.benefitStart());
    }

    @Test
    void theFloorNeverMakesRepairWorseThanNoRepair() {
        // no fixed wait in the concentrated period under OUTSIDE_CONCENTRATED_ONLY: 4 gap years = 0 + 4 months; the
        // floor of 6 would exceed that, so repairing one year leaves 4, not 6
        Policy p = Continuity2026.withRule(r -> r.add("gapYearsFrom", 2018).add("fixedWaitingFor", "OUTSIDE_CONCENTRATED_ONLY"));
        assertEquals(new Quote.Waiting(0, 4), quote(p, resident("2025-11-15", years(2018, 2021))).waiting());
        assertEquals(new Quote.Waiting(0, 4), quote(p, resident("2025-11-15", years(2018, 2021)).withRepairedYears(2025)).waiting());
    }

    @Test
    void repairIsLimitedToMaxYearsAndMayRestoreContinuousYears() {
        Policy limited = Continuity2026.withRule(r -> r.add("gapYearsFrom", 2018).add("repair", Json.createObjectBuilder()
                .add("monthsPerYear", 1).addNull("pricePerYear").add("maxYears", 1).add("floorGapYears", 4)
                .add("floorTotalMonths", 6).add("restoresContinuousYears", true)));
        Quote q = quote(limited, resident("2026-03-10", years(2018, 2022)).withRepairedYears(2024, 2025));
        assertEquals(new Quote.Waiting(3, 2), q.waiting(), "only the latest repaired year counts");
        assertEquals(1, q.continuousYears(), "2025 repaired restores one continuous year, 2024 is beyond maxYears");
        assertTrue(q.explanation().stream().anyMatch(l -> l.contains("2024年") && l.contains("超过可修复的1年")),
                String.join("\n", q.explanation()));

        Policy noRepair = Continuity2026.withRule(r -> r.add("gapYearsFrom", 2018).addNull("repair"));
        assertEquals(new Quote.Waiting(3, 3), quote(noRepair, resident("2026-03-10", years(2018, 2022))
                .withRepairedYears(2025)).waiting());
    }

    @Test
    void theRepairOfferNamesThePriceOfTheTier() {
        Quote q = quote(FROM_2018, resident("2026-03-10", years(2018, 2023)).withTier(2));
        assertTrue(q.explanation().contains("可缴费修复断保年度（尚可2年，每年775.00元，按本年度个人缴费标准），每修复1年减少1个月变动待遇等待期"),
                String.join("\n", q.explanation()));
        Policy priced = Continuity2026.withRule(r -> r.add("gapYearsFrom", 2018).add("repair", Json.createObjectBuilder()
                .add("monthsPerYear", 2).add("pricePerYear", new BigDecimal("200.00")).addNull("maxYears")
                .add("floorGapYears", 4).add("floorTotalMonths", 6).add("restoresContinuousYears", false)));
        Quote p = quote(priced, resident("2026-03-10", years(2018, 2023)).withRepairedYears(2025));
        assertEquals(new Quote.Waiting(3, 0), p.waiting(), "2 gap months − 2 months for the one repaired year");
    }

    @ParameterizedTest(name = "waiting capped at {0} months → {1}+{2}")
    @CsvSource({"6, 3, 3", "7, 3, 4", "8, 3, 5", "9, 3, 5"})
    void theCapBoundsTheTotal(int cap, int fixed, int variable) {
        Policy capped = Continuity2026.withRule(r -> r.add("gapYearsFrom", 2018).add("maxTotalMonths", cap));
        Quote q = quote(capped, resident("2026-03-10", years(2018, 2020)));
        assertEquals(new Quote.Waiting(fixed, variable), q.waiting());
        assertEquals(LocalDate.of(2026, 3, 10).plusMonths(fixed + variable), q.benefitStart());
    }

    @ParameterizedTest(name = "{0} → exempt {1}")
    @CsvSource({
            "101, true",      // 低保: listed category
            "113, true",      // 特困: listed category
            "520, false"})    // 边缘易致贫户: subsidised but not exempt
    void exemptCategoriesNeverWait(String code, boolean exempt) {
        Quote q = quote(Continuity2026.policy(), resident("2026-03-10", 2024).withIdentities(code));
        assertEquals(exempt ? Quote.Waiting.NONE : new Quote.Waiting(3, 1), q.waiting());
        assertEquals(exempt ? LocalDate.of(2026, 3, 10) : LocalDate.of(2026, 7, 10), q.benefitStart());
    }

    @ParameterizedTest(name = "{0} → exempt {1}")
    @CsvSource({"NEWLY_CERTIFIED_POOR, true", "VETERAN, false", "GRADUATE, false"})
    void exemptGroupsNeverWait(PersonGroup group, boolean exempt) {
        Quote q = quote(Continuity2026.policy(), resident("2026-03-10", 2024).withGroups(group));
        assertEquals(exempt ? Quote.Waiting.NONE : new Quote.Waiting(3, 1), q.waiting());
    }

    @ParameterizedTest(name = "born {0}, paid 2026-03-10 → exempt {1}")
    @CsvSource({
            "2026-01-10, NEWBORN,  true,  2026-01-10",   // within the newborn rule's 90 days: cover from birth
            "2025-03-10, RESIDENT, true,  2026-03-10",   // 365 days old: last day of newbornExemptDays
            "2025-03-09, RESIDENT, false, 2026-07-10"})  // 366 days: waits 3 + 1 (2025 missed)
    void newbornsNeverWait(String birth, ResidentType type, boolean exempt, String start) {
        Quote q = quote(Continuity2026.policy(), resident("2026-03-10").withResidentType(type)
                .withBirthDate(LocalDate.parse(birth)));
        assertEquals(exempt ? Quote.Waiting.NONE : new Quote.Waiting(3, 1), q.waiting());
        assertEquals(LocalDate.parse(start), q.benefitStart());
    }

    @ParameterizedTest(name = "{0} on {1}, paid {2} → exempt {3}")
    @CsvSource({
            // 3 months after 31 Jan is 30 Apr; the event's own day is the first day
            "EMPLOYEE_INSURANCE_ENDED, 2026-01-31, 2026-01-31, true,  2026-02-01",
            "EMPLOYEE_INSURANCE_ENDED, 2026-01-31, 2026-04-30, true,  2026-04-30",
            "EMPLOYEE_INSURANCE_ENDED, 2026-01-31, 2026-05-01, false, 2026-08-01",
            "DISCHARGED,               2025-12-31, 2026-03-31, true,  2026-03-31",
            "DISCHARGED,               2025-12-31, 2026-04-01, false, 2026-07-01",
            // 90 days after 1 Mar is 30 May
            "GRADUATED,                2026-03-01, 2026-03-01, true,  2026-03-01",
            "GRADUATED,                2026-03-01, 2026-05-30, true,  2026-05-30",
            "GRADUATED,                2026-03-01, 2026-05-31, false, 2026-08-31",
            "RELEASED,                 2026-03-01, 2026-05-30, true,  2026-05-30",
            "RELEASED,                 2026-03-01, 2026-05-31, false, 2026-08-31",
            // an event after the payment date waives nothing
            "GRADUATED,                2026-06-01, 2026-05-31, false, 2026-08-31"})
    void eventWindowsWaiveTheWaitFromTheirFirstToTheirLastDay(LifeEvent.Type type, String event, String paid,
                                                               boolean exempt, String start) {
        // continuous (2024, 2025), so only the fixed wait of a payment outside the concentrated period is at stake
        Quote q = quote(Continuity2026.policy(),
                Continuity2026.withEvent(resident(paid, 2024, 2025), type, event));
        assertEquals(exempt ? Quote.Waiting.NONE : new Quote.Waiting(3, 0), q.waiting(),
                () -> String.join("\n", q.explanation()));
        assertEquals(LocalDate.parse(start), q.benefitStart());
    }

    @ParameterizedTest(name = "prior continuous years {0} → exempt {1}")
    @CsvSource({"1, false", "2, true"})
    void anEventMayNeedPriorContinuousYears(int insuredYears, boolean exempt) {
        Policy transfer = Continuity2026.withRule(r -> r.add("events", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("type", "EMPLOYEE_INSURANCE_ENDED").add("within", 3).add("unit", "MONTHS").add("priorInsuredYears", 2))));
        Quote q = quote(transfer, Continuity2026.withEvent(resident("2026-03-10", years(2026 - insuredYears, 2025)),
                LifeEvent.Type.EMPLOYEE_INSURANCE_ENDED, "2026-02-01"));
        assertEquals(exempt ? Quote.Waiting.NONE : new Quote.Waiting(3, 0), q.waiting());
    }

    @Test
    void anEventThePolicyDoesNotListWaivesNothing() {
        Policy noEvents = Continuity2026.withRule(r -> r.add("events", Json.createArrayBuilder()));
        Quote q = quote(noEvents, Continuity2026.withEvent(resident("2026-03-10", 2024, 2025),
                LifeEvent.Type.RELEASED, "2026-03-01"));
        assertEquals(new Quote.Waiting(3, 0), q.waiting());
        assertTrue(q.explanation().contains("刑满释放（2026-03-01）：本政策未将该情形列为免等待期情形"));
    }

    @ParameterizedTest(name = "first enrollment {0}, paid {1} → {2}+{3}")
    @CsvSource({
            "CONTINUOUS,           2025-11-15, 0, 0, 2026-01-01",
            "FIXED_ONLY,           2025-11-15, 3, 0, 2026-02-15",
            "GAPS_SINCE_FROM_YEAR, 2025-11-15, 3, 3, 2026-05-15"})
    void aPersonNeverInsured(String treatment, String date, int fixed, int variable, String start) {
        Policy p = Continuity2026.withRule(r -> r.add("gapYearsFrom", 2023).add("firstEnrollment", treatment));
        Quote q = quote(p, resident(date));
        assertWaiting(q, 0, fixed, variable, start);
    }

    @Test
    void yearsBeforeBirthAreNoGaps() {
        // born 2024-05-01, never insured, gaps counted from 2018: only 2024 and 2025 are gaps
        Quote q = quote(FROM_2018, resident("2026-03-10").withBirthDate(LocalDate.of(2024, 5, 1)));
        assertEquals(new Quote.Waiting(3, 2), q.waiting());
    }

    @ParameterizedTest(name = "{0} → {1}+{2}")
    @CsvSource({"LATEST_RUN, 3, 2", "ALL_SINCE_FROM_YEAR, 3, 4"})
    void gapScope(String scope, int fixed, int variable) {
        // insured 2021 and 2023; from 2020 the missed years are 2020, 2022, 2024, 2025; the latest run is 2024–2025
        Policy p = Continuity2026.withRule(r -> r.add("gapYearsFrom", 2020).add("gapScope", scope));
        assertEquals(new Quote.Waiting(fixed, variable), quote(p, resident("2026-03-10", 2021, 2023)).waiting());
    }

    @ParameterizedTest(name = "waiting from {0} → cover from {1}")
    @CsvSource({"PAYMENT_DATE, 2026-03-15", "NORMAL_COVER_START, 2026-05-01"})
    void whereTheWaitStarts(String from, String start) {
        // research §9.5 example 3: one gap year, paid in the concentrated period on 2025-11-15, 3 + 1 months
        Policy p = Continuity2026.withRule(r -> r.add("waitingStartsFrom", from));
        assertEquals(LocalDate.parse(start), quote(p, resident("2025-11-15", 2024)).benefitStart());
    }

    @Test
    void theWindowsOwnLaterStartIsKept() {
        // GRACE starts cover on the 1st of next month; continuous, outside the concentrated period: 3 months from payment
        assertEquals(LocalDate.of(2026, 4, 20), quote(Continuity2026.policy(), resident("2026-01-20", 2024, 2025)).benefitStart());
        // a waiting period ending before the window's own start leaves that start
        Policy shortWait = Continuity2026.withRule(r -> r.add("fixedMonths", 0));
        Quote q = quote(shortWait, resident("2026-01-20", 2024, 2025));
        assertEquals(LocalDate.of(2026, 2, 1), q.benefitStart());
    }

    @ParameterizedTest(name = "{0}: continuous in GRACE → fixed {1}; one gap in CONCENTRATED → {2}+{3}")
    @CsvSource({
            "OUTSIDE_CONCENTRATED_OR_NOT_CONTINUOUS, 3, 3, 1",
            "NOT_CONTINUOUS_ONLY,                    0, 3, 1",
            "OUTSIDE_CONCENTRATED_ONLY,              3, 0, 1"})
    void whoGetsTheFixedWait(String who, int graceFixed, int gapFixed, int gapVariable) {
        Policy p = Continuity2026.withRule(r -> r.add("fixedWaitingFor", who));
        assertEquals(new Quote.Waiting(graceFixed, 0), quote(p, resident("2026-01-20", 2024, 2025)).waiting());
        assertEquals(new Quote.Waiting(gapFixed, gapVariable), quote(p, resident("2025-11-15", 2024)).waiting());
    }

    @Test
    void aWaitBeyondTheYearBuysNoCover() {
        assertEquals(QuoteRefusedException.Code.NO_BENEFIT_PERIOD, assertThrows(QuoteRefusedException.class,
                () -> quote(Continuity2026.policy(), resident("2026-09-15", 2024))).code());
        Quote lastDay = quote(Continuity2026.policy(), resident("2026-09-30", 2024, 2025));
        assertEquals(LocalDate.of(2026, 12, 30), lastDay.benefitStart());
        assertEquals("FULL_COST", lastDay.window());
        assertEquals(new BigDecimal("1100.00"), lastDay.personalAmount(), "400 + fiscal 700");
    }

    @Test
    void yearsFromTheInsuranceYearOnDoNotCount() {
        Quote q = quote(Continuity2026.policy(), resident("2026-03-10", 2024, 2026, 2027));
        assertEquals(new Quote.Waiting(3, 1), q.waiting());
        assertEquals(0, q.continuousYears());
        assertTrue(q.explanation().contains("参保年度2026、2027年不早于本参保年度2026，不计入连续参保"));
    }

    @Test
    void theQuoteExplainsEachStep() {
        Quote q = quote(Continuity2026.policy(), resident("2026-03-10", 2023, 2024));
        assertEquals(java.util.List.of(
                "一档城乡居民个人缴费标准400.00元",
                "2026-03-10属标准缴费期（有等待期）（2026-03-01至2026-06-30），按标准缴费",
                "2026-03-10 缴费，不设等待期，待遇自缴费之日起，待遇自2026-03-10起",
                "既往参保年度2023、2024年，截至2025年连续参保0年",
                "断保年度（自2025年起计）：2025年，共1年",
                "未在集中参保期（CONCENTRATED）内参保且未连续参保，固定待遇等待期3个月",
                "断保1年，每年1个月，变动待遇等待期1个月",
                "可缴费修复断保年度（尚可1年，每年400.00元，按本年度个人缴费标准），每修复1年减少1个月变动待遇等待期",
                "等待期3+1=4个月，自缴费之日2026-03-10起算至2026-07-10，待遇自2026-07-10起",
                "大病保险激励：含本年度连续参保1年，满4年后每年提高1000.00元，本年度连续参保激励0.00元（零报销激励每年1000.00元，按报销记录另计）",
                "待遇截至2026-12-31",
                "无适用的资助身份，资助0.00元",
                "应缴 = 标准400.00 − 资助0.00 + 财政补助部分0.00 = 400.00元"), q.explanation());
    }

    @ParameterizedTest(name = "continuous {0} years before 2026 → +{1}")
    @CsvSource({"0, 0.00", "3, 0.00", "4, 1000.00", "5, 2000.00", "64, 60000.00", "65, 60000.00"})
    void incentiveRaisesTheMajorIllnessCap(int continuous, String increase) {
        Policy capped = Continuity2026.withDocument(d -> d.add("incentive", Json.createObjectBuilder()
                .add("thresholdYears", 4).add("increasePerYear", new BigDecimal("1000.00"))
                .add("zeroClaimIncrease", new BigDecimal("1000.00")).add("maxIncreasePercent", 20)
                .add("baseCap", new BigDecimal("300000.00"))));
        Integer[] insured = continuous == 0 ? new Integer[0] : years(2026 - continuous, 2025);
        Quote q = quote(capped, resident("2025-11-15", insured));
        assertTrue(q.explanation().stream().anyMatch(l -> l.contains("本年度连续参保激励" + increase + "元")
                        && l.contains("即60000.00元")), String.join("\n", q.explanation()));
    }

    @Test
    void policiesWithoutTheRuleAnswerAsBefore() {
        for (String id : Seeds.IDS) {
            Policy seed = Seeds.policy(id);
            assertNull(seed.continuity(), id);
            Quote q = Seeds.ENGINE.quote(seed, QuoteRequest.of(1, seed.opening()).withInsuredYears(2020)
                    .withEvent(LifeEvent.Type.GRADUATED, seed.opening()));
            assertNull(q.continuousYears(), id);
            assertNull(q.waiting(), id);
            assertTrue(q.explanation().stream().noneMatch(l -> l.contains("等待期") && l.contains("固定")), id);
        }
    }
}
