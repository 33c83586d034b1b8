package cn.canbao.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * How long the supervision screens take for a big district (issue "PrimeFaces screens": the supervision page of a
 * district of 1,000,000 enrollments renders within 1 s), next to the home page — the same template, menu and
 * session, no business query — as the baseline measured the same way in the same run.
 *
 * <p>Two measurements per page, one request at a time (a render time, not a throughput):
 * <ol>
 *   <li><b>server</b>: {@code GET} of the page's HTML over HTTP (signed in with HTTP Basic, one session), from
 *   sending the request to the last byte — what the server spends rendering the view, queries included;</li>
 *   <li><b>browser</b>: headless Debian Chromium ({@code /usr/bin/chromium} through {@code /usr/bin/chromedriver},
 *   spoken to over the W3C WebDriver protocol directly, so nothing is downloaded), signed in through the login form,
 *   opening the page: the Navigation Timing entry's {@code domContentLoadedEventEnd} and {@code loadEventEnd}
 *   (from the start of the navigation, scripts and the chart included) — what a user waits for.</li>
 * </ol>
 * Only loopback addresses are accepted.
 *
 * <pre>java -cp bench/target/benchmarks.jar cn.canbao.bench.PageRender [baseUrl] [--user supervisor:demo123]
 *     [--policy 500101-2024] [--district 500101] [--town 500101101] [--village 500101101001] [--repeat 20]
 *     [--no-browser]</pre>
 */
public final class PageRender {

    record Page(String name, String path) {
    }

    private final URI base;
    private final String user;
    private final String password;
    private final HttpClient client;

    PageRender(URI base, String user, String password) {
        this.base = base;
        this.user = user;
        this.password = password;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = "http://localhost:8080/canbao";
        String credentials = "supervisor:demo123";
        String policy = "500101-2024";
        String district = "500101";
        String town = "500101101";
        String village = "500101101001";
        int repeat = 20;
        boolean browser = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--user" -> credentials = args[++i];
                case "--policy" -> policy = args[++i];
                case "--district" -> district = args[++i];
                case "--town" -> town = args[++i];
                case "--village" -> village = args[++i];
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--no-browser" -> browser = false;
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    baseUrl = args[i];
                }
            }
        }
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        requireLoopback(base);
        String[] userPassword = credentials.split(":", 2);
        List<Page> pages = List.of(
                new Page("home page (baseline)", "/index.xhtml"),
                new Page("progress, district " + district, "/supervision/progress.xhtml?policy=" + policy + "&region=" + district),
                new Page("progress, town " + town, "/supervision/progress.xhtml?policy=" + policy + "&region=" + town),
                new Page("unpaid list, village " + village, "/counter/unpaid.xhtml?policy=" + policy + "&region=" + village));
        PageRender bench = new PageRender(base, userPassword[0], userPassword[1]);
        System.out.printf(Locale.ROOT, "%s as %s, %d times each after 3 unmeasured%n", base, userPassword[0], repeat);
        bench.printScale(policy);
        System.out.println();
        System.out.println("server (HTML over HTTP, ms)              p50      p95      max   ratio p50/baseline");
        double baseline = Double.NaN;
        for (Page page : pages) {
            long[] ms = bench.server(page, repeat);
            double p50 = percentile(ms, 50);
            if (Double.isNaN(baseline)) {
                baseline = p50;
            }
            System.out.printf(Locale.ROOT, "  %-36s %8.1f %8.1f %8.1f   %6.2f%n", page.name(), p50, percentile(ms, 95),
                    percentile(ms, 100), p50 / baseline);
        }
        if (browser) {
            System.out.println();
            System.out.println("browser (Chromium, ms from navigation start)  DOM ready p50   load p50   load p95   ratio load p50/baseline");
            try (Chromium chromium = Chromium.start()) {
                chromium.signIn(base, userPassword[0], userPassword[1]);
                double browserBaseline = Double.NaN;
                for (Page page : pages) {
                    long[][] timings = chromium.timings(base + page.path(), repeat);
                    double load = percentile(timings[1], 50);
                    if (Double.isNaN(browserBaseline)) {
                        browserBaseline = load;
                    }
                    System.out.printf(Locale.ROOT, "  %-36s %13.1f %10.1f %10.1f   %6.2f%n", page.name(),
                            percentile(timings[0], 50), load, percentile(timings[1], 95), load / browserBaseline);
                }
            }
        }
    }

    /** What the district holds, so that the figures say what they were measured on. */
    private void printScale(String policy) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/progress?policyId=" + policy);
        System.out.println("GET /api/v1/progress → " + response.statusCode() + " " + abbreviate(response.body(), 400));
    }

    private long[] server(Page page, int repeat) throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            check(page, get(page.path()));
        }
        long[] ms = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(page.path());
            ms[i] = (System.nanoTime() - start) / 1_000_000;
            check(page, response);
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void check(Page page, HttpResponse<String> response) {
        if (response.statusCode() != 200 || response.body().contains("cb-refusal-head")) {
            throw new IllegalStateException(page.path() + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body(), 300));
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static double percentile(long[] sorted, double p) {
        long[] values = sorted.clone();
        Arrays.sort(values);
        int index = (int) Math.ceil(p / 100.0 * values.length) - 1;
        return values[Math.max(0, Math.min(index, values.length - 1))];
    }

    private static String abbreviate(String s, int max) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    private static void requireLoopback(URI base) throws UnknownHostException {
        for (InetAddress address : InetAddress.getAllByName(base.getHost())) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("only a server on this machine (loopback) is measured: " + base);
            }
        }
    }

    /** Debian's headless Chromium through chromedriver's W3C WebDriver endpoints, a fresh profile, no downloads. */
    static final class Chromium implements AutoCloseable {
        private final Process driver;
        private final URI session;
        private final Path profile;
        private final HttpClient http = HttpClient.newHttpClient();

        private Chromium(Process driver, URI endpoint, Path profile) throws IOException, InterruptedException {
            this.driver = driver;
            this.profile = profile;
            JsonObject capabilities = Json.createObjectBuilder().add("capabilities", Json.createObjectBuilder()
                    .add("alwaysMatch", Json.createObjectBuilder()
                            .add("browserName", "chrome")
                            .add("pageLoadStrategy", "normal")
                            .add("goog:chromeOptions", Json.createObjectBuilder()
                                    .add("binary", "/usr/bin/chromium")
                                    .add("args", Json.createArrayBuilder().add("--headless=new").add("--no-sandbox")
                                            .add("--disable-gpu").add("--disable-background-networking")
                                            .add("--disable-dev-shm-usage").add("--disable-component-update")
                                            .add("--disable-sync").add("--no-first-run").add("--window-size=1440,1000")
                                            .add("--lang=zh-CN").add("--user-data-dir=" + profile))))).build();
            JsonObject created = call("POST", endpoint.resolve("/session"), capabilities.toString());
            this.session = endpoint.resolve("/session/" + created.getJsonObject("value").getString("sessionId") + "/");
        }

        static Chromium start() throws IOException, InterruptedException {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path profile = Files.createTempDirectory("canbao-bench-chromium-");
            Process driver = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            HttpClient probe = HttpClient.newHttpClient();
            for (int i = 0; i < 100; i++) {
                try {
                    probe.send(HttpRequest.newBuilder(endpoint.resolve("/status")).build(), HttpResponse.BodyHandlers.discarding());
                    return new Chromium(driver, endpoint, profile);
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            driver.destroy();
            throw new IllegalStateException("chromedriver did not start (apt-get install -y chromium chromium-driver)");
        }

        void signIn(URI base, String user, String password) throws IOException, InterruptedException {
            navigate(base + "/login.xhtml");
            script("document.getElementById('j_username').value = arguments[0];"
                    + "document.getElementById('j_password').value = arguments[1];"
                    + "document.getElementById('login').submit();", user, password);
            for (int i = 0; i < 100; i++) {
                JsonValue url = script("return document.readyState === 'complete' ? location.pathname : null;");
                if (url.getValueType() == JsonValue.ValueType.STRING && !url.toString().contains("login")) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("sign-in as " + user + " did not leave the login page");
        }

        /** [0] domContentLoadedEventEnd, [1] loadEventEnd of each of {@code repeat} navigations, after 3 unmeasured. */
        long[][] timings(String url, int repeat) throws IOException, InterruptedException {
            long[][] result = new long[2][repeat];
            for (int i = -3; i < repeat; i++) {
                navigate(url);
                JsonObject t = null;
                for (int wait = 0; wait < 200 && t == null; wait++) {
                    JsonValue v = script("const n = performance.getEntriesByType('navigation')[0];"
                            + "return n && n.loadEventEnd > 0 && !document.querySelector('.cb-refusal-head')"
                            + " ? {dom: n.domContentLoadedEventEnd, load: n.loadEventEnd} : null;");
                    if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                        t = v.asJsonObject();
                    } else {
                        Thread.sleep(20);
                    }
                }
                if (t == null) {
                    throw new IllegalStateException(url + " did not finish loading (or showed a refusal)");
                }
                if (i >= 0) {
                    result[0][i] = Math.round(t.getJsonNumber("dom").doubleValue());
                    result[1][i] = Math.round(t.getJsonNumber("load").doubleValue());
                }
            }
            return result;
        }

        private void navigate(String url) throws IOException, InterruptedException {
            call("POST", session.resolve("url"), Json.createObjectBuilder().add("url", url).build().toString());
        }

        private JsonValue script(String script, String... args) throws IOException, InterruptedException {
            var array = Json.createArrayBuilder();
            for (String arg : args) {
                array.add(arg);
            }
            return call("POST", session.resolve("execute/sync"), Json.createObjectBuilder()
                    .add("script", script).add("args", array).build().toString()).get("value");
        }

        private JsonObject call(String method, URI uri, String body) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("chromedriver " + method + " " + uri + " → " + response.statusCode()
                        + " " + abbreviate(response.body(), 300));
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject();
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                call("DELETE", URI.create(session.toString().replaceAll("/$", "")), null);
            } catch (RuntimeException | IOException ignored) {
                // the driver goes anyway
            }
            driver.destroy();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
