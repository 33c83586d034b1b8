package cn.canbao.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single payment ({@code POST /payments}, the tax side confirming WECHAT payments) under {@code wrk} — a C load
 * generator that leaves the two cores to the server — against two baselines in the same run (issue "Money from the
 * tax channels", targets: ≥ 0.5× the read, p95 ≤ 100 ms at 16 connections):
 * <ul>
 *   <li>the authenticated read of one payment ({@code GET /payments/{transactionId}}: the payment row, its payer for
 *       the area check), same account, same connections, same duration;</li>
 *   <li>the raw-JDBC writer of {@link PaymentLoad} (enrollment, payment, two audit lines, one transaction per
 *       payment), same number of workers, printed beside them.</li>
 * </ul>
 * Persons are inserted first (not measured): a warm-up share, whose payments the read then reads, the measured
 * share (one payment each, never a replay: the run fails if wrk got through them all) and the JDBC share. wrk's
 * Lua script gives each of its threads its own slice of ID numbers and prints p50/p95/p99 itself.
 *
 * <pre>java -cp bench/target/benchmarks.jar cn.canbao.bench.WrkPaymentBench baseUrl jdbcUrl user password
 *     [--persons 80000] [--connections 16] [--threads 2] [--seconds 30] [--user tax:demo123]</pre>
 */
public final class WrkPaymentBench {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern LAT = Pattern.compile("LATENCY p50=([0-9.]+) p95=([0-9.]+) p99=([0-9.]+) requests=([0-9]+)"
            + " non201=([0-9]+)");

    private WrkPaymentBench() {
    }

    record Wrk(String name, double perSecond, double p50, double p95, double p99, long requests, long unexpected) {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        PaymentLoad.requireLoopback(base.getHost());
        String jdbcUrl = args[1];
        PaymentLoad.requireLoopback(URI.create(jdbcUrl.substring("jdbc:".length())).getHost());
        int persons = PaymentLoad.option(args, "--persons", 80_000);
        int connections = PaymentLoad.option(args, "--connections", 16);
        int threads = PaymentLoad.option(args, "--threads", 2);
        int seconds = PaymentLoad.option(args, "--seconds", 30);
        String user = PaymentLoad.textOption(args, "--user", "tax:demo123");
        long tag = System.currentTimeMillis() % 100_000;
        String auth = "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));

        int warm = persons / 5;
        List<String> warmIds;
        List<String> httpIds;
        List<Long> jdbcIds = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, args[2], args[3])) {
            System.out.printf(Locale.ROOT, "preparing %d persons (run tag %d)...%n", warm + 2 * persons, tag);
            warmIds = PaymentLoad.insertPersons(c, tag, 0, warm, null);
            httpIds = PaymentLoad.insertPersons(c, tag, warm, persons, null);
            PaymentLoad.insertPersons(c, tag, warm + persons, persons, jdbcIds);
        }
        Path dir = Files.createTempDirectory("canbao-wrk");
        Path warmFile = Files.write(dir.resolve("warm.txt"), warmIds);
        Path httpFile = Files.write(dir.resolve("http.txt"), httpIds);
        Path post = Files.writeString(dir.resolve("post.lua"), script(base.getPath() + "api/v1/payments", auth, "POST", tag, 201));
        Path get = Files.writeString(dir.resolve("get.lua"), script(base.getPath() + "api/v1/payments/", auth, "GET", tag, 200));

        // warm-up: payments for the warm share (read afterwards), not counted
        wrk("warm-up POST /payments", post, warmFile, base, threads, connections, Math.max(10, seconds / 3));
        // the read cycles through the persons the warm-up paid for (wrk stops mid-list)
        long warmed;
        try (Connection c = DriverManager.getConnection(jdbcUrl, args[2], args[3]); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select substr(transaction_id, " + (("WRK-" + tag + "-").length() + 1)
                     + ") from canbao.payment where transaction_id like 'WRK-" + tag + "-%'")) {
            List<String> paid = new ArrayList<>();
            while (r.next()) {
                paid.add(r.getString(1));
            }
            warmed = paid.size();
            Files.write(warmFile, paid);
        }
        Wrk read = wrk("GET /payments/{tx} (one-row read)", get, warmFile, base, threads, connections, seconds);
        Wrk pay = wrk("POST /payments", post, httpFile, base, threads, connections, seconds);
        long created;
        try (Connection c = DriverManager.getConnection(jdbcUrl, args[2], args[3]); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from canbao.payment where transaction_id like 'WRK-" + tag + "-%'")) {
            r.next();
            created = r.getLong(1);
        }
        PaymentLoad.Result jdbc = PaymentLoad.runJdbc(jdbcUrl, args[2], args[3], jdbcIds, connections, seconds, tag);

        System.out.println();
        for (Wrk w : List.of(read, pay)) {
            System.out.printf(Locale.ROOT, "%-36s %9.1f requests/s  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  (%d requests, %d unexpected status)%n",
                    w.name(), w.perSecond(), w.p50(), w.p95(), w.p99(), w.requests(), w.unexpected());
        }
        System.out.printf(Locale.ROOT, "%-36s %9.1f payments/s  p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  (%d done, %d failed)%n",
                "raw JDBC, same rows, " + connections + " workers", jdbc.perSecond(), jdbc.p(50), jdbc.p(95), jdbc.p(99), jdbc.done(), jdbc.failed());
        System.out.printf(Locale.ROOT, "payments recorded by the measured POST phase: %d (after %d in the warm-up)%n",
                created - warmed, warmed);
        System.out.printf(Locale.ROOT, "ratio POST /payments / one-row read = %.2f (target >= 0.50); p95 %.1f ms (target <= 100 at %d connections);"
                        + " POST / raw JDBC = %.2f%n", pay.perSecond() / read.perSecond(), pay.p95(), connections,
                pay.perSecond() / jdbc.perSecond());
        if (pay.unexpected() > 0 || read.unexpected() > 0) {
            System.out.println("UNEXPECTED STATUSES: see the wrk output above");
            System.exit(1);
        }
    }

    /**
     * The wrk script: thread k of n takes the k-th, (k+n)-th, … ID numbers of the file (every request a new person, no
     * replay while the file lasts); POST pays 380.00 for tier 1, GET reads the payment the warm-up made for that
     * person. {@code done} prints the percentiles and the number of answers other than {@code expected}.
     */
    private static String script(String path, String auth, String method, long tag, int expected) {
        return """
                local ids = {}
                local counter = 0
                local threads = {}
                function setup(thread)
                  thread:set("index", counter)
                  counter = counter + 1
                  table.insert(threads, thread)
                end
                function init(args)
                  for line in io.lines(args[1]) do ids[#ids + 1] = line end
                  step = tonumber(args[2])
                  i = index + 1
                  wrapped = 0
                  unexpected = 0
                  wrk.headers["Authorization"] = "%2$s"
                  wrk.headers["Content-Type"] = "application/json"
                end
                function request()
                  local id = ids[i]
                  i = i + step
                  if i > #ids then i = index + 1; wrapped = wrapped + 1 end
                  if "%3$s" == "POST" then
                    return wrk.format("POST", "%1$s", nil, '{"transactionId":"WRK-%4$d-' .. id .. '","idNumber":"' .. id
                      .. '","policyId":"500101-2024","tier":1,"amount":380.00,"channel":"WECHAT","paidAt":"2023-11-20T10:00:00+08:00"}')
                  end
                  return wrk.format("GET", "%1$s" .. "WRK-%4$d-" .. id)
                end
                function response(status, headers, body)
                  if status ~= %5$d then unexpected = unexpected + 1 end
                end
                function done(summary, latency, requests)
                  local total = 0
                  for _, t in ipairs(threads) do total = total + t:get("unexpected") + 0 end
                  io.write(string.format("LATENCY p50=%%.3f p95=%%.3f p99=%%.3f requests=%%d non201=%%d\\n",
                    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
                    summary.requests, total))
                end
                """.formatted(path, auth, method, tag, expected);
    }

    private static Wrk wrk(String name, Path script, Path ids, URI base, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), base.toString(), "--", ids.toString(), String.valueOf(threads));
        System.out.println("== " + name + ": " + String.join(" ", command));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        System.out.print(out);
        Matcher rps = RPS.matcher(out);
        Matcher lat = LAT.matcher(out);
        if (!rps.find() || !lat.find()) {
            throw new IllegalStateException("wrk printed no figures for " + name);
        }
        return new Wrk(name, Double.parseDouble(rps.group(1)), Double.parseDouble(lat.group(1)), Double.parseDouble(lat.group(2)),
                Double.parseDouble(lat.group(3)), Long.parseLong(lat.group(4)), Long.parseLong(lat.group(5)));
    }
}
