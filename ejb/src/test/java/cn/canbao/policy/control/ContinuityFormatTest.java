package cn.canbao.policy.control;

import cn.canbao.policy.entity.ContinuityRule;
import cn.canbao.policy.entity.LifeEvent;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PolicyFormatException;
import cn.canbao.policy.entity.PolicyValidationException;
import cn.canbao.policy.entity.PolicyViolation;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The continuity and incentive members of the policy document: read, written, and refused with the row named. */
class ContinuityFormatTest {

    private final PolicyJson json = new PolicyJson();

    @Test
    void theExamplePolicyCarriesTheGuidanceNumbersAndRoundTrips() {
        Policy p = Continuity2026.policy();
        ContinuityRule c = p.continuity();
        assertEquals(3, c.fixedMonths());
        assertEquals(1, c.variableMonthsPerGapYear());
        assertEquals(2025, c.gapYearsFrom());
        assertEquals(List.of("CONCENTRATED"), c.concentratedWindows());
        assertEquals(6, c.repair().floorTotalMonths());
        assertEquals(4, c.repair().floorGapYears());
        assertEquals(List.of("101", "113"), c.exemptSubsidyCodes());
        assertEquals(new ContinuityRule.EventWindow(LifeEvent.Type.EMPLOYEE_INSURANCE_ENDED, 3, ContinuityRule.Unit.MONTHS,
                0, "职工医保中断缴费3个月以内参加居民医保"), c.events().get(0));
        assertEquals(new BigDecimal("1000.00"), p.incentive().increasePerYear());
        assertTrue(p.notes().get(0).contains("illustrative"));
        assertEquals(p, json.read(json.write(p)));
    }

    @Test
    void policiesWithoutTheRuleAreWrittenWithoutIt() {
        for (String id : Seeds.IDS) {
            String written = json.write(Seeds.policy(id));
            assertFalse(written.contains("\"continuity\""), id);
            assertFalse(written.contains("\"incentive\""), id);
        }
    }

    private List<PolicyViolation> refuse(Consumer<JsonObjectBuilder> edit) {
        JsonObjectBuilder rule = Json.createObjectBuilder(json.toJson(Continuity2026.policy()).getJsonObject("continuity"));
        edit.accept(rule);
        String document = Json.createObjectBuilder(json.toJson(Continuity2026.policy())).add("continuity", rule).build().toString();
        return assertThrows(PolicyValidationException.class, () -> json.read(document)).violations();
    }

    @ParameterizedTest(name = "{0} = {1} → {2} at {3}")
    @CsvSource(delimiter = '|', value = {
            "fixedMonths              | -1   | WAITING_MONTHS | continuity.fixedMonths",
            "fixedMonths              | 25   | WAITING_MONTHS | continuity.fixedMonths",
            "variableMonthsPerGapYear | -1   | WAITING_MONTHS | continuity.variableMonthsPerGapYear",
            "gapYearsFrom             | 2026 | GAP_YEARS_FROM | continuity.gapYearsFrom",
            "gapYearsFrom             | 1899 | GAP_YEARS_FROM | continuity.gapYearsFrom",
            "maxTotalMonths           | 5    | WAITING_CAP    | continuity.maxTotalMonths",
            "newbornExemptDays        | 0    | NEWBORN_DAYS   | continuity.newbornExemptDays"})
    void numbersOutOfRangeAreRefused(String member, int value, String rule, String where) {
        List<PolicyViolation> v = refuse(r -> r.add(member, value));
        assertEquals(1, v.size(), v::toString);
        assertEquals(rule, v.get(0).rule());
        assertEquals(where, v.get(0).where());
    }

    @Test
    void theCapMayEqualTheRepairFloor() {
        JsonObjectBuilder rule = Json.createObjectBuilder(json.toJson(Continuity2026.policy()).getJsonObject("continuity"))
                .add("maxTotalMonths", 6);
        assertEquals(6, json.read(Json.createObjectBuilder(json.toJson(Continuity2026.policy())).add("continuity", rule)
                .build().toString()).continuity().maxTotalMonths());
    }

    @Test
    void namesMustExist() {
        List<PolicyViolation> v = refuse(r -> r.add("concentratedWindows", Json.createArrayBuilder().add("CONCENTRATED").add("AUTUMN"))
                .add("exemptSubsidyCodes", Json.createArrayBuilder().add("101").add("999")));
        assertEquals(List.of("continuity.concentratedWindows AUTUMN:WINDOW_EXISTS", "continuity.exemptSubsidyCodes 999:CODE_EXISTS"),
                v.stream().map(x -> x.where() + ":" + x.rule()).toList());
        assertEquals("CONCENTRATED_WINDOW_REQUIRED", refuse(r -> r.add("concentratedWindows", Json.createArrayBuilder())).get(0).rule());
        assertNotNull(Continuity2026.withRule(r -> r.add("concentratedWindows", Json.createArrayBuilder())
                .add("fixedWaitingFor", "NOT_CONTINUOUS_ONLY")), "no concentrated window needed when only continuity matters");
    }

    @Test
    void repairAndEventRowsAreChecked() {
        List<PolicyViolation> v = refuse(r -> r.add("repair", Json.createObjectBuilder().add("monthsPerYear", 0)
                        .add("pricePerYear", new BigDecimal("-1.00")).add("maxYears", 0).add("floorGapYears", 0)
                        .add("floorTotalMonths", 30).add("restoresContinuousYears", false))
                .add("events", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "GRADUATED").add("within", 0).add("unit", "DAYS"))
                        .add(Json.createObjectBuilder().add("type", "GRADUATED").add("within", 3).add("unit", "MONTHS")
                                .add("priorInsuredYears", -1))));
        assertEquals(List.of("continuity.repair.monthsPerYear:REPAIR_MONTHS", "continuity.repair.pricePerYear:AMOUNT_NOT_NEGATIVE",
                        "continuity.repair.maxYears:REPAIR_YEARS", "continuity.repair.floorGapYears:REPAIR_FLOOR",
                        "continuity.repair.floorTotalMonths:WAITING_MONTHS", "continuity.events[0] GRADUATED:EVENT_WINDOW",
                        "continuity.events[1] GRADUATED:EVENT_UNIQUE", "continuity.events[1] GRADUATED:EVENT_PRIOR_YEARS"),
                v.stream().map(x -> x.where() + ":" + x.rule()).toList());
    }

    @Test
    void incentiveIsChecked() {
        String document = Json.createObjectBuilder(json.toJson(Continuity2026.policy())).add("incentive", Json.createObjectBuilder()
                .add("thresholdYears", -1).add("increasePerYear", new BigDecimal("-1000.00"))
                .add("zeroClaimIncrease", new BigDecimal("1000.00")).add("maxIncreasePercent", 120)).build().toString();
        List<PolicyViolation> v = assertThrows(PolicyValidationException.class, () -> json.read(document)).violations();
        assertEquals(List.of("incentive.thresholdYears:INCENTIVE_YEARS", "incentive:AMOUNT_NOT_NEGATIVE",
                "incentive.maxIncreasePercent:INCENTIVE_PERCENT"), v.stream().map(x -> x.where() + ":" + x.rule()).toList());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"unit\":\"WEEKS\"}                 | $.continuity.events[0].unit",
            "{\"type\":\"MARRIED\"}               | $.continuity.events[0].type",
            "{\"withinDays\":90}                  | $.continuity.events[0].withinDays",
            "{\"within\":\"3\"}                   | $.continuity.events[0].within"})
    void malformedEventRowsNameTheirPath(String change, String path) {
        JsonObjectBuilder row = Json.createObjectBuilder().add("type", "GRADUATED").add("within", 90).add("unit", "DAYS");
        Json.createReader(new java.io.StringReader(change)).readObject().forEach(row::add);
        JsonObjectBuilder rule = Json.createObjectBuilder(json.toJson(Continuity2026.policy()).getJsonObject("continuity"))
                .add("events", Json.createArrayBuilder().add(row));
        String document = Json.createObjectBuilder(json.toJson(Continuity2026.policy())).add("continuity", rule).build().toString();
        assertEquals(path, assertThrows(PolicyFormatException.class, () -> json.read(document)).path());
    }

    @Test
    void aYearBeyondIntIsRefusedNotWrapped() {
        JsonObjectBuilder rule = Json.createObjectBuilder(json.toJson(Continuity2026.policy()).getJsonObject("continuity"))
                .add("gapYearsFrom", 4294969321L);
        String document = Json.createObjectBuilder(json.toJson(Continuity2026.policy())).add("continuity", rule).build().toString();
        assertEquals("$.continuity.gapYearsFrom", assertThrows(PolicyFormatException.class, () -> json.read(document)).path());
    }

    @Test
    void aMisspeltMemberIsRefused() {
        JsonObjectBuilder rule = Json.createObjectBuilder(json.toJson(Continuity2026.policy()).getJsonObject("continuity"))
                .add("fixedMonth", 3);
        String document = Json.createObjectBuilder(json.toJson(Continuity2026.policy())).add("continuity", rule).build().toString();
        assertEquals("$.continuity.fixedMonth", assertThrows(PolicyFormatException.class, () -> json.read(document)).path());
    }
}
