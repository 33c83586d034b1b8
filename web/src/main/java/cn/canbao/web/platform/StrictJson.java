package cn.canbao.web.platform;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * JSON read strictly (issue "Hardening"): before a body is bound, it must be one JSON value and nothing after it, at
 * most {@value #MAX_BYTES} bytes and {@value #MAX_DEPTH} levels deep (a 3,000-deep body once reached the binder); and a
 * number bound to a whole-number field must be one — {@code 1.9} or {@code 4294967298} for a tier is refused, not read
 * as 1 or 2. Refusals are 400 MALFORMED_JSON (413 for size) through {@link ProblemMapper}, before any database work.
 */
@Provider
public class StrictJson implements ReaderInterceptor {

    static final int MAX_BYTES = 2 * 1024 * 1024;
    static final int MAX_DEPTH = 32;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !"json".equals(type.getSubtype()) && !type.getSubtype().endsWith("+json")) {
            return context.proceed();
        }
        byte[] body = read(context.getInputStream());
        check(body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            throw new WebApplicationException(Problems.of(413, "Payload too large", "BODY_TOO_LARGE",
                    "请求内容超过 2 MB / the body is larger than 2 MB", null));
        }
        return body;
    }

    /** One JSON value, nothing after it, not deeper than {@link #MAX_DEPTH}; an empty body is left to the resource. */
    static void check(byte[] body) {
        if (body.length == 0) {
            return;
        }
        java.nio.CharBuffer text;
        try { // JSON is UTF-8 (RFC 8259): GBK or broken bytes are refused, not read as replacement characters
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new JsonbException("not UTF-8", e);
        }
        if (text.chars().allMatch(Character::isWhitespace)) {
            return; // an empty body is left to the resource
        }
        // the text decoded once serves both checks (bodies of a thousand batch items are read whole here)
        try (JsonParser parser = Json.createParser(new java.io.CharArrayReader(text.array(), text.arrayOffset() + text.position(),
                text.remaining()))) {
            int depth = 0;
            boolean root = false;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (root && depth == 0) {
                    throw new JsonbException("content after the JSON value");
                }
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw new JsonbException("nested deeper than " + MAX_DEPTH);
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> { }
                }
                root = true;
            }
        } catch (JsonException e) {
            throw new JsonbException("not one JSON value", e);
        }
    }

    /** A text field takes a JSON string only: 123 or true is refused, not read as "123" or "true". */
    public static final class StrictText implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            jakarta.json.JsonValue value = parser.getValue();
            if (value.getValueType() == jakarta.json.JsonValue.ValueType.NULL) {
                return null;
            }
            if (!(value instanceof jakarta.json.JsonString text)) {
                throw new JsonbException("not a text");
            }
            return text.getString();
        }
    }

    /** A yes/no field takes true or false only: "yes", "true" or 1 are refused. */
    public static final class StrictBoolean implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            return switch (parser.getValue().getValueType()) {
                case NULL -> null;
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> throw new JsonbException("not true or false");
            };
        }
    }

    /** An amount takes a JSON number only: "12.50" as a text is refused. */
    public static final class StrictDecimal implements JsonbDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            jakarta.json.JsonValue value = parser.getValue();
            if (value.getValueType() == jakarta.json.JsonValue.ValueType.NULL) {
                return null;
            }
            if (!(value instanceof jakarta.json.JsonNumber number)) {
                throw new JsonbException("not a number");
            }
            return number.bigDecimalValue();
        }
    }

    /** A whole number for an {@code Integer}/{@code int} field: no fraction, within range. */
    public static final class WholeInt implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            try {
                BigDecimal number = whole(parser);
                return number == null ? null : number.intValueExact();
            } catch (ArithmeticException tooLarge) {
                throw new JsonbException("out of range", tooLarge);
            }
        }
    }

    /** A whole number for a {@code Long}/{@code long} field. */
    public static final class WholeLong implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            try {
                BigDecimal number = whole(parser);
                return number == null ? null : number.longValueExact();
            } catch (ArithmeticException tooLarge) {
                throw new JsonbException("out of range", tooLarge);
            }
        }
    }

    static BigDecimal whole(JsonParser parser) {
        try {
            if (parser.getValue().getValueType() == jakarta.json.JsonValue.ValueType.NULL) {
                return null;
            }
            return whole(parser.getBigDecimal());
        } catch (IllegalStateException | NumberFormatException notANumber) {
            throw new JsonbException("not a number", notANumber);
        }
    }

    /**
     * {@code number} as a whole number (scale 0: {@code 2.0} is 2, {@code 1E+2} is 100), or {@link JsonbException} when
     * it has a fraction; the caller's {@code intValueExact} / {@code longValueExact} refuses what does not fit.
     */
    public static BigDecimal whole(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw new JsonbException("not a whole number");
        }
        return stripped.setScale(0);
    }
}
