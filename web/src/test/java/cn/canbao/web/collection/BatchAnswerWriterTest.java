package cn.canbao.web.collection;

import cn.canbao.platform.boundary.Jsons;
import cn.canbao.web.platform.JsonbConfiguration;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The batch answer written by {@link BatchAnswerWriter} is, character for character, the JSON the application's JSON-B
 * configuration writes for it — over seeded random answers mixing payments (every field null or not, amounts of every
 * scale, texts needing escapes, moments with and without fractions and offsets) and problems.
 */
class BatchAnswerWriterTest {

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 20261205L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void writesWhatJsonbWrites(long seed) {
        Random random = new Random(seed);
        List<PaymentResource.BatchResult> results = new ArrayList<>();
        for (int i = random.nextInt(6); i >= 0; i--) {
            if (random.nextInt(4) == 0) {
                results.add(new PaymentResource.BatchResult(maybe(random, text(random)), 400 + random.nextInt(30), null,
                        Json.createObjectBuilder().add("type", "about:blank").add("title", text(random))
                                .add("status", 422).add("code", "AMOUNT_MISMATCH")
                                .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("field", "amount")
                                        .add("message", text(random)))).build()));
            } else {
                results.add(new PaymentResource.BatchResult(text(random), 200 + random.nextInt(2), view(random), null));
            }
        }
        PaymentResource.BatchAnswer answer = new PaymentResource.BatchAnswer(results);
        StringWriter written = new StringWriter();
        try (JsonGenerator g = Jsons.PROVIDER.createGenerator(written)) {
            BatchAnswerWriter.write(answer, g);
        }
        assertEquals(JsonbConfiguration.strict().toJson(answer), written.toString());
    }

    private static PaymentView view(Random r) {
        return new PaymentView(maybe(r, r.nextLong()), text(r), maybe(r, "PAYMENT"), maybe(r, (long) r.nextInt(1000)),
                maybe(r, "11010519491231002X"), maybe(r, text(r)), maybe(r, "500102-2025"), 1 + r.nextInt(2), amount(r),
                amount(r), amount(r), maybe(r, "101"), amount(r), amount(r), date(r), date(r), maybe(r, "WECHAT"),
                maybe(r, moment(r)), date(r), maybe(r, text(r)), maybe(r, "R" + r.nextInt(100000)));
    }

    private static <T> T maybe(Random r, T value) {
        return r.nextInt(6) == 0 ? null : value;
    }

    private static BigDecimal amount(Random r) {
        return maybe(r, BigDecimal.valueOf(r.nextLong() % 1_000_000_000_000L, r.nextInt(4)));
    }

    private static LocalDate date(Random r) {
        return maybe(r, LocalDate.of(1900 + r.nextInt(300), 1 + r.nextInt(12), 1 + r.nextInt(28)));
    }

    private static OffsetDateTime moment(Random r) {
        return OffsetDateTime.of(2000 + r.nextInt(50), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60),
                r.nextInt(3) == 0 ? r.nextInt(60) : 0, r.nextInt(3) == 0 ? r.nextInt(1_000_000) * 1000 : 0,
                r.nextBoolean() ? ZoneOffset.ofHours(8) : ZoneOffset.ofHoursMinutes(-(r.nextInt(12)), -(r.nextInt(2) * 30)));
    }

    private static String text(Random r) {
        String[] parts = {"张三", "T-", "\"", "\\", "\n", "\t", "/", "\u0001", "é", "𠀀", "A", "0"};
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(8); i >= 0; i--) {
            b.append(parts[r.nextInt(parts.length)]);
        }
        return b.toString();
    }
}
