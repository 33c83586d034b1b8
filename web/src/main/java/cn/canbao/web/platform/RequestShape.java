package cn.canbao.web.platform;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.servlet.ServletContext;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a request must look like before the server does anything with it — authentication, sessions, JSF, JAX-RS —
 * answered as problem+json rather than by the container's bare error pages (an outer handler of this deployment, an
 * Undertow servlet extension registered in META-INF/services):
 * <ul>
 * <li>a method the application does not use (TRACE, CONNECT, WebDAV's …) — 405 with {@code Allow}; the HTTP listener
 *     no longer refuses TRACE itself (config/cli/05-http.cli), so that the answer is this one;</li>
 * <li>a URL whose percent-escapes are not well formed or not UTF-8 — 400 {@code MALFORMED_URL}; the listener hands
 *     the URL over undecoded for this ({@code decode-url=false}) instead of closing the connection with an empty 400;</li>
 * <li>HTTP Basic credentials that are not Base64 of {@code name:password} in UTF-8 — 401 {@code MALFORMED_CREDENTIALS}
 *     (Elytron's mechanism would fail with a 500 on them);</li>
 * <li>a multipart body without its boundary — 400 {@code MALFORMED_MULTIPART} (RESTEasy cannot even begin to read it).</li>
 * </ul>
 */
public class RequestShape implements ServletExtension {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final String ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext servletContext) {
        deployment.addOuterHandlerChainWrapper(Checking::new);
    }

    /** Why a request is refused before anything else, or null. */
    record Refusal(int status, String code, String detail) {
    }

    static Refusal refusal(String method, String rawPath, String rawQuery, String authorization) {
        return refusal(method, rawPath, rawQuery, authorization, null);
    }

    static Refusal refusal(String method, String rawPath, String rawQuery, String authorization, String contentType) {
        if (!METHODS.contains(method)) {
            return new Refusal(405, "METHOD_NOT_ALLOWED", "此请求方法不受支持 / this method is not supported: " + clip(method));
        }
        if (!wellEncoded(rawPath) || (rawQuery != null && !wellEncoded(rawQuery.replace('+', ' ')))) {
            return new Refusal(400, "MALFORMED_URL",
                    "网址中的百分号编码无效或不是 UTF-8 / the URL's percent-encoding is malformed or not UTF-8");
        }
        if (controlled(rawPath, true) || (rawQuery != null && controlled(rawQuery, false))) {
            return new Refusal(400, "MALFORMED_URL",
                    "网址中不能含控制字符 / the URL must not contain control characters");
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6) && !wellFormedBasic(authorization.substring(6))) {
            return new Refusal(401, "MALFORMED_CREDENTIALS",
                    "Authorization 须为 Basic 加 Base64 编码的“用户名:密码” / Authorization must be Basic and Base64 of name:password");
        }
        if (contentType != null && contentType.regionMatches(true, 0, "multipart/", 0, 10)
                && !contentType.toLowerCase(java.util.Locale.ROOT).matches(".*;\\s*boundary=\\s*\"?[^\\s\";]+.*")) {
            return new Refusal(400, "MALFORMED_MULTIPART",
                    "multipart 请求缺少 boundary 参数 / the multipart request has no boundary parameter");
        }
        return null;
    }

    /** Every {@code %} followed by two hex digits, and the bytes so written a valid UTF-8 text. */
    static boolean wellEncoded(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return false;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(plain, 0, plain.length);
            }
        }
        return validUtf8(bytes.toByteArray());
    }

    /**
     * Whether a well-encoded URL part holds, once decoded, a NUL (no database takes it in a text) or, in the path,
     * any control character (no identifier has one).
     */
    static boolean controlled(String raw, boolean path) {
        for (int i = 0; i < raw.length(); i++) {
            int c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                c = Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16);
                i += 2;
            }
            if (c == 0 || (path && (c < 0x20 || c == 0x7f))) {
                return true;
            }
        }
        return false;
    }

    static boolean wellFormedBasic(String token) {
        try {
            byte[] decoded = Base64.getDecoder().decode(token.trim());
            return validUtf8(decoded) && new String(decoded, StandardCharsets.UTF_8).indexOf(':') > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String clip(String text) {
        String shown = text.codePoints().filter(c -> c > 0x20 && c < 0x7f).limit(20)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.isEmpty() ? "?" : shown;
    }

    /**
     * The query parameters as the servlet layer hands them out, percent-escapes and {@code +} decoded as UTF-8: the
     * listener leaves the URL undecoded (above) and nothing later decodes a servlet's query parameters, so a link
     * carrying Chinese text (the visit list's {@code ?q=}) reached the page as {@code %E6%9F%A5…}. Only called for a
     * query already found well encoded. JAX-RS reads the raw query string and decodes it itself, unaffected.
     */
    static Map<String, Deque<String>> decoded(Map<String, Deque<String>> raw) {
        Map<String, Deque<String>> decoded = new LinkedHashMap<>();
        raw.forEach((name, values) -> {
            Deque<String> into = decoded.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayDeque<>());
            values.forEach(v -> into.add(URLDecoder.decode(v, StandardCharsets.UTF_8)));
        });
        return decoded;
    }

    private static void decodeQueryParameters(HttpServerExchange exchange) {
        String query = exchange.getQueryString();
        if (query == null || (query.indexOf('%') < 0 && query.indexOf('+') < 0)) {
            return;
        }
        Map<String, Deque<String>> decoded = decoded(exchange.getQueryParameters());
        exchange.getQueryParameters().clear();
        decoded.forEach((name, values) -> values.forEach(v -> exchange.addQueryParam(name, v)));
    }

    static final class Checking implements HttpHandler {

        private final HttpHandler next;

        Checking(HttpHandler next) {
            this.next = next;
        }

        @Override
        public void handleRequest(HttpServerExchange exchange) throws Exception {
            Refusal refusal = refusal(exchange.getRequestMethod().toString(), exchange.getRequestURI(),
                    exchange.getQueryString(), exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION),
                    exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE));
            if (refusal == null) {
                decodeQueryParameters(exchange);
                next.handleRequest(exchange);
                return;
            }
            exchange.setStatusCode(refusal.status());
            var headers = exchange.getResponseHeaders();
            headers.put(Headers.CONTENT_TYPE, Problems.MEDIA_TYPE + ";charset=UTF-8");
            headers.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
            headers.put(HttpString.tryFromString("X-Frame-Options"), "DENY");
            headers.put(HttpString.tryFromString("Referrer-Policy"), "same-origin");
            headers.put(HttpString.tryFromString("Content-Security-Policy"), SecurityHeadersFilter.CSP);
            if (refusal.status() == 405) {
                headers.put(Headers.ALLOW, ALLOW);
            }
            if (refusal.status() == 401) {
                headers.put(Headers.WWW_AUTHENTICATE, "Basic realm=\"canbao\"");
            }
            String body = Problems.of(refusal.status(), Problems.title(refusal.status()), refusal.code(), refusal.detail(), null)
                    .getEntity().toString();
            exchange.getResponseSender().send(body, StandardCharsets.UTF_8);
        }
    }
}
