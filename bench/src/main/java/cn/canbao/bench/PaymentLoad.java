package cn.canbao.bench;

import cn.canbao.platform.entity.IdNumber;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained payments per second over HTTP ({@code POST /api/v1/payments}, the tax side confirming WECHAT payments) against
 * PostgreSQL, next to a raw-JDBC baseline that writes the same rows (enrollment, payment, two audit lines) one
 * payment per transaction with the same number of workers, in the same run on the same database.
 *
 * <pre>java -cp bench/target/benchmarks.jar cn.canbao.bench.PaymentLoad baseUrl jdbcUrl user password
 *     [--persons 20000] [--workers 16] [--seconds 60] [--user tax:demo123]</pre>
 *
 * The persons are inserted up front (not measured) into village 500101101001 (the demo clerk's), half for each phase;
 * ids and ID numbers come from a run tag so runs do not collide. Loopback addresses only; bounded in count and time.
 */
public final class PaymentLoad {

    private static final String VILLAGE = "500101101001";
    private static final String POLICY = "500101-2024";
    private static final String PAID_AT = "2023-11-20T10:00:00+08:00";
    private static final BigDecimal AMOUNT = new BigDecimal("380.00");

    record Result(String name, int done, int failed, long nanos, long[] latencies, String firstError) {
        double perSecond() {
            return done * 1e9 / nanos;
        }

        double p(double percentile) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100 * sorted.length) - 1)] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: PaymentLoad baseUrl jdbcUrl user password [--persons N] [--workers W] [--seconds S]");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        requireLoopback(base.getHost());
        String jdbcUrl = args[1];
        requireLoopback(URI.create(jdbcUrl.substring("jdbc:".length())).getHost());
        int persons = option(args, "--persons", 20_000);
        int workers = option(args, "--workers", 16);
        int seconds = option(args, "--seconds", 60);
        String user = textOption(args, "--user", "tax:demo123");
        long tag = System.currentTimeMillis() % 100_000;

        List<String> httpIds;
        List<Long> jdbcPersonIds = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, args[2], args[3])) {
            System.out.printf(Locale.ROOT, "preparing %d persons in %s (run tag %d)...%n", 2 * persons, VILLAGE, tag);
            httpIds = insertPersons(c, tag, 0, persons, null);
            insertPersons(c, tag, persons, persons, jdbcPersonIds);
        }

        // warm-up: 2% of the HTTP persons, not counted
        int warm = Math.max(50, persons / 50);
        runHttp(base, httpIds.subList(0, warm), workers, seconds, tag, user);
        Result http = runHttp(base, httpIds.subList(warm, httpIds.size()), workers, seconds, tag, user);
        Result jdbc = runJdbc(jdbcUrl, args[2], args[3], jdbcPersonIds, workers, seconds, tag);

        System.out.println();
        for (Result r : List.of(http, jdbc)) {
            System.out.printf(Locale.ROOT, "%-28s %8d done %5d failed %9.1f payments/s  p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms%s%n",
                    r.name(), r.done(), r.failed(), r.perSecond(), r.p(50), r.p(95), r.p(99),
                    r.firstError() == null ? "" : "  first error: " + r.firstError());
        }
        System.out.printf(Locale.ROOT, "ratio HTTP / raw JDBC = %.2f (target >= 0.50); HTTP payments/s %.0f (target >= 1000); %d workers%n",
                http.perSecond() / jdbc.perSecond(), http.perSecond(), workers);
    }

    static List<String> insertPersons(Connection c, long tag, int offset, int count, List<Long> ids) throws SQLException {
        List<String> numbers = new ArrayList<>(count);
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("insert into canbao.person (id, document_type, id_number, name, gender,"
                + " birth_date, household_region_code, resident_type, created_at, residence_permit, employee_insured, insured_elsewhere, version)"
                + " values (?, 'RESIDENT_ID', ?, '压测居民', ?, ?, ?, 'RESIDENT', now(), false, false, false, 0)")) {
            for (int i = 0; i < count; i++) {
                int n = offset + i;
                // birth dates from 1940 on, one day per 1000 persons; the run tag spreads runs over the years
                LocalDate birth = LocalDate.of(1940, 1, 1).plusDays((tag * 7 + n / 1000) % 25_000);
                String first17 = "500101" + birth.toString().replace("-", "") + String.format("%03d", n % 1000);
                String number = IdNumber.withCheckCharacter(first17).value();
                long id = 9_000_000_000_000L + tag * 10_000_000L + n;
                insert.setLong(1, id);
                insert.setString(2, number);
                insert.setString(3, (n % 1000) % 2 == 1 ? "MALE" : "FEMALE");
                insert.setDate(4, Date.valueOf(birth));
                insert.setString(5, VILLAGE);
                insert.addBatch();
                numbers.add(number);
                if (ids != null) {
                    ids.add(id);
                }
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        c.commit();
        // as a production table is: analysed (autovacuum would get there later; until then the planner, believing the
        // table as small as before, scans it for every lookup by ID number)
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("analyze canbao.person");
        }
        c.commit();
        return numbers;
    }

    private static Result runHttp(URI base, List<String> idNumbers, int workers, int seconds, long tag, String user)
            throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        URI payments = base.resolve(base.getPath() + "/api/v1/payments");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong firstErrorSet = new AtomicLong();
        String[] firstError = new String[1];
        long[] latencies = new long[idNumbers.size()];
        AtomicInteger done = new AtomicInteger();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < idNumbers.size() && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                    String id = idNumbers.get(i);
                    String body = "{\"transactionId\":\"BENCH-" + tag + "-" + id + "\",\"idNumber\":\"" + id
                            + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":" + AMOUNT
                            + ",\"channel\":\"WECHAT\",\"paidAt\":\"" + PAID_AT + "\"}";
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(payments).timeout(Duration.ofSeconds(30))
                                .header("Authorization", auth).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            latencies[done.getAndIncrement()] = System.nanoTime() - t0;
                        } else {
                            failed.incrementAndGet();
                            if (firstErrorSet.compareAndSet(0, 1)) {
                                firstError[0] = r.statusCode() + " " + r.body();
                            }
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        if (firstErrorSet.compareAndSet(0, 1)) {
                            firstError[0] = e.toString();
                        }
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long nanos = System.nanoTime() - start;
        return new Result("HTTP POST /payments", done.get(), failed.get(), nanos, Arrays.copyOf(latencies, done.get()), firstError[0]);
    }

    /** The same rows the server writes for a counter payment, one transaction per payment. */
    static Result runJdbc(String url, String user, String password, List<Long> personIds, int workers, int seconds,
                                  long tag) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] latencies = new long[personIds.size()];
        String[] firstError = new String[1];
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password)) {
                    c.setAutoCommit(false);
                    try (PreparedStatement enrollment = c.prepareStatement("insert into canbao.enrollment (id, person_id, policy_id,"
                            + " insurance_year, tier, status, region_code, amount_due, registered_at, registered_by, version,"
                            + " benefit_start, benefit_end) values (?, ?, '" + POLICY + "', 2024, 1, 'PAID', ?, ?, now(), 'clerk', 1, ?, ?)");
                         PreparedStatement payment = c.prepareStatement("insert into canbao.payment (id, transaction_id, kind,"
                                 + " enrollment_id, person_id, policy_id, tier, amount, standard_amount, subsidy_code, subsidy_amount,"
                                 + " fiscal_share_amount, personal_amount, benefit_start, benefit_end, channel, paid_at, business_date,"
                                 + " collector, receipt_number, created_at) values (?, ?, 'PAYMENT', ?, ?, '" + POLICY + "', 1, ?, ?, null,"
                                 + " 0, 0, ?, ?, ?, 'POS', ?, ?, 'clerk', ?, now())");
                         PreparedStatement audit = c.prepareStatement("insert into canbao.audit_log (id, occurred_at, actor, action,"
                                 + " entity_type, entity_id, before_state, after_state, detail) values (?, now(), 'clerk', ?, ?, ?, ?, ?, ?)")) {
                        LocalDate start2024 = LocalDate.of(2024, 1, 1);
                        LocalDate end2024 = LocalDate.of(2024, 12, 31);
                        for (int i = next.getAndIncrement(); i < personIds.size() && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                            long t0 = System.nanoTime();
                            long person = personIds.get(i);
                            long enrollmentId = person + 100_000_000_000_000L;
                            long paymentId = person + 200_000_000_000_000L;
                            try {
                                enrollment.setLong(1, enrollmentId);
                                enrollment.setLong(2, person);
                                enrollment.setString(3, VILLAGE);
                                enrollment.setBigDecimal(4, AMOUNT);
                                enrollment.setDate(5, Date.valueOf(start2024));
                                enrollment.setDate(6, Date.valueOf(end2024));
                                enrollment.executeUpdate();
                                payment.setLong(1, paymentId);
                                payment.setString(2, "BENCH-JDBC-" + tag + "-" + person);
                                payment.setLong(3, enrollmentId);
                                payment.setLong(4, person);
                                payment.setBigDecimal(5, AMOUNT);
                                payment.setBigDecimal(6, AMOUNT);
                                payment.setBigDecimal(7, AMOUNT);
                                payment.setDate(8, Date.valueOf(start2024));
                                payment.setDate(9, Date.valueOf(end2024));
                                payment.setTimestamp(10, Timestamp.from(OffsetDateTime.parse(PAID_AT).toInstant()));
                                payment.setDate(11, Date.valueOf(LocalDate.of(2023, 11, 20)));
                                payment.setString(12, VILLAGE + "-20231120-" + paymentId);
                                payment.executeUpdate();
                                String state = "{\"id\":" + enrollmentId + ",\"status\":\"PAID\",\"tier\":1,\"amountDue\":380.00,"
                                        + "\"benefitStart\":\"2024-01-01\",\"benefitEnd\":\"2024-12-31\"}";
                                audit.setLong(1, paymentId + 100_000_000_000_000L);
                                audit.setString(2, "PAYMENT_RECEIVED");
                                audit.setString(3, "payment");
                                audit.setString(4, String.valueOf(paymentId));
                                audit.setString(5, state);
                                audit.setString(6, state);
                                audit.setString(7, "POS BENCH " + person);
                                audit.addBatch();
                                audit.setLong(1, paymentId + 200_000_000_000_000L);
                                audit.setString(2, "ENROLLMENT_PAID");
                                audit.setString(3, "enrollment");
                                audit.setString(4, String.valueOf(enrollmentId));
                                audit.addBatch();
                                audit.executeBatch();
                                c.commit();
                                latencies[done.getAndIncrement()] = System.nanoTime() - t0;
                            } catch (SQLException e) {
                                c.rollback();
                                failed.incrementAndGet();
                                synchronized (firstError) {
                                    if (firstError[0] == null) {
                                        firstError[0] = e.getMessage();
                                    }
                                }
                            }
                        }
                    }
                } catch (SQLException e) {
                    failed.incrementAndGet();
                    synchronized (firstError) {
                        if (firstError[0] == null) {
                            firstError[0] = e.getMessage();
                        }
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long nanos = System.nanoTime() - start;
        return new Result("raw JDBC, same rows", done.get(), failed.get(), nanos, Arrays.copyOf(latencies, done.get()), firstError[0]);
    }

    static String textOption(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static int option(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    static void requireLoopback(String host) throws Exception {
        if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback addresses only, not " + host);
        }
    }
}
