package cn.canbao.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * HTTP throughput of {@code POST /api/v1/policies/{policyId}/quotes} (HTTP Basic clerk:demo123, the bodies of
 * {@link QuoteMix}) against the baseline {@code GET /api/v1/health} (public, one database round trip), measured
 * the same way in the same run: N concurrent workers, a bounded number of requests and a bounded time per phase.
 * Only loopback addresses are accepted; it stops by itself.
 *
 * <pre>java -cp bench/target/benchmarks.jar cn.canbao.bench.HttpQuoteLoad [baseUrl] [--workers 8]
 *     [--requests 4000] [--seconds 20] [--warmup 1000]</pre>
 * baseUrl defaults to http://localhost:8080/canbao.
 */
public final class HttpQuoteLoad {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One measured phase: latencies of the completed requests (ns), wall time, answers by kind. */
    record Phase(String name, long[] latencies, long elapsedNanos, int ok, int refused, int errors, String firstError) {

        double perSecond() {
            return latencies.length * 1e9 / elapsedNanos;
        }

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(index, latencies.length - 1))] / 1e6;
        }
    }

    private final HttpClient client;
    private final URI base;
    private final String authorization;
    private final int workers;

    HttpQuoteLoad(URI base, String user, int workers) {
        this.base = base;
        this.workers = workers;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static void main(String[] args) throws InterruptedException {
        String baseUrl = "http://localhost:8080/canbao";
        int workers = 8;
        int requests = 4000;
        int seconds = 20;
        int warmup = 1000;
        String user = "clerk:demo123";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--user" -> user = args[++i];
                default -> {
                    if (args[i].startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                    baseUrl = args[i];
                }
            }
        }
        if (workers < 1 || workers > 64 || requests < 1 || requests > 200_000 || seconds < 1 || seconds > 300
                || warmup < 0 || warmup > 50_000) {
            throw new IllegalArgumentException("workers 1..64, requests 1..200000, seconds 1..300, warmup 0..50000");
        }
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        if (!"http".equals(base.getScheme()) || !loopback(base.getHost())) {
            System.err.println("refused: " + baseUrl + " is not an http URL on a loopback address");
            System.exit(2);
        }
        HttpQuoteLoad load = new HttpQuoteLoad(base, user, workers);
        if (!load.answers()) {
            System.err.println("no Canbao server answers at " + base.resolve("api/v1/health"));
            System.exit(3);
        }
        load.run(requests, seconds, warmup);
    }

    /** localhost or a loopback address literal; other names are refused without being looked up. */
    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private boolean answers() {
        try {
            HttpResponse<Void> response = client.send(health(0), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        } finally {
            Thread.interrupted(); // clear any interrupt of a failed probe
        }
    }

    private void run(int requests, int seconds, int warmup) throws InterruptedException {
        QuoteMix mix = QuoteMix.generate();
        List<QuoteMix.Case> cases = mix.cases();
        System.out.println(mix.describe());
        System.out.printf(Locale.ROOT, "%s: %d workers, at most %d requests and %d s per phase, %d warm-up requests%n",
                base, workers, requests, seconds, warmup);
        IntFunction<HttpRequest> quote = i -> quote(cases.get(i % cases.size()));

        int mismatches = checkAnswers(cases, Math.min(cases.size(), Math.max(warmup, 1)));
        measure("warm-up health", this::health, warmup, seconds);
        measure("warm-up quotes", quote, warmup, seconds);

        Phase health = measure("health", this::health, requests, seconds);
        Phase quotes = measure("quotes", quote, requests, seconds);
        System.out.println();
        System.out.println("== HTTP, " + workers + " concurrent workers");
        System.out.println("  quote answers checked against the in-process engine: " + mismatches + " mismatched");
        print(health);
        print(quotes);
        System.out.printf(Locale.ROOT, "  quotes/health throughput ratio: %.2f (health is %.2f× as many requests/s)%n",
                quotes.perSecond() / health.perSecond(), health.perSecond() / quotes.perSecond());
        System.out.printf(Locale.ROOT, "  quotes/health p50 latency ratio: %.2f%n",
                quotes.percentileMillis(50) / health.percentileMillis(50));
    }

    private static void print(Phase p) {
        System.out.printf(Locale.ROOT,
                "  %-7s %6d requests in %5.1f s = %8.1f req/s; p50 %6.2f ms, p95 %6.2f ms, p99 %6.2f ms; "
                        + "2xx %d, 422 %d, errors %d%s%n",
                p.name(), p.latencies().length, p.elapsedNanos() / 1e9, p.perSecond(), p.percentileMillis(50),
                p.percentileMillis(95), p.percentileMillis(99), p.ok(), p.refused(), p.errors(),
                p.firstError() == null ? "" : " (first: " + p.firstError() + ")");
    }

    /** Sends the first {@code count} quotes once and compares personalAmount with the engine's answer. */
    private int checkAnswers(List<QuoteMix.Case> cases, int count) {
        int mismatches = 0;
        for (int i = 0; i < count; i++) {
            QuoteMix.Case c = cases.get(i);
            try {
                HttpResponse<String> response = client.send(quote(c), HttpResponse.BodyHandlers.ofString());
                BigDecimal expected = c.expected().personalAmount();
                BigDecimal actual = null;
                if (response.statusCode() == 200) {
                    try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                        JsonObject body = reader.readObject();
                        actual = body.getJsonNumber("personalAmount").bigDecimalValue();
                    }
                }
                if (actual == null || actual.compareTo(expected) != 0) {
                    if (mismatches++ == 0) {
                        System.out.println("  first mismatch: " + c.policy().policyId() + " " + c.body() + " → "
                                + response.statusCode() + " " + response.body());
                    }
                }
            } catch (Exception e) {
                if (mismatches++ == 0) {
                    System.out.println("  first mismatch: " + c.body() + " → " + e);
                }
            }
        }
        return mismatches;
    }

    private Phase measure(String name, IntFunction<HttpRequest> requestFor, int count, int seconds)
            throws InterruptedException {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        String[] firstError = new String[1];
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count && System.nanoTime() < deadline) {
                    HttpRequest request = requestFor.apply(i);
                    long t0 = System.nanoTime();
                    String error = null;
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        int status = response.statusCode();
                        if (status / 100 == 2) {
                            ok.incrementAndGet();
                        } else if (status == 422) {
                            refused.incrementAndGet();
                        } else {
                            error = "HTTP " + status;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        error = e.toString();
                    }
                    latencies[i] = System.nanoTime() - t0;
                    if (error != null) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = error;
                            }
                        }
                    }
                }
            }, "load-" + name + "-" + w);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(seconds).plus(TIMEOUT).plusSeconds(5).toMillis());
        }
        long elapsed = System.nanoTime() - start;
        // indexes taken after the deadline were never sent: keep only the slots of completed requests
        int taken = Math.min(next.get(), count);
        long[] done = Arrays.stream(latencies, 0, taken).filter(l -> l > 0).sorted().toArray();
        return new Phase(name, done, elapsed, ok.get(), refused.get(), errors.get(), firstError[0]);
    }

    private HttpRequest health(int ignored) {
        return HttpRequest.newBuilder(base.resolve("api/v1/health"))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    private HttpRequest quote(QuoteMix.Case c) {
        return HttpRequest.newBuilder(base.resolve("api/v1/policies/" + c.policy().policyId() + "/quotes"))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8))
                .build();
    }
}
