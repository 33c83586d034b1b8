package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import jakarta.annotation.Resource;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input corpus, generated from the API description the server serves ({@code /openapi}): every operation
 * × malformed bodies (broken JSON, wrong types, every field too long, with control or bidi characters, numbers and
 * dates out of range), malformed path and query parameters (too long, bad percent-escapes, not numbers), malformed
 * headers (credentials, content types, a multipart without boundary) and methods the API does not have. Each
 * state-changing operation's requests are also sent at once from four threads. Every answer: no 5xx, an error as
 * problem+json whose detail names no Java class, a bounded size, and no refused request accepted — the database (every
 * table's rows, digested) is the same after the corpus as before it. Then real races on one refund and one region:
 * one winner, the others 409, never 500.
 *
 * <p>It runs inside the server to read the database directly; its requests go over HTTP like any caller's. The
 * figures are printed (for the issue's note).
 */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

    private static final String POLICY = "500101-2024";
    private static final String VILLAGE = "500101101001";
    /** In the order tried: the first role the API does not refuse with 403 carries an operation's requests. */
    private static final List<String> USERS = List.of("district_admin", "clerk", "town_officer", "operator", "department", "tax",
            "supervisor", "integration");
    /** A Java class or package name, or a stack trace, in an answer. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(?:java|javax|jakarta|org|com|io|cn|sun)\\.[a-z_][\\w$]*\\.[\\w$.]+|\\w+(?:Exception|Error)\\b|\\bat [a-z]+\\.[a-z]");
    private static final int MAX_ANSWER = 1 << 20;
    /** A refusal names what is wrong; it does not send back what it was sent. */
    private static final int MAX_PROBLEM = 8 * 1024;

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(BadInputIT.class, BadInputIT.Probe.class, BadInputIT.Answer.class, BadInputIT.Operation.class,
                Http.class, Http.Reply.class);
    }

    @Resource(lookup = "java:jboss/datasources/CanbaoDS")
    DataSource dataSource;

    record Operation(String method, String path, List<String> pathParams, List<String> queryParams, String bodyType,
                     JsonObject bodySchema) {
        boolean changesState() {
            return !method.equals("GET");
        }
    }

    record Probe(String operation, String label, String method, String target, String user, Map<String, String> headers,
                 byte[] body) {
    }

    record Answer(int status, String contentType, String body, String head) {
    }

    @Test
    void noMalformedRequestBreaksTheServerOrChangesAnything() throws Exception {
        JsonObject api = Json.createReader(new StringReader(fetch("GET", root() + "/openapi?format=JSON", null, Map.of(), null).body()))
                .readObject();
        List<Operation> operations = operations(api);
        assertTrue(operations.size() >= 60, "the served description lists the API's operations: " + operations.size());

        Map<String, String> before = snapshot();
        List<Probe> probes = new ArrayList<>();
        Map<String, String> userOf = new TreeMap<>();
        for (Operation operation : operations) {
            String user = userFor(operation);
            userOf.put(operation.method() + " " + operation.path(), user);
            probes.addAll(probes(operation, user));
        }
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        long started = System.nanoTime();
        for (Probe probe : probes) {
            check(probe, send(probe), failures, statuses);
        }
        int concurrent = 0;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Operation operation : operations) {
                if (!operation.changesState()) {
                    continue;
                }
                List<Future<?>> running = new ArrayList<>();
                for (Probe probe : probes) {
                    if (probe.operation().equals(operation.method() + " " + operation.path())) {
                        running.add(pool.submit(() -> check(probe, send(probe), failures, statuses)));
                        concurrent++;
                    }
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, String> after = snapshot();

        List<String> changed = new ArrayList<>();
        for (String table : before.keySet()) {
            if (!before.get(table).equals(after.get(table))) {
                changed.add(table + ": " + before.get(table) + " -> " + after.get(table));
            }
        }
        long rows = before.values().stream().mapToLong(v -> Long.parseLong(v.substring(0, v.indexOf(' ')))).sum();
        System.out.printf(Locale.ROOT, "BAD-INPUT CORPUS: %d operations, %d requests in sequence + %d concurrently (4 threads), "
                        + "%.1f s; answers by status %s; %d tables (%d rows) digested before and after: %d changed; %d failures%n",
                operations.size(), probes.size(), concurrent, seconds, statuses, before.size(), rows, changed.size(), failures.size());
        assertTrue(failures.isEmpty(), failures.size() + " answers broke the rules, e.g.:\n"
                + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
        assertTrue(changed.isEmpty(), "refused requests changed data:\n" + String.join("\n", changed));
    }

    /**
     * Real races: eight reviews of one refund at once — one decides it, the others are told it changed (409), none is a
     * 500; eight executions of the approved refund — one executes it; eight creations of one village — one 201.
     */
    @Test
    void racingStateChangesHaveOneWinnerAndNoInternalErrors() throws Exception {
        String id = paidResident();
        Http.Reply requested = Http.as("clerk").post("/api/v1/refunds",
                "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"reason\":\"DEATH\",\"note\":\"并发审核\"}");
        assertEquals(201, requested.status(), requested.body());
        long refundId = requested.json().getJsonNumber("refundId").longValue();

        List<Integer> reviews = race(8, () -> Http.as("district_admin").post("/api/v1/refunds/" + refundId + "/review",
                "{\"approve\":true,\"note\":\"并发\"}"));
        assertEquals(1, Collections.frequency(reviews, 200), "one review decides: " + reviews);
        assertEquals(7, Collections.frequency(reviews, 409), "the others are told it is decided: " + reviews);

        List<Integer> executions = race(8, () -> Http.as("tax").post("/api/v1/refunds/" + refundId + "/execution", ""));
        assertEquals(1, Collections.frequency(executions, 200), "executed once: " + executions);
        assertEquals(7, Collections.frequency(executions, 409), executions.toString());

        // in 丰都县's town, which no other test counts the villages of
        String code = "500230101" + String.format("%03d", 500 + ThreadLocalRandom.current().nextInt(400));
        List<Integer> creations = race(8, () -> Http.as("fd_admin").put("/api/v1/regions/" + code,
                "{\"name\":\"并发村\",\"level\":\"VILLAGE\",\"parentCode\":\"500230101\"}"));
        assertEquals(1, Collections.frequency(creations, 201), "created once: " + creations);
        assertTrue(creations.stream().allMatch(s -> s == 201 || s == 200 || s == 409), creations.toString());
    }

    /**
     * A signed-in browser's session cookie sent by another site's page: every state-changing operation of the served
     * description is refused (403 CROSS_SITE_REFUSED) before anything is read, and nothing changes.
     */
    @Test
    void everyStateChangeFromAnotherSiteIsRefused() throws Exception {
        JsonObject api = Json.createReader(new StringReader(fetch("GET", root() + "/openapi?format=JSON", null, Map.of(), null).body()))
                .readObject();
        Answer signedIn = fetch("POST", root() + "/canbao/signin", null, Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "j_username=district_admin&j_password=demo123&next=/".getBytes(StandardCharsets.UTF_8));
        String cookie = signedIn.head().lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("set-cookie: jsessionid="))
                .map(l -> l.substring("set-cookie: ".length(), l.indexOf(';'))).findFirst().orElseThrow(() -> new AssertionError(signedIn.head()));
        Map<String, String> before = snapshot();
        int refused = 0;
        List<String> failures = new ArrayList<>();
        for (Operation operation : operations(api)) {
            if (!operation.changesState()) {
                continue;
            }
            String target = target(operation, knownPath(operation), "");
            boolean multipart = operation.bodyType() != null && operation.bodyType().startsWith("multipart/");
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Cookie", cookie);
            headers.put("Origin", "http://evil.example");
            headers.put("Content-Type", multipart ? "multipart/form-data; boundary=x" : "application/json");
            byte[] body = (multipart ? "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na\r\n--x--\r\n" : "{}")
                    .getBytes(StandardCharsets.UTF_8);
            Answer answer = fetch(operation.method(), root() + target, null, headers, body);
            if (answer.status() == 403 && answer.body().contains("CROSS_SITE_REFUSED")) {
                refused++;
            } else {
                failures.add(operation.method() + " " + operation.path() + " → " + answer.status() + " " + clip(answer.body()));
            }
        }
        Map<String, String> after = snapshot();
        System.out.printf(Locale.ROOT, "CROSS-SITE: %d state-changing operations refused with a foreign Origin and the session cookie%n", refused);
        assertTrue(failures.isEmpty(), "not refused:\n" + String.join("\n", failures));
        assertTrue(refused >= 30, "the state-changing operations of the description: " + refused);
        assertEquals(before, after, "nothing changed");
    }

    private static List<Integer> race(int n, java.util.concurrent.Callable<Http.Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Http.Reply> reply : replies) {
                Http.Reply r = reply.get();
                assertTrue(r.status() < 500, r.status() + " " + r.body());
                if (r.status() >= 400) {
                    assertTrue(r.contentType().startsWith("application/problem+json"), r.body());
                }
                statuses.add(r.status());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private String paidResident() {
        String id = IdNumber.withCheckCharacter("5001011992" + String.format("%02d%02d%03d", 1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28), ThreadLocalRandom.current().nextInt(1000))).value();
        Http.Reply person = Http.as("clerk").post("/api/v1/persons", "{\"idNumber\":\"" + id
                + "\",\"name\":\"并发测试\",\"householdRegionCode\":\"" + VILLAGE + "\",\"residentType\":\"RESIDENT\"}");
        if (person.status() == 409) {
            return paidResident();
        }
        assertEquals(201, person.status(), person.body());
        Http.Reply paid = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"IT-BI-" + id + "\",\"idNumber\":\"" + id
                + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":380,\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-01T10:00:00+08:00\"}");
        assertEquals(201, paid.status(), paid.body());
        return id;
    }

    // ---- the corpus ------------------------------------------------------------------------------------------------

    private static List<Operation> operations(JsonObject api) {
        JsonObject schemas = api.getJsonObject("components").getJsonObject("schemas");
        List<Operation> operations = new ArrayList<>();
        for (var path : api.getJsonObject("paths").entrySet()) {
            for (var op : path.getValue().asJsonObject().entrySet()) {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                JsonObject o = op.getValue().asJsonObject();
                List<String> pathParams = new ArrayList<>();
                List<String> queryParams = new ArrayList<>();
                for (JsonValue p : o.getJsonArray("parameters") == null ? List.<JsonValue>of() : o.getJsonArray("parameters")) {
                    (p.asJsonObject().getString("in").equals("path") ? pathParams : queryParams).add(p.asJsonObject().getString("name"));
                }
                String bodyType = null;
                JsonObject bodySchema = null;
                if (o.containsKey("requestBody")) {
                    JsonObject content = o.getJsonObject("requestBody").getJsonObject("content");
                    bodyType = content.containsKey("application/json") ? "application/json" : content.keySet().iterator().next();
                    JsonObject schema = content.getJsonObject(bodyType).getJsonObject("schema");
                    if (schema != null && schema.containsKey("$ref")) {
                        String ref = schema.getString("$ref");
                        schema = schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
                    }
                    bodySchema = schema;
                }
                operations.add(new Operation(method, path.getKey(), pathParams, queryParams, bodyType, bodySchema));
            }
        }
        return operations;
    }

    /** The first user the operation does not refuse for its role (tried with a broken body, which changes nothing). */
    private String userFor(Operation operation) {
        if (takesNoInput(operation)) {
            return "operator";
        }
        for (String user : USERS) {
            Probe probe = new Probe("", "role", operation.method(), target(operation, garbagePath(operation), ""), user,
                    Map.of("Content-Type", "application/json"), "{".getBytes(StandardCharsets.UTF_8));
            if (send(probe).status() != 403) {
                return user;
            }
        }
        return USERS.get(0);
    }

    /** Path parameters that name something in the demo district (so that the body is what is wrong). */
    private static Map<String, String> knownPath(Operation operation) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String p : operation.pathParams()) {
            values.put(p, switch (p) {
                case "username" -> "clerk2";
                case "policyId" -> POLICY;
                case "code", "villageCode" -> VILLAGE;
                case "idNumber" -> "110105194912310029";
                case "jobName" -> "no-such-job"; // a known job would start on a body it reads as {}
                case "transactionId" -> "NO-SUCH-TRANSACTION";
                default -> "999999999";
            });
        }
        return values;
    }

    private static Map<String, String> garbagePath(Operation operation) {
        Map<String, String> values = new LinkedHashMap<>();
        operation.pathParams().forEach(p -> values.put(p, "x".repeat(300)));
        return values;
    }

    private static String target(Operation operation, Map<String, String> pathValues, String query) {
        String path = operation.path();
        for (var e : pathValues.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        return path + (query.isEmpty() ? "" : "?" + query);
    }

    private static final List<String> BAD_SEGMENTS = List.of("x".repeat(300), "%zz", "%E4%B8", "..%2F..%2Fetc", "-1",
            "99999999999999999999", "%00", "%20", "%27%20or%20%271%27%3D%271", "%3Cscript%3E", "%E2%80%AE", "1.5");
    private static final List<String> BAD_QUERY_VALUES = List.of("abc", "-1", "99999999999", "x".repeat(3000), "%zz", "%E4%B8",
            "2024-13-45", "-999999999-01-01", "%00", "1e9", "");

    /** A state change that takes no input at all (the scheduler's check): only requests refused before it runs. */
    private static boolean takesNoInput(Operation operation) {
        return operation.changesState() && operation.bodyType() == null && operation.pathParams().isEmpty();
    }

    private List<Probe> probes(Operation operation, String user) {
        String name = operation.method() + " " + operation.path();
        List<Probe> probes = new ArrayList<>();
        if (takesNoInput(operation)) {
            probes.add(new Probe(name, "basic !!!", operation.method(), operation.path(), null, Map.of("Authorization", "Basic !!!"), null));
            probes.add(new Probe(name, "no credentials", operation.method(), operation.path(), null, Map.of(), null));
            probes.add(new Probe(name, "method TRACE", "TRACE", operation.path(), user, Map.of(), null));
            probes.add(new Probe(name, "bad query", operation.method(), operation.path() + "?x=%zz", user, Map.of(), null));
            return probes;
        }
        Map<String, String> json = Map.of("Content-Type", "application/json");
        boolean hasBody = operation.bodyType() != null;
        byte[] minimal = "{}".getBytes(StandardCharsets.UTF_8);
        // path parameters: something that is not there, or not a value at all; a body that would be valid elsewhere
        for (String param : operation.pathParams()) {
            for (String bad : BAD_SEGMENTS) {
                Map<String, String> values = knownPath(operation);
                values.put(param, bad);
                probes.add(new Probe(name, "path " + param + "=" + clip(bad), operation.method(), target(operation, values, ""), user,
                        hasBody ? json : Map.of(), hasBody ? minimal : null));
            }
        }
        String known = target(operation, knownPath(operation), "");
        boolean safeWithKnownPath = hasBody || operation.method().equals("GET");
        // query parameters
        if (safeWithKnownPath) {
            for (String param : operation.queryParams()) {
                for (String bad : BAD_QUERY_VALUES) {
                    probes.add(new Probe(name, "query " + param + "=" + clip(bad), operation.method(),
                            known + "?" + param + "=" + bad, user, hasBody ? json : Map.of(), hasBody ? "{".getBytes(StandardCharsets.UTF_8) : null));
                }
            }
        }
        String unknownTarget = operation.pathParams().isEmpty() ? known : target(operation, garbagePath(operation), "");
        String safeTarget = safeWithKnownPath ? known : unknownTarget;
        // headers
        probes.add(new Probe(name, "basic !!!", operation.method(), safeTarget, null, Map.of("Authorization", "Basic !!!"), null));
        probes.add(new Probe(name, "basic no colon", operation.method(), safeTarget, null,
                Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("clerk".getBytes(StandardCharsets.UTF_8))), null));
        probes.add(new Probe(name, "bearer", operation.method(), safeTarget, null, Map.of("Authorization", "Bearer abc.def.ghi"), null));
        probes.add(new Probe(name, "no credentials", operation.method(), safeTarget, null, Map.of(), null));
        probes.add(new Probe(name, "accept xml", operation.method(), unknownTarget, user, Map.of("Accept", "application/xml"),
                operation.changesState() ? "{".getBytes(StandardCharsets.UTF_8) : null));
        // methods the API does not have here
        for (String method : List.of("TRACE", "PROPFIND", "CONNECTX")) {
            probes.add(new Probe(name, "method " + method, method, safeTarget, user, Map.of(), null));
        }
        if (!hasBody) {
            return probes;
        }
        // bodies: not JSON, not one value, too deep, in the wrong type or framing
        String deep = "[".repeat(3000) + "]".repeat(3000);
        for (String bad : List.of("", "{", "[]", "null", "\"text\"", "42", "{} trailing", "{}{}", deep, "{\"a\":" + deep + "}",
                "{\"a\":1,\"a\":2", "\u0000", "{'single':'quotes'}")) {
            probes.add(new Probe(name, "body " + clip(bad), operation.method(), known, user, json, bad.getBytes(StandardCharsets.UTF_8)));
        }
        probes.add(new Probe(name, "gbk bytes", operation.method(), known, user, json, new byte[]{'{', '"', 'n', '"', ':', '"', (byte) 0xd5, (byte) 0xc5, '"', '}'}));
        probes.add(new Probe(name, "text/plain", operation.method(), known, user, Map.of("Content-Type", "text/plain"), "{}".getBytes(StandardCharsets.UTF_8)));
        probes.add(new Probe(name, "multipart without boundary", operation.method(), known, user,
                Map.of("Content-Type", "multipart/form-data"), "--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--x--\r\n".getBytes(StandardCharsets.UTF_8)));
        probes.add(new Probe(name, "multipart broken", operation.method(), known, user,
                Map.of("Content-Type", "multipart/form-data; boundary=zzz"), "--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc".getBytes(StandardCharsets.UTF_8)));
        probes.add(new Probe(name, "charset unknown", operation.method(), known, user,
                Map.of("Content-Type", "application/json; charset=klingon"), "{\"x\":".getBytes(StandardCharsets.UTF_8)));
        // each field, alone in an object, with values it must refuse
        JsonObject properties = operation.bodySchema() == null || !operation.bodySchema().containsKey("properties") ? null
                : operation.bodySchema().getJsonObject("properties");
        if (properties != null && operation.bodyType().equals("application/json")) {
            for (var property : properties.entrySet()) {
                JsonObject schema = property.getValue().asJsonObject();
                for (String value : badValues(schema)) {
                    String body = "{\"" + property.getKey() + "\":" + value + "}";
                    probes.add(new Probe(name, "field " + property.getKey() + "=" + clip(value), operation.method(), known, user, json,
                            body.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return probes;
    }

    /** JSON values a field of this schema must refuse. */
    private static List<String> badValues(JsonObject schema) {
        String type = schema.getString("type", "object");
        String format = schema.getString("format", "");
        String longText = "\"" + "长".repeat(5000) + "\"";
        return switch (type) {
            case "string" -> format.startsWith("date")
                    ? List.of("\"-999999999-01-01" + (format.equals("date-time") ? "T00:00:00+08:00" : "") + "\"", "\"2024-13-45\"",
                    "\"99999-01-01\"", "20240101", "true", longText)
                    : List.of(longText, "\"a\\u0000b\"", "\"a\\u202eb\"", "\"a\\u0007b\"", "12345", "true", "{}", "[\"a\"]");
            case "integer" -> List.of("4294967298", "1.9", "\"1\"", "true", "-99999999999999999999", "1e400", "[]");
            case "number" -> List.of("1e400", "\"12.5\"", "true", "123456789012345678901234567890.123", "-1e-400", "{}");
            case "boolean" -> List.of("\"yes\"", "\"true\"", "1", "null1", "{}");
            case "array" -> List.of("\"notanarray\"", "[" + "\"x\",".repeat(20000) + "\"x\"]", "[[[[[[[[[[[]]]]]]]]]]]", "{}", "[" + longText + "]");
            default -> List.of("\"text\"", "[]", "12");
        };
    }

    private static void check(Probe probe, Answer answer, List<String> failures, Map<Integer, Integer> statuses) {
        statuses.merge(answer.status(), 1, Integer::sum);
        String where = probe.operation() + " [" + probe.label() + "] → " + answer.status() + " " + clip(answer.body());
        if (answer.status() >= 500 || answer.status() < 100) {
            failures.add("server error: " + where);
        } else if (answer.status() < 400 && !probe.method().equals("GET")) {
            failures.add("accepted: " + where);
        } else if (answer.status() >= 400) {
            if (!answer.contentType().startsWith("application/problem+json")) {
                failures.add("not problem+json (" + answer.contentType() + "): " + where);
            } else {
                try {
                    JsonObject problem = Json.createReader(new StringReader(answer.body())).readObject();
                    if (problem.getInt("status") != answer.status()) {
                        failures.add("status differs in the body: " + where);
                    }
                } catch (RuntimeException e) {
                    failures.add("problem not JSON: " + where);
                }
            }
        }
        if (CLASS_NAME.matcher(answer.body()).find()) {
            failures.add("names a class: " + where);
        }
        if (answer.status() >= 400 && answer.body().length() > MAX_PROBLEM) {
            failures.add("a problem of " + answer.body().length() + " characters (echoes too much): " + where);
        }
        if (answer.body().length() > MAX_ANSWER) {
            failures.add("answer of " + answer.body().length() + " characters: " + where);
        }
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "…(" + oneLine.length() + ")" : oneLine;
    }

    // ---- HTTP over a plain socket: malformed URLs and methods a client library would not send ------------------------

    private static String root() {
        return Http.BASE.substring(0, Http.BASE.indexOf("/canbao"));
    }

    private static Answer send(Probe probe) {
        Map<String, String> headers = new LinkedHashMap<>(probe.headers());
        if (probe.user() != null && !headers.containsKey("Authorization")) {
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((probe.user() + ":demo123").getBytes(StandardCharsets.UTF_8)));
        }
        return fetch(probe.method(), root() + probe.target(), null, headers, probe.body());
    }

    static Answer fetch(String method, String url, String ignored, Map<String, String> headers, byte[] body) {
        URI base = URI.create(root());
        String target = url.substring(root().length());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return new Answer(0, "", text, "");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] payload = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if (chunked) {
            payload = unchunk(payload);
        }
        return new Answer(status, contentType, new String(payload, StandardCharsets.UTF_8), text.substring(0, end));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int lineEnd = i;
            while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String size = new String(chunked, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (n == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(n, chunked.length - lineEnd - 2));
            i = lineEnd + 2 + n + 2;
        }
        return out.toByteArray();
    }

    // ---- the database before and after ------------------------------------------------------------------------------

    /** Every table: its row count and an order-free digest of its rows. */
    private Map<String, String> snapshot() throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && !List.of("information_schema", "pg_catalog", "pg_toast").contains(schema.toLowerCase(Locale.ROOT))) {
                        names.add("\"" + schema + "\".\"" + rs.getString("TABLE_NAME") + "\"");
                    }
                }
            }
            for (String table : names) {
                long count = 0;
                long digest = 0;
                try (ResultSet rs = c.createStatement().executeQuery("select * from " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(rs.getString(i)).append('\u0001');
                        }
                        digest += rowHash(row.toString());
                        count++;
                    }
                }
                tables.put(table.replace("\"", "").toLowerCase(Locale.ROOT), count + " rows #" + Long.toHexString(digest));
            }
        }
        return tables;
    }

    private static long rowHash(String row) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(row.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
