package cn.canbao.web.collection;

import cn.canbao.collection.boundary.Payments;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The items of {@code POST /payments/batch} read from the JSON object the request was parsed into, as the strict JSON-B
 * reader ({@link cn.canbao.web.platform.JsonbConfiguration#strict()}) reads a single {@code POST /payments} body:
 * texts only from JSON strings, the tier only from a whole number in range, the amount only from a JSON number,
 * {@code paidAt} from an ISO-8601 date-time with offset; an absent field or {@code null} is {@code null}, other fields
 * are ignored. Reading a thousand items this way, rather than writing each back to text for JSON-B to parse again, was
 * worth about 8 % of the batch endpoint's time (docs/benchmarks.md); BatchItemsTest checks over seeded random items
 * that both readers take and refuse the same items and read them alike.
 */
final class BatchItems {

    /** Yasson's default for {@link OffsetDateTime}: ISO offset date-time, UTC where the text carries no zone. */
    private static final DateTimeFormatter PAID_AT = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

    private BatchItems() {
    }

    /** The item as a submission; {@link JsonbException} for a value of the wrong JSON type, as JSON-B refuses it. */
    static Payments.Submission read(JsonObject item) {
        return new Payments.Submission(text(item, "transactionId"), text(item, "idNumber"), text(item, "policyId"),
                wholeInt(item, "tier"), decimal(item, "amount"), text(item, "channel"), dateTime(item, "paidAt"));
    }

    private static String text(JsonObject item, String name) {
        JsonValue value = item.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new JsonbException(name + " is not a text");
    }

    private static Integer wholeInt(JsonObject item, String name) {
        JsonValue value = item.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            throw new JsonbException(name + " is not a number");
        }
        try {
            return cn.canbao.web.platform.StrictJson.whole(number.bigDecimalValue()).intValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new JsonbException(name + " is out of range", tooLarge);
        }
    }

    private static BigDecimal decimal(JsonObject item, String name) {
        JsonValue value = item.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return number.bigDecimalValue();
        }
        throw new JsonbException(name + " is not a number");
    }

    private static OffsetDateTime dateTime(JsonObject item, String name) {
        JsonValue value = item.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String text = value instanceof JsonString s ? s.getString()
                : value instanceof JsonNumber n ? n.toString() : null;
        if (text == null) {
            throw new JsonbException(name + " is not a date-time");
        }
        try {
            return OffsetDateTime.parse(text, PAID_AT);
        } catch (DateTimeParseException e) {
            throw new JsonbException(name + " is not an ISO-8601 date-time with offset", e);
        }
    }
}
