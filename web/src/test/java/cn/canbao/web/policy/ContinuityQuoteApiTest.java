package cn.canbao.web.policy;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.entity.LifeEvent;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.web.platform.JsonbConfiguration;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /policies/{id}/quotes} with insurance history (../shared/spec/API.md, "Continuous enrollment in quotes"):
 * the body as JSON-B reads it, the 400s for bad history, and the answer's two shapes.
 */
class ContinuityQuoteApiTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    private static QuoteRequest request(String json) {
        PolicyResource.QuoteBody body = JsonbConfiguration.strict().fromJson(json, PolicyResource.QuoteBody.class);
        return PolicyResource.toRequest(body, TODAY);
    }

    @Test
    void insuredYearsAndEventsReachTheEngine() {
        QuoteRequest r = request("""
                {"tier":1,"paymentDate":"2026-03-10","insuredYears":[2023,2024],"repairedYears":[2025],
                 "events":[{"type":"GRADUATED","date":"2026-03-01"},{"type":"employee_insurance_ended","date":"2026-01-31"}]}""");
        assertEquals(Set.of(2023, 2024), r.insuredYears());
        assertEquals(Set.of(2025), r.repairedYears());
        assertEquals(List.of(new LifeEvent(LifeEvent.Type.GRADUATED, LocalDate.of(2026, 3, 1)),
                new LifeEvent(LifeEvent.Type.EMPLOYEE_INSURANCE_ENDED, LocalDate.of(2026, 1, 31))), r.events());
    }

    @Test
    void anOldRequestIsReadAsBefore() {
        QuoteRequest r = request("{\"tier\":1,\"paymentDate\":\"2024-03-15\",\"identities\":[\"101\"]}");
        assertTrue(r.insuredYears().isEmpty());
        assertTrue(r.events().isEmpty());
    }

    @ParameterizedTest(name = "{0} → 400 at {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"tier\":1,\"events\":[{\"type\":\"MARRIED\",\"date\":\"2026-01-01\"}]}            | events[0].type",
            "{\"tier\":1,\"events\":[{\"type\":null,\"date\":\"2026-01-01\"}]}                   | events[0].type",
            "{\"tier\":1,\"events\":[{\"type\":\"RELEASED\",\"date\":\"2026-02-30\"}]}           | events[0].date",
            "{\"tier\":1,\"events\":[{\"type\":\"RELEASED\",\"date\":\"01/03/2026\"}]}           | events[0].date",
            "{\"tier\":1,\"events\":[{\"type\":\"RELEASED\"}]}                                   | events[0].date",
            "{\"tier\":1,\"events\":[{\"type\":\"RELEASED\",\"date\":\"2026-03-11\"}]}           | events[0].date",
            "{\"tier\":1,\"events\":[null]}                                                        | events[0]",
            "{\"tier\":1,\"insuredYears\":[2024,2027]}                                             | insuredYears[1]",
            "{\"tier\":1,\"insuredYears\":[1899]}                                                  | insuredYears[0]",
            "{\"tier\":1,\"insuredYears\":[null]}                                                  | insuredYears[0]",
            "{\"tier\":1,\"repairedYears\":[2030]}                                                 | repairedYears[0]"})
    void badHistoryIsABadRequestNamingTheField(String json, String field) {
        ProblemException problem = assertThrows(ProblemException.class, () -> request(json));
        assertEquals(400, problem.kind().status);
        assertEquals("INVALID_INPUT", problem.code());
        assertEquals(field, problem.errors().get(0).field());
    }

    @Test
    void theCurrentYearAndTodayAreNotTheFuture() {
        QuoteRequest r = request("{\"tier\":1,\"insuredYears\":[2026],\"events\":[{\"type\":\"RELEASED\",\"date\":\"2026-03-10\"}]}");
        assertEquals(Set.of(2026), r.insuredYears());
        assertEquals(1, r.events().size());
    }

    private static JsonObject written(Object answer) {
        return Json.createReader(new StringReader(JsonbConfiguration.strict().toJson(answer))).readObject();
    }

    @Test
    void theAnswerAddsContinuityOnlyForAPolicyWithTheRule() {
        Quote plain = new Quote("500101-2024", 1, new BigDecimal("380.00"), null, new BigDecimal("0.00"),
                new BigDecimal("0.00"), new BigDecimal("380.00"), LocalDate.of(2024, 6, 13), LocalDate.of(2024, 12, 31),
                "STANDARD_WAITING", List.of("…"));
        JsonObject old = written(PolicyResource.answer(plain));
        assertEquals(Set.of("policyId", "tier", "standardAmount", "subsidyCode", "subsidyAmount", "fiscalShareAmount",
                "personalAmount", "benefitStart", "benefitEnd", "window", "explanation"), old.keySet());
        assertTrue(old.isNull("subsidyCode"), "absent values stay null as before");

        Quote continuity = new Quote("500101-2026", 1, new BigDecimal("400.00"), null, new BigDecimal("0.00"),
                new BigDecimal("0.00"), new BigDecimal("400.00"), LocalDate.of(2026, 7, 10), LocalDate.of(2026, 12, 31),
                "STANDARD_WAITING", List.of("…"), 0, new Quote.Waiting(3, 1));
        JsonObject answer = written(PolicyResource.answer(continuity));
        assertEquals(0, answer.getInt("continuousYears"));
        assertEquals(3, answer.getJsonObject("waiting").getInt("fixedMonths"));
        assertEquals(1, answer.getJsonObject("waiting").getInt("variableMonths"));
        assertEquals("2026-07-10", answer.getString("benefitStart"));
        assertFalse(answer.getJsonObject("waiting").containsKey("totalMonths"));
    }
}
