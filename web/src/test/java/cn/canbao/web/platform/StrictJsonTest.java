package cn.canbao.web.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bodies read strictly: one value, not too deep; whole numbers only where whole numbers are meant. */
class StrictJsonTest {

    public record Body(Integer tier, Long count, String name, Boolean signed, java.math.BigDecimal amount) {
    }

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withDeserializers(new StrictJson.WholeInt(), new StrictJson.WholeLong(), new StrictJson.StrictText(),
                    new StrictJson.StrictBoolean(), new StrictJson.StrictDecimal()));

    @ParameterizedTest
    @ValueSource(strings = {"{\"tier\":1} x", "{\"tier\":1}{\"tier\":2}", "[1,2] ]", "{\"tier\":", "{'tier':1}"})
    void anythingButOneJsonValueIsRefused(String body) {
        assertThrows(JsonbException.class, () -> StrictJson.check(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nestingIsBounded() {
        String deep = "[".repeat(3000) + "]".repeat(3000);
        assertThrows(JsonbException.class, () -> StrictJson.check(deep.getBytes(StandardCharsets.UTF_8)));
        String fine = "[".repeat(StrictJson.MAX_DEPTH) + "]".repeat(StrictJson.MAX_DEPTH);
        assertDoesNotThrow(() -> StrictJson.check(fine.getBytes(StandardCharsets.UTF_8)));
        assertDoesNotThrow(() -> StrictJson.check("  {\"a\":[1,{\"b\":null}]}  \n".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"tier\":1.9}", "{\"tier\":4294967298}", "{\"tier\":\"1\"}", "{\"tier\":true}",
            "{\"count\":1e40}", "{\"count\":0.5}"})
    void aWholeNumberFieldTakesOnlyAWholeNumberInRange(String body) {
        assertThrows(JsonbException.class, () -> JSONB.fromJson(body, Body.class));
    }

    @Test
    void wholeNumbersAreReadAsThey() {
        Body body = JSONB.fromJson("{\"tier\":2,\"count\":4294967298,\"name\":\"x\"}", Body.class);
        assertEquals(2, body.tier());
        assertEquals(4294967298L, body.count());
        assertEquals(2, JSONB.fromJson("{\"tier\":2.0}", Body.class).tier(), "2.0 is the whole number 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":123}", "{\"name\":true}", "{\"name\":{}}", "{\"name\":[\"a\"]}",
            "{\"signed\":\"true\"}", "{\"signed\":1}", "{\"amount\":\"12.50\"}", "{\"amount\":true}"})
    void noValueIsCoercedIntoAnotherType(String body) {
        assertThrows(JsonbException.class, () -> JSONB.fromJson(body, Body.class));
    }

    @Test
    void eachTypeReadsItsOwnKind() {
        Body body = JSONB.fromJson("{\"name\":\"张三\",\"signed\":false,\"amount\":380.00,\"tier\":null}", Body.class);
        assertEquals("张三", body.name());
        assertEquals(Boolean.FALSE, body.signed());
        assertEquals(new java.math.BigDecimal("380.00"), body.amount());
        assertEquals(null, body.tier());
        Body nulls = JSONB.fromJson("{\"name\":null,\"signed\":null,\"amount\":null,\"tier\":null,\"count\":null}", Body.class);
        assertEquals(new Body(null, null, null, null, null), nulls);
    }

    @Test
    void onlyUtf8IsRead() {
        byte[] gbk = {'{', '"', 'n', '"', ':', '"', (byte) 0xd5, (byte) 0xc5, '"', '}'};
        assertThrows(JsonbException.class, () -> StrictJson.check(gbk));
        assertDoesNotThrow(() -> StrictJson.check("{\"n\":\"张\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
