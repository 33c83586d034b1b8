package cn.canbao.bench;

import java.math.BigDecimal;
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
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Payments per second through {@code POST /payments/batch} (batches of {@code --batch}, default 1,000, sent by
 * {@code --workers} clients at once) against raw JDBC batch inserts of the same rows (enrollment, payment, the three
 * audit lines with states shaped as the application's; one transaction and one JDBC batch per {@code --batch} payments,
 * INSERTs rewritten to multi-row ones as the server's datasource does) in the same run — issue "Money from the tax
 * channels", target ≥ 0.5×. Persons are inserted first, half for each side; after a warm-up of one batch each, the
 * sides take turns over {@code --rounds} (default 4) shares of their persons, and each side's rate is its payments over
 * its own summed time.
 *
 * <pre>java -cp bench/target/benchmarks.jar cn.canbao.bench.BatchPaymentLoad http://localhost:8080/canbao jdbcUrl user password
 *     [--persons 20000] [--workers 2] [--batch 1000] [--rounds 4] [--user tax:demo123]</pre>
 */
public final class BatchPaymentLoad {

    private static final String VILLAGE = "500101101001";
    private static final String POLICY = "500101-2024";
    private static final String PAID_AT = "2023-11-20T10:00:00+08:00";
    private static final BigDecimal AMOUNT = new BigDecimal("380.00");

    private BatchPaymentLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        PaymentLoad.requireLoopback(base.getHost());
        String jdbcUrl = args[1];
        PaymentLoad.requireLoopback(URI.create(jdbcUrl.substring("jdbc:".length())).getHost());
        int persons = PaymentLoad.option(args, "--persons", 20_000);
        int workers = PaymentLoad.option(args, "--workers", 2);
        int batch = PaymentLoad.option(args, "--batch", 1000);
        String user = PaymentLoad.textOption(args, "--user", "tax:demo123");
        long tag = System.currentTimeMillis() % 100_000;

        List<String> httpIds;
        List<Long> jdbcIds = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, args[2], args[3])) {
            System.out.printf(Locale.ROOT, "preparing %d persons in %s (run tag %d)...%n", 2 * persons, VILLAGE, tag);
            httpIds = PaymentLoad.insertPersons(c, tag, 0, persons, null);
            PaymentLoad.insertPersons(c, tag, persons, persons, jdbcIds);
        }
        int rounds = PaymentLoad.option(args, "--rounds", 4);
        int warm = Math.min(batch, persons / 10);
        http(base, httpIds.subList(0, warm), 1, batch, tag, user);
        jdbc(jdbcUrl, args[2], args[3], jdbcIds.subList(0, warm), 1, batch, tag);
        // the two sides take turns, a share of their persons each round, so that both meet the database in the same
        // states (checkpoints, autovacuum, table sizes) and the ratio does not depend on which side ran first
        double[] h = new double[3];
        double[] j = new double[3];
        for (int r = 0; r < rounds; r++) {
            add(h, http(base, share(httpIds, warm, r, rounds), workers, batch, tag, user));
            add(j, jdbc(jdbcUrl, args[2], args[3], share(jdbcIds, warm, r, rounds), workers, batch, tag));
        }
        h[2] = h[0] * 1e9 / h[2];
        j[2] = j[0] * 1e9 / j[2];
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %8.0f payments %6.0f failed %9.1f payments/s%n", "HTTP POST /payments/batch", h[0], h[1], h[2]);
        System.out.printf(Locale.ROOT, "%-34s %8.0f payments %6.0f failed %9.1f payments/s%n", "raw JDBC batches, same rows", j[0], j[1], j[2]);
        System.out.printf(Locale.ROOT, "ratio batch HTTP / raw JDBC batches = %.2f (target >= 0.50); %d workers, batches of %d,"
                + " %d alternating rounds%n", h[2] / j[2], workers, batch, rounds);
    }

    /** Round {@code r} of {@code rounds}' share of the ids after the warm-up ones. */
    private static <T> List<T> share(List<T> ids, int warm, int r, int rounds) {
        int n = ids.size() - warm;
        return ids.subList(warm + (int) ((long) n * r / rounds), warm + (int) ((long) n * (r + 1) / rounds));
    }

    private static void add(double[] sum, double[] round) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += round[i];
        }
    }

    /** {done, failed, per second}. */
    private static double[] http(URI base, List<String> ids, int workers, int batch, long tag, String user) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        URI uri = base.resolve(base.getPath() + "/api/v1/payments/batch");
        // the bodies are written before the clock starts, as wrk's are: the client's work is not the server's, and on
        // two cores a Java client building and reading them took half a core from the server (docs/benchmarks.md)
        List<byte[]> bodies = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += batch) {
            StringBuilder body = new StringBuilder("{\"payments\":[");
            int to = Math.min(ids.size(), from + batch);
            for (int i = from; i < to; i++) {
                String id = ids.get(i);
                body.append(i == from ? "" : ",").append("{\"transactionId\":\"BATCH-").append(tag).append('-').append(id)
                        .append("\",\"idNumber\":\"").append(id).append("\",\"policyId\":\"").append(POLICY)
                        .append("\",\"tier\":1,\"amount\":").append(AMOUNT).append(",\"channel\":\"WECHAT\",\"paidAt\":\"")
                        .append(PAID_AT).append("\"}");
            }
            bodies.add(body.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            sizes.add(to - from);
        }
        byte[] created = "\"status\":201".getBytes(StandardCharsets.UTF_8);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                for (int b = next.getAndIncrement(); b < bodies.size(); b = next.getAndIncrement()) {
                    int size = sizes.get(b);
                    try {
                        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                                .header("Authorization", auth).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(b))).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        int ok = r.statusCode() == 200 ? count(r.body(), created) : 0;
                        done.addAndGet(ok);
                        failed.addAndGet(size - ok);
                    } catch (Exception e) {
                        failed.addAndGet(size);
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
        return new double[] {done.get(), failed.get(), nanos};
    }

    /** Occurrences of {@code what} in {@code text}, bytes compared. */
    private static int count(byte[] text, byte[] what) {
        int n = 0;
        outer:
        for (int i = 0; i + what.length <= text.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (text[i + k] != what[k]) {
                    continue outer;
                }
            }
            n++;
            i += what.length - 1;
        }
        return n;
    }

    /** The same rows as one JDBC batch and one transaction per {@code batch} payments. */
    private static double[] jdbc(String url, String user, String password, List<Long> personIds, int workers, int batch, long tag)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> {
                // the driver setting the server's datasource has (config/cli/01-datasource-postgresql.cli): batches
                // of INSERTs sent as multi-row INSERTs, so that both sides write the same way
                java.util.Properties settings = new java.util.Properties();
                settings.setProperty("user", user);
                settings.setProperty("password", password);
                settings.setProperty("reWriteBatchedInserts", "true");
                try (Connection c = DriverManager.getConnection(url, settings)) {
                    c.setAutoCommit(false);
                    try (PreparedStatement enrollment = c.prepareStatement("insert into canbao.enrollment (id, person_id, policy_id,"
                            + " insurance_year, tier, status, region_code, amount_due, registered_at, registered_by, version,"
                            + " benefit_start, benefit_end) values (?, ?, '" + POLICY + "', 2024, 1, 'PAID', ?, ?, now(), 'tax', 1, ?, ?)");
                         PreparedStatement payment = c.prepareStatement("insert into canbao.payment (id, transaction_id, kind,"
                                 + " enrollment_id, person_id, policy_id, tier, amount, standard_amount, subsidy_code, subsidy_amount,"
                                 + " fiscal_share_amount, personal_amount, benefit_start, benefit_end, channel, paid_at, business_date,"
                                 + " collector, receipt_number, created_at) values (?, ?, 'PAYMENT', ?, ?, '" + POLICY + "', 1, ?, ?, null,"
                                 + " 0, 0, ?, ?, ?, 'WECHAT', ?, ?, 'tax', ?, now())");
                         PreparedStatement audit = c.prepareStatement("insert into canbao.audit_log (id, occurred_at, actor, action,"
                                 + " entity_type, entity_id, before_state, after_state, detail) values (?, now(), 'tax', ?, ?, ?, ?, ?, ?)")) {
                        Date start2024 = Date.valueOf(LocalDate.of(2024, 1, 1));
                        Date end2024 = Date.valueOf(LocalDate.of(2024, 12, 31));
                        Timestamp paidAt = Timestamp.from(OffsetDateTime.parse(PAID_AT).toInstant());
                        for (int from = next.getAndAdd(batch); from < personIds.size(); from = next.getAndAdd(batch)) {
                            int to = Math.min(personIds.size(), from + batch);
                            try {
                                for (int i = from; i < to; i++) {
                                    long person = personIds.get(i);
                                    long enrollmentId = person + 100_000_000_000_000L;
                                    long paymentId = person + 200_000_000_000_000L;
                                    enrollment.setLong(1, enrollmentId);
                                    enrollment.setLong(2, person);
                                    enrollment.setString(3, VILLAGE);
                                    enrollment.setBigDecimal(4, AMOUNT);
                                    enrollment.setDate(5, start2024);
                                    enrollment.setDate(6, end2024);
                                    enrollment.addBatch();
                                    payment.setLong(1, paymentId);
                                    payment.setString(2, "BATCH-JDBC-" + tag + "-" + person);
                                    payment.setLong(3, enrollmentId);
                                    payment.setLong(4, person);
                                    payment.setBigDecimal(5, AMOUNT);
                                    payment.setBigDecimal(6, AMOUNT);
                                    payment.setBigDecimal(7, AMOUNT);
                                    payment.setDate(8, start2024);
                                    payment.setDate(9, end2024);
                                    payment.setTimestamp(10, paidAt);
                                    payment.setDate(11, Date.valueOf(LocalDate.of(2023, 11, 20)));
                                    payment.setString(12, VILLAGE + "-20231120-" + paymentId);
                                    payment.addBatch();
                                    // the three audit lines the application writes for a first payment, with states of
                                    // the same shape (as CollectionBench's SQL side writes them)
                                    String registered = "{\"id\":" + enrollmentId + ",\"personId\":" + person + ",\"policyId\":\""
                                            + POLICY + "\",\"insuranceYear\":2024,\"tier\":1,\"status\":\"REGISTERED\",\"regionCode\":\""
                                            + VILLAGE + "\"}";
                                    String unpaid = "{\"id\":" + enrollmentId + ",\"personId\":" + person + ",\"status\":\"REGISTERED\"}";
                                    String paidPayment = "{\"id\":" + paymentId + ",\"kind\":\"PAYMENT\",\"transactionId\":\"BATCH-JDBC-"
                                            + tag + "-" + person + "\",\"enrollmentId\":" + enrollmentId + ",\"personId\":" + person
                                            + ",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":380.00,\"standardAmount\":380.00,"
                                            + "\"subsidyAmount\":0,\"fiscalShareAmount\":0,\"personalAmount\":380.00,\"benefitStart\":"
                                            + "\"2024-01-01\",\"benefitEnd\":\"2024-12-31\",\"channel\":\"WECHAT\",\"paidAt\":\"" + PAID_AT
                                            + "\",\"businessDate\":\"2023-11-20\",\"receiptNumber\":\"" + VILLAGE + "-20231120-" + paymentId
                                            + "\",\"collector\":\"tax\"}";
                                    String paidEnrollment = "{\"id\":" + enrollmentId + ",\"personId\":" + person + ",\"policyId\":\""
                                            + POLICY + "\",\"tier\":1,\"status\":\"PAID\",\"amountDue\":380.00,\"benefitStart\":"
                                            + "\"2024-01-01\",\"benefitEnd\":\"2024-12-31\"}";
                                    String[][] lines = {
                                            {"ENROLLMENT_REGISTERED", "enrollment", String.valueOf(enrollmentId), null, registered,
                                                    "registered with its first payment"},
                                            {"PAYMENT_RECEIVED", "payment", String.valueOf(paymentId), unpaid, paidPayment,
                                                    "WECHAT BATCH-JDBC-" + tag + "-" + person},
                                            {"ENROLLMENT_PAID", "enrollment", String.valueOf(enrollmentId), unpaid, paidEnrollment,
                                                    VILLAGE + "-20231120-" + paymentId}};
                                    for (int k = 0; k < lines.length; k++) {
                                        audit.setLong(1, paymentId + (k + 1) * 100_000_000_000_000L);
                                        for (int f = 0; f < 6; f++) {
                                            audit.setString(2 + f, lines[k][f]);
                                        }
                                        audit.addBatch();
                                    }
                                }
                                enrollment.executeBatch();
                                payment.executeBatch();
                                audit.executeBatch();
                                c.commit();
                                done.addAndGet(to - from);
                            } catch (SQLException e) {
                                c.rollback();
                                failed.addAndGet(to - from);
                                System.err.println(e.getMessage());
                            }
                        }
                    }
                } catch (SQLException e) {
                    System.err.println(e.getMessage());
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long nanos = System.nanoTime() - start;
        return new double[] {done.get(), failed.get(), nanos};
    }
}
