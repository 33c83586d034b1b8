package cn.canbao.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Collection lines per second through the {@code collection-import} job against set-based SQL doing the same checks
 * and writes, in the same run on the same database (issue "Money from the tax channels", target: job ≤ 1.5× the SQL
 * time). {@code --lines} persons (default 1,000,000) are inserted for each side (not measured), none enrolled yet.
 * <ul>
 *   <li>Job: the lines as CSV files of {@code --file-lines} lines (default 100,000; one upload is at most 60 MB),
 *       each {@code POST /collections} in turn and waited for; the time runs from the first upload to the last
 *       file's completion. Every line is a plain payment: the person exists, the name matches, the amount is due.</li>
 *   <li>SQL: the same lines for the other persons, {@code COPY} into a staging table, then in one transaction the
 *       checks (person by ID number, name, transaction id not seen, year not paid, amount as the quote engine prices
 *       it — one quote asked from the server, {@code POST /policies/{id}/quotes}) and the writes the job makes per
 *       line: the enrollment registered paid, the payment, three audit lines with their JSON states, the line's
 *       report in {@code collection_line}.</li>
 * </ul>
 * Both sides are checked afterwards: every line accepted, one payment each.
 *
 * <pre>java -cp bench/target/benchmarks.jar cn.canbao.bench.CollectionBench baseUrl jdbcUrl user password
 *     [--lines 1000000] [--file-lines 100000]</pre>
 */
public final class CollectionBench {

    private static final String POLICY = "500101-2024";
    private static final String PAID_AT = "2023-11-20 10:00:00";
    private static final String TAX_OFFICE = "国家税务总局重庆市万州区税务局第一税务所";
    private static final String HEADER = "transactionId,idNumber,name,policyId,tier,amount,channel,paidAt,taxOffice\n";

    private CollectionBench() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        PaymentLoad.requireLoopback(base.getHost());
        String jdbcUrl = args[1];
        PaymentLoad.requireLoopback(URI.create(jdbcUrl.substring("jdbc:".length())).getHost());
        int lines = PaymentLoad.option(args, "--lines", 1_000_000);
        int fileLines = PaymentLoad.option(args, "--file-lines", 100_000);
        long tag = System.currentTimeMillis() % 100_000;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        JsonObject quote = json(send(client, HttpRequest.newBuilder(base.resolve("api/v1/policies/" + POLICY + "/quotes"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"tier\":1,\"paymentDate\":\"2023-11-20\",\"residentType\":\"RESIDENT\",\"birthDate\":\"1975-05-01\"}")),
                "clerk:demo123", 200));
        BigDecimal due = quote.getJsonNumber("personalAmount").bigDecimalValue();
        System.out.printf(Locale.ROOT, "quote engine: %s tier 1 on 2023-11-20 = %s yuan%n", POLICY, due);

        List<String> jobIds;
        List<String> sqlIds;
        try (Connection c = DriverManager.getConnection(jdbcUrl, args[2], args[3])) {
            System.out.printf(Locale.ROOT, "preparing %d persons (run tag %d)...%n", 2 * lines, tag);
            jobIds = PaymentLoad.insertPersons(c, tag, 0, lines, null);
            sqlIds = PaymentLoad.insertPersons(c, tag, lines, lines, null);
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("vacuum analyze canbao.person");
            }
        }

        // the job: files of fileLines lines, one after another
        long jobStart = System.nanoTime();
        int accepted = 0;
        for (int from = 0; from < lines; from += fileLines) {
            int to = Math.min(lines, from + fileLines);
            byte[] file = csv(jobIds.subList(from, to), "JOB-" + tag + "-", due, true);
            long sent = System.nanoTime();
            long id = upload(client, base, file, "bench-" + tag + "-" + from + ".csv");
            long uploaded = System.nanoTime();
            JsonObject report = waitFor(client, base, id);
            accepted += report.getInt("accepted");
            if (report.getInt("accepted") != to - from) {
                // say what became of the others (a bench run that loses lines must show why)
                System.out.println("    not accepted: " + report + "\n    problems: " + send(client,
                        HttpRequest.newBuilder(base.resolve("api/v1/collections/" + id + "/problems?size=5")).GET(),
                        "tax:demo123", 200));
            }
            System.out.printf(Locale.ROOT, "  file %d: %d lines, %s, %d accepted, upload %.1f s + job %.1f s, %.1f s so far%n",
                    id, to - from, report.getString("status"), report.getInt("accepted"), (uploaded - sent) / 1e9,
                    (System.nanoTime() - uploaded) / 1e9, (System.nanoTime() - jobStart) / 1e9);
        }
        double jobSeconds = (System.nanoTime() - jobStart) / 1e9;

        double sqlSeconds;
        long sqlPayments;
        try (Connection c = DriverManager.getConnection(jdbcUrl, args[2], args[3])) {
            long start = System.nanoTime();
            sqlPayments = sql(c, csv(sqlIds, "SQL-" + tag + "-", due, false), quote, tag);
            sqlSeconds = (System.nanoTime() - start) / 1e9;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-46s %9d lines %9d payments %8.1f s %9.0f lines/s%n", "collection-import job (files of "
                + fileLines + ")", lines, accepted, jobSeconds, lines / jobSeconds);
        System.out.printf(Locale.ROOT, "%-46s %9d lines %9d payments %8.1f s %9.0f lines/s%n", "set-based SQL (COPY + checks + writes)",
                lines, sqlPayments, sqlSeconds, lines / sqlSeconds);
        System.out.printf(Locale.ROOT, "ratio job / SQL = %.2f× (target <= 1.5)%n", jobSeconds / sqlSeconds);
        if (accepted != lines || sqlPayments != lines) {
            System.out.println("NOT EVERY LINE BECAME A PAYMENT: job " + accepted + ", SQL " + sqlPayments);
            System.exit(1);
        }
    }

    private static byte[] csv(List<String> idNumbers, String txPrefix, BigDecimal due, boolean control) {
        StringBuilder b = new StringBuilder(idNumbers.size() * 130).append(HEADER);
        for (String id : idNumbers) {
            b.append(txPrefix).append(id).append(',').append(id).append(",压测居民,").append(POLICY).append(",1,").append(due)
                    .append(",WECHAT,").append(PAID_AT).append(',').append(TAX_OFFICE).append('\n');
        }
        if (control) {
            b.append("TOTAL,").append(idNumbers.size()).append(',').append(due.multiply(BigDecimal.valueOf(idNumbers.size()))).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long upload(HttpClient client, URI base, byte[] file, String name) throws Exception {
        String boundary = "canbao" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream(file.length + 300);
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String answer = send(client, HttpRequest.newBuilder(base.resolve("api/v1/collections"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), "tax:demo123", 202);
        return json(answer).getJsonNumber("id").longValue();
    }

    private static JsonObject waitFor(HttpClient client, URI base, long id) throws Exception {
        while (true) {
            JsonObject report = json(send(client, HttpRequest.newBuilder(base.resolve("api/v1/collections/" + id)).GET(),
                    "tax:demo123", 200));
            String status = report.getString("status");
            if (status.equals("COMPLETED")) {
                return report;
            }
            if (status.equals("FAILED")) {
                throw new IllegalStateException("collection " + id + " FAILED: " + report);
            }
            Thread.sleep(200);
        }
    }

    /** The same checks and writes as set-based SQL, in one transaction; the payments it made. */
    private static long sql(Connection c, byte[] file, JsonObject quote, long tag) throws SQLException, java.io.IOException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("create temp table bench_line (line_number serial, transaction_id text, id_number text, name text,"
                    + " policy_id text, tier int, amount numeric(12,2), channel text, paid_at text, tax_office text) on commit drop");
            new CopyManager(c.unwrap(BaseConnection.class)).copyIn("copy bench_line (transaction_id, id_number, name,"
                    + " policy_id, tier, amount, channel, paid_at, tax_office) from stdin with (format csv, header true)",
                    new java.io.ByteArrayInputStream(file));
            s.execute("create temp table bench_due on commit drop as select '" + POLICY + "'::text policy_id, 1 tier, "
                    + quote.getJsonNumber("personalAmount").bigDecimalValue() + "::numeric personal_amount, "
                    + quote.getJsonNumber("standardAmount").bigDecimalValue() + "::numeric standard_amount, '"
                    + quote.getString("benefitStart") + "'::date benefit_start, '" + quote.getString("benefitEnd") + "'::date benefit_end");
            // the checks: person by ID number, name, transaction id not seen before, year not paid, amount due
            s.execute("create temp table bench_checked on commit drop as select l.*, p.id person_id, p.household_region_code region_code,"
                    + " d.standard_amount, d.benefit_start, d.benefit_end, (l.paid_at::timestamp at time zone 'Asia/Shanghai') paid_ts,"
                    + " case when p.id is null then 'UNKNOWN_PERSON' when p.name <> l.name then 'NAME_MISMATCH'"
                    + " when x.id is not null then 'REPLAYED' when e.status = 'PAID' then 'ALREADY_PAID'"
                    + " when d.personal_amount is null or d.personal_amount <> l.amount then 'AMOUNT_MISMATCH' end code,"
                    + " " + (4_000_000_000_000L + tag * 10_000_000L) + " + l.line_number * 2 enrollment_id,"
                    + " " + (4_000_000_000_000L + tag * 10_000_000L) + " + l.line_number * 2 + 1 payment_id"
                    + " from bench_line l left join canbao.person p on p.document_type = 'RESIDENT_ID' and p.id_number = l.id_number"
                    + " left join canbao.payment x on x.transaction_id = l.transaction_id"
                    + " left join canbao.enrollment e on e.person_id = p.id and e.insurance_year = 2024"
                    + " left join bench_due d on d.policy_id = l.policy_id and d.tier = l.tier");
            long file_id;
            try (ResultSet r = s.executeQuery("insert into canbao.collection_file (region_code, format, encoding, file_name, content,"
                    + " declared_lines, declared_amount, uploaded_by, uploaded_at) select '500101', 'CSV', 'UTF-8', 'bench-sql.csv',"
                    + " ''::bytea, count(*), sum(amount), 'tax', now() from bench_line returning id")) {
                r.next();
                file_id = r.getLong(1);
            }
            s.execute("insert into canbao.enrollment (id, person_id, policy_id, insurance_year, tier, status, region_code, amount_due,"
                    + " registered_at, registered_by, version, benefit_start, benefit_end)"
                    + " select enrollment_id, person_id, policy_id, 2024, tier, 'PAID', region_code, amount, now(), 'tax', 1,"
                    + " benefit_start, benefit_end from bench_checked where code is null");
            int payments = s.executeUpdate("insert into canbao.payment (id, transaction_id, kind, enrollment_id, person_id, policy_id,"
                    + " tier, amount, standard_amount, subsidy_code, subsidy_amount, fiscal_share_amount, personal_amount, benefit_start,"
                    + " benefit_end, channel, paid_at, business_date, collector, receipt_number, created_at, collection_id)"
                    + " select payment_id, transaction_id, 'PAYMENT', enrollment_id, person_id, policy_id, tier, amount, standard_amount,"
                    + " null, 0, 0, amount, benefit_start, benefit_end, channel, paid_ts, (paid_ts at time zone 'Asia/Shanghai')::date,"
                    + " tax_office, '500101-' || to_char(paid_ts at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-' || payment_id, now(), "
                    + file_id + " from bench_checked where code is null");
            // three audit lines per payment, with the JSON states the application writes
            s.execute("insert into canbao.audit_log (id, occurred_at, actor, action, entity_type, entity_id, before_state,"
                    + " after_state, detail) select " + (6_000_000_000_000L + tag * 100_000_000L) + " + row_number() over (),"
                    + " now(), 'tax', a.action, a.entity, a.entity_id, a.before, a.after, a.detail from bench_checked c cross join lateral ("
                    + " select 'ENROLLMENT_REGISTERED' action, 'enrollment' entity, c.enrollment_id::text entity_id, null::text before,"
                    + "   json_build_object('id', c.enrollment_id, 'personId', c.person_id, 'policyId', c.policy_id, 'insuranceYear', 2024,"
                    + "   'tier', c.tier, 'status', 'REGISTERED', 'regionCode', c.region_code)::text after, 'registered with its first payment' detail"
                    + " union all select 'PAYMENT_RECEIVED', 'payment', c.payment_id::text,"
                    + "   json_build_object('id', c.enrollment_id, 'personId', c.person_id, 'status', 'REGISTERED')::text,"
                    + "   json_build_object('id', c.payment_id, 'kind', 'PAYMENT', 'transactionId', c.transaction_id, 'enrollmentId',"
                    + "   c.enrollment_id, 'personId', c.person_id, 'policyId', c.policy_id, 'tier', c.tier, 'amount', c.amount,"
                    + "   'standardAmount', c.standard_amount, 'subsidyAmount', 0, 'personalAmount', c.amount, 'benefitStart',"
                    + "   c.benefit_start, 'benefitEnd', c.benefit_end, 'channel', c.channel, 'paidAt', c.paid_ts, 'collector', c.tax_office)::text,"
                    + "   c.channel || ' ' || c.transaction_id || ' ' || left(c.id_number, 6) || '********' || right(c.id_number, 4)"
                    + " union all select 'ENROLLMENT_PAID', 'enrollment', c.enrollment_id::text,"
                    + "   json_build_object('id', c.enrollment_id, 'personId', c.person_id, 'status', 'REGISTERED')::text,"
                    + "   json_build_object('id', c.enrollment_id, 'personId', c.person_id, 'policyId', c.policy_id, 'tier', c.tier,"
                    + "   'status', 'PAID', 'amountDue', c.amount, 'benefitStart', c.benefit_start, 'benefitEnd', c.benefit_end)::text,"
                    + "   '500101-' || c.payment_id) a where c.code is null");
            s.execute("insert into canbao.collection_line (collection_id, line_number, transaction_id, id_number, outcome, code,"
                    + " detail, amount, channel, tax_office, paid_on, payment_id) select " + file_id + ", line_number, transaction_id,"
                    + " left(id_number, 6) || '********' || right(id_number, 4), case when code is null then 'ACCEPTED'"
                    + " when code = 'REPLAYED' then 'REPLAYED' else 'REJECTED' end, nullif(code, 'REPLAYED'), null, amount, channel,"
                    + " tax_office, (paid_ts at time zone 'Asia/Shanghai')::date, case when code is null then payment_id end from bench_checked");
            c.commit();
            return payments;
        }
    }

    private static String send(HttpClient client, HttpRequest.Builder request, String user, int expected) throws Exception {
        HttpResponse<String> r = client.send(request.timeout(Duration.ofMinutes(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
