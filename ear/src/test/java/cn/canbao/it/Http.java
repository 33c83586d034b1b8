package cn.canbao.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the API tests: Basic auth, JSON bodies, the response as status + headers + text. */
final class Http {

    /**
     * From the test JVM: the failsafe property. Inside the server (in-container tests) that property is unset, so the
     * server's own port offset decides (runs beside another server use -Djboss.socket.binding.port-offset).
     */
    static final String BASE = System.getProperty("canbao.base-url",
            "http://localhost:" + (8080 + Integer.getInteger("jboss.socket.binding.port-offset", 0)) + "/canbao");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** {@code contentType} is the media type without parameters such as charset. */
    record Reply(int status, String contentType, HttpResponse<String> raw) {
        String body() {
            return raw.body();
        }

        JsonObject json() {
            return (JsonObject) parse();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        JsonArray array() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try (var reader = Json.createReader(new StringReader(raw.body()))) {
                return reader.read();
            }
        }
    }

    private final String authorization;

    private Http(String user, String password) {
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Http anonymous() {
        return new Http(null, null);
    }

    static Http as(String user) {
        return new Http(user, "demo123");
    }

    static Http as(String user, String password) {
        return new Http(user, password);
    }

    Reply get(String path) {
        return send(builder(path).GET());
    }

    /** GET of a binary answer (a workbook, a PDF): its bytes, or an assertion error naming the status. */
    byte[] getBytes(String path) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " → " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET of a full URL (e.g. the server's /openapi, outside the application). */
    Reply getAbsolute(String url) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return send(builder);
    }

    Reply post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    Reply put(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    Reply delete(String path) {
        return send(builder(path).DELETE());
    }

    Reply patch(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** A form POST (application/x-www-form-urlencoded), e.g. the login form's; redirects are not followed. */
    Reply postForm(String path, java.util.Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
        return send(builder(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** A multipart/form-data POST: text fields and one {@code file}. */
    Reply upload(String path, java.util.Map<String, String> fields, String fileName, String type, byte[] file) {
        String boundary = "----canbao" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String mediaType = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
            return new Reply(response.statusCode(), mediaType, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
