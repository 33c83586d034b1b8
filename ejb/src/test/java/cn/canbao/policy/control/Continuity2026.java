package cn.canbao.policy.control;

import cn.canbao.policy.entity.LifeEvent;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * The illustrative 2026 policy of config/policies/500101-2026.json (continuity rule of the national guidance) and
 * variations of its continuity rule as an operator would enter them: the edited JSON document, read and checked.
 */
final class Continuity2026 {

    static final String ID = "500101-2026";

    private Continuity2026() {
    }

    static Policy policy() {
        return Seeds.policy(ID);
    }

    /** The 2026 policy with its continuity rule edited member by member. */
    static Policy withRule(Consumer<JsonObjectBuilder> edit) {
        JsonObjectBuilder rule = Json.createObjectBuilder(new PolicyJson().toJson(policy()).getJsonObject("continuity"));
        edit.accept(rule);
        return withDocument(doc -> doc.add("continuity", rule));
    }

    static Policy withDocument(Consumer<JsonObjectBuilder> edit) {
        JsonObject document = new PolicyJson().toJson(policy());
        JsonObjectBuilder doc = Json.createObjectBuilder(document);
        edit.accept(doc);
        return new PolicyJson().read(doc.build().toString());
    }

    static Quote quote(Policy policy, QuoteRequest request) {
        return Seeds.ENGINE.quote(policy, request);
    }

    /** An ordinary resident, tier 1, insured in {@code insured} years, paying on {@code date}. */
    static QuoteRequest resident(String date, Integer... insured) {
        return QuoteRequest.of(1, LocalDate.parse(date)).withInsuredYears(insured);
    }

    static QuoteRequest withEvent(QuoteRequest request, LifeEvent.Type type, String date) {
        return request.withEvent(type, LocalDate.parse(date));
    }
}
