package cn.canbao.web.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The shape a request must have before the server does anything with it. */
class RequestShapeTest {

    private static String basic(String text) {
        return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "TRACE | /canbao/api/v1/regions | | 405 | METHOD_NOT_ALLOWED",
            "PROPFIND | /canbao/ | | 405 | METHOD_NOT_ALLOWED",
            "GET | /canbao/api/v1/persons/%zz | | 400 | MALFORMED_URL",
            "GET | /canbao/api/v1/persons/%E4%B8 | | 400 | MALFORMED_URL",
            "GET | /canbao/api/v1/persons/% | | 400 | MALFORMED_URL",
            "GET | /canbao/api/v1/regions | parentCode=%C0%AF | 400 | MALFORMED_URL",
            "GET | /canbao/api/v1/regions | q=%4 | 400 | MALFORMED_URL",
            "GET | /canbao/api/v1/payments/%00 | | 400 | MALFORMED_URL",
            "GET | /canbao/api/v1/payments/a%0Ab | | 400 | MALFORMED_URL",
            "GET | /canbao/api/v1/persons | q=a%00 | 400 | MALFORMED_URL"})
    void malformedRequestsAreRefused(String method, String path, String query, int status, String code) {
        RequestShape.Refusal refusal = RequestShape.refusal(method, path, query, null);
        assertEquals(status, refusal.status());
        assertEquals(code, refusal.code());
    }

    @Test
    void wellFormedRequestsPass() {
        assertNull(RequestShape.refusal("GET", "/canbao/api/v1/regions", "parentCode=%E9%87%8D&name=a+b", basic("clerk:demo123")));
        assertNull(RequestShape.refusal("POST", "/canbao/api/v1/rosters", null, basic("张三:密码:含冒号"),
                "multipart/form-data; boundary=----x1"));
        assertNull(RequestShape.refusal("PATCH", "/canbao/api/v1/accounts/clerk", null, null, "application/json"));
    }

    @Test
    void brokenCredentialsAndMultipartAreRefused() {
        assertEquals("MALFORMED_CREDENTIALS", RequestShape.refusal("GET", "/canbao/api/v1/regions", null, "Basic !!!").code());
        assertEquals("MALFORMED_CREDENTIALS", RequestShape.refusal("GET", "/canbao/api/v1/regions", null, basic("nocolon")).code());
        assertEquals(401, RequestShape.refusal("GET", "/canbao/api/v1/regions", null, "basic " + "%%%").status());
        assertEquals("MALFORMED_MULTIPART", RequestShape.refusal("POST", "/canbao/api/v1/rosters", null, null, "multipart/form-data").code());
        assertEquals("MALFORMED_MULTIPART", RequestShape.refusal("POST", "/canbao/api/v1/rosters", null, null,
                "multipart/form-data; charset=UTF-8").code());
    }

    @Test
    void queryParametersAreHandedOutDecodedAsUtf8() {
        java.util.Map<String, java.util.Deque<String>> raw = new java.util.TreeMap<>();
        raw.put("q", new java.util.ArrayDeque<>(java.util.List.of("%E6%9F%A5%E4%B8%80")));
        raw.put("a%20b", new java.util.ArrayDeque<>(java.util.List.of("x+y", "100%25")));
        var decoded = RequestShape.decoded(raw);
        assertEquals("查一", decoded.get("q").getFirst());
        assertEquals(java.util.List.of("x y", "100%"), java.util.List.copyOf(decoded.get("a b")));
    }
}
