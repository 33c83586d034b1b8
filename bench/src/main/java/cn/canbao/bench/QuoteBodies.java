package cn.canbao.bench;

import cn.canbao.platform.entity.IdNumber;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The quote request body of ../shared/spec/API.md (Quote) written from and read into a {@link QuoteRequest}. Reading mirrors
 * what the REST resource does before it reaches the engine (JSON text → request: enums, dates, ID number with
 * its check character, bare identities), which makes it the benchmark's baseline.
 */
final class QuoteBodies {

    /**
     * Made once, as a server does: {@code Json.createReader} looks the JSON-P provider up through the
     * ServiceLoader on every call, which costs more than reading the body and would flatter the engine.
     */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private QuoteBodies() {
    }

    static String toJson(QuoteRequest request) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("tier", request.tier())
                .add("paymentDate", request.paymentDate().toString())
                .add("residentType", request.residentType().name());
        if (request.birthDate() != null) {
            body.add("birthDate", request.birthDate().toString());
        }
        if (request.idNumber() != null) {
            body.add("idNumber", request.idNumber().value());
        }
        if (!request.identities().isEmpty()) {
            JsonArrayBuilder codes = Json.createArrayBuilder();
            request.identities().forEach(id -> codes.add(id.code()));
            body.add("identities", codes);
        }
        if (!request.groups().isEmpty()) {
            JsonArrayBuilder groups = Json.createArrayBuilder();
            request.groups().stream().sorted().forEach(g -> groups.add(g.name()));
            body.add("groups", groups);
        }
        return body.build().toString();
    }

    static QuoteRequest read(String json) {
        JsonObject body;
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            body = reader.readObject();
        }
        Integer tier = body.containsKey("tier") && !body.isNull("tier") ? body.getInt("tier") : null;
        LocalDate paymentDate = date(body, "paymentDate");
        LocalDate birthDate = date(body, "birthDate");
        ResidentType type = body.containsKey("residentType")
                ? ResidentType.valueOf(body.getString("residentType").trim().toUpperCase(Locale.ROOT))
                : ResidentType.RESIDENT;
        String id = body.getString("idNumber", null);
        IdNumber idNumber = id == null || id.isBlank() ? null : IdNumber.of(id);
        List<HeldIdentity> identities = new ArrayList<>();
        for (String code : strings(body, "identities")) {
            identities.add(HeldIdentity.bare(code.trim()));
        }
        Set<PersonGroup> groups = EnumSet.noneOf(PersonGroup.class);
        for (String group : strings(body, "groups")) {
            groups.add(PersonGroup.valueOf(group.trim().toUpperCase(Locale.ROOT)));
        }
        return new QuoteRequest(tier, paymentDate, type, birthDate, idNumber, identities, groups);
    }

    private static LocalDate date(JsonObject body, String name) {
        String text = body.getString(name, null);
        return text == null ? null : LocalDate.parse(text);
    }

    private static List<String> strings(JsonObject body, String name) {
        JsonValue value = body.get(name);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        JsonArray array = value.asJsonArray();
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(array.getString(i));
        }
        return out;
    }
}
