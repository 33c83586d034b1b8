package cn.canbao.web.collection;

import cn.canbao.collection.boundary.Payments;
import cn.canbao.web.platform.JsonbConfiguration;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringReader;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch endpoint's item reader agrees with the strict JSON-B reader of {@code POST /payments}: over seeded random
 * items whose fields take values of every JSON type (and edge cases of each), both take the same items, read them to
 * equal submissions, and refuse the same items.
 */
class BatchItemsTest {

    private static final String[] VALUES = {
            "null", "true", "false", "{}", "[]", "[1]", "{\"a\":1}",
            "\"\"", "\" \"", "\"T-0001\"", "\"11010519491231002X\"", "\"500102-2025\"", "\"参保\\u4eba\"", "\"a\\\"b\"",
            "\"CASH\"", "\"1\"", "\"2.0\"", "\"12.50\"",
            "0", "1", "2", "-1", "2.0", "2.00", "1.9", "0.5", "1e2", "1E+2", "1e-2", "4294967298", "2147483647",
            "2147483648", "-2147483649", "380", "380.00", "380.005", "12345678901.5", "1e40",
            "\"2025-10-01T09:30:00+08:00\"", "\"2025-10-01T09:30:00Z\"", "\"2025-10-01T09:30:00.123456+08:00\"",
            "\"2025-10-01T09:30:00\"", "\"2025-10-01\"", "\"2025-13-01T09:30:00+08:00\"", "\"2025-10-01T09:30+08:00\"",
            "\"2025-10-01 09:30:00+08:00\"", "\"+169087565-03-15T00:00:00Z\"", "20251001", "\"-999999999-01-01T00:00:00Z\""};

    private static final List<String> FIELDS = List.of("transactionId", "idNumber", "policyId", "tier", "amount", "channel",
            "paidAt");

    /** Per field, values of its own type (most items draw from these, so that many are taken whole). */
    private static final String[][] OWN = {
            {"\"T-0001\"", "\"\"", "\"a\\\"b\"", "\"参保\\u4eba\""},
            {"\"11010519491231002X\"", "\" \"", "\"1\""},
            {"\"500102-2025\"", "\"\""},
            {"1", "2", "2.0", "0", "-1", "1e0", "1.9", "2147483648"},
            {"380", "380.00", "0.5", "1e2", "380.005", "-1"},
            {"\"CASH\"", "\"WECHAT\"", "\"\""},
            {"\"2025-10-01T09:30:00+08:00\"", "\"2025-10-01T09:30:00Z\"", "\"2025-10-01T09:30:00.123456+08:00\"",
                    "\"2025-10-01T09:30:00\"", "\"2025-10-01\"", "\"2025-10-01T09:30+08:00\""}};

    static Stream<String> items() {
        Random random = new Random(20261205L);
        return IntStream.range(0, 4000).mapToObj(n -> {
            StringBuilder item = new StringBuilder("{");
            for (String field : FIELDS) {
                if (random.nextInt(8) == 0) {
                    continue; // absent
                }
                if (item.length() > 1) {
                    item.append(',');
                }
                String[] own = OWN[FIELDS.indexOf(field)];
                item.append('"').append(field).append("\":").append(random.nextInt(10) < 8
                        ? own[random.nextInt(own.length)] : VALUES[random.nextInt(VALUES.length)]);
            }
            if (random.nextInt(5) == 0) {
                item.append(item.length() > 1 ? "," : "").append("\"extra\":").append(VALUES[random.nextInt(VALUES.length)]);
            }
            return item.append('}').toString();
        });
    }

    @ParameterizedTest
    @MethodSource("items")
    void bothReadersTakeAndRefuseTheSameItemsAlike(String text) {
        JsonObject item;
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            item = reader.readObject();
        }
        Payments.Submission byJsonb = null;
        RuntimeException jsonbRefused = null;
        try {
            byJsonb = JsonbConfiguration.strict().fromJson(item.toString(), Payments.Submission.class);
        } catch (JsonbException e) {
            jsonbRefused = e;
        }
        Payments.Submission byItems = null;
        RuntimeException itemsRefused = null;
        try {
            byItems = BatchItems.read(item);
        } catch (JsonbException e) {
            itemsRefused = e;
        }
        String both = text + ": JSON-B " + describe(jsonbRefused) + ", BatchItems " + describe(itemsRefused);
        assertEquals(jsonbRefused == null, itemsRefused == null, both);
        assertEquals(byJsonb, byItems, text);
    }

    @org.junit.jupiter.api.Test
    void theSeededItemsCoverTakenAndRefusedOnes() {
        // the set as a whole must hold both kinds, or the agreement above proves little
        long taken = items().filter(BatchItemsTest::takenByJsonb).count();
        assertTrue(taken > 50 && taken < 3950, "taken by JSON-B: " + taken + " of 4000");
    }

    private static boolean takenByJsonb(String text) {
        try {
            JsonbConfiguration.strict().fromJson(text, Payments.Submission.class);
            return true;
        } catch (JsonbException e) {
            return false;
        }
    }

    private static String describe(RuntimeException e) {
        return e == null ? "took it" : "refused it (" + e.getMessage() + ")";
    }
}
