package cn.canbao.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Batch jobs against set-based SQL on the same data in the same run (issue "Batch jobs"): for each size N it generates
 * N persons with enrollments directly in SQL (not measured), then times
 * <ul>
 *   <li>{@code full-cost-switchover} over REST next to one SQL statement making the same change (update + change rows),</li>
 *   <li>{@code campaign-renewal} next to one {@code INSERT … SELECT},</li>
 *   <li>{@code roster-import} of an N-row CSV ({@code POST /rosters?wait=0}, then polling) next to {@code COPY} of the
 *       same file(s) into a table of the same columns,</li>
 * </ul>
 * checks that job and SQL leave identical results (digest queries) and prints job s, SQL s, ratio, rows/s and growth.
 * The amounts the SQL writes come from the server's quote engine ({@code POST /policies/{id}/quotes}) for every
 * combination of tier, resident type and subsidy code present, never from constants here.
 *
 * <pre>java -cp bench/target/benchmarks.jar cn.canbao.bench.BatchBench baseUrl jdbcUrl user password
 *     [--sizes 100000,1000000] [--jobs switchover,renewal,roster]</pre>
 *
 * Bench rows have ids from 1,000,000,000 up (persons), 2,000,000,000 (enrollments), 3,000,000,000 (identities), far
 * above the ids the server draws from {@code canbao_seq}; everything the bench made is deleted before each size and at
 * the end. Loopback addresses only.
 */
public final class BatchBench {

    static final String FROM = "500101-2024";
    static final String TO = "500101-2025";
    static final String AS_OF = "2024-07-01";          // the first day of 500101-2024's FULL_COST window
    static final String REGISTERED_ON = "2023-11-20";  // demo business date: amounts due when registered
    static final String OPENING_2025 = "2024-09-01";   // the copied policy's concentrated window opens
    static final long PERSON_BASE = 1_000_000_000L;
    static final long ENROLLMENT_BASE = 2_000_000_000L;
    static final long IDENTITY_BASE = 3_000_000_000L;
    /**
     * Bytes per uploaded file: Rosters.MAX_BYTES is 20 MB, but Undertow's default max-post-size (10 MiB) resets the
     * connection of a larger multipart request first, so the roster goes in files of at most 9.5 MB (~360,000 rows).
     */
    static final long BYTES_PER_UPLOAD = 9_500_000;
    static final List<String> CODES = List.of("", "101", "113", "520");

    record Timing(String job, int n, double jobSeconds, double sqlSeconds, long rows, String check) {
        double ratio() {
            return jobSeconds / sqlSeconds;
        }
    }

    private final URI base;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Timing> timings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    BatchBench(URI base, String jdbcUrl, String user, String password) {
        this.base = base;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: BatchBench baseUrl jdbcUrl user password [--sizes 100000,1000000] [--jobs switchover,renewal,roster]");
            System.exit(2);
        }
        URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        requireLoopback(base.getHost());
        requireLoopback(URI.create(args[1].substring("jdbc:".length())).getHost());
        List<Integer> sizes = new ArrayList<>();
        for (String s : option(args, "--sizes", "100000,1000000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        List<String> jobs = List.of(option(args, "--jobs", "switchover,renewal,roster").split(","));
        BatchBench bench = new BatchBench(base, args[1], args[2], args[3]);
        bench.run(sizes, jobs);
    }

    void run(List<Integer> sizes, List<String> jobs) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(true);
            exec(c, "set search_path = canbao");
            nextYearPolicy();
            prices(c);
            for (int n : sizes) {
                clean(c);
                long t0 = System.nanoTime();
                generate(c, n);
                System.out.printf(Locale.ROOT, "%n== N = %,d: generated in %.1f s (%s)%n", n, secondsSince(t0), load());
                if (jobs.contains("switchover")) {
                    switchover(c, n);
                }
                if (jobs.contains("renewal")) {
                    renewal(c, n);
                }
                if (jobs.contains("roster")) {
                    roster(c, n);
                }
                if (jobs.contains("snapshot")) {
                    snapshot(c, n);
                }
            }
            clean(c);
            exec(c, "drop table if exists bench_price");
        }
        report(sizes);
    }

    // ---------------------------------------------------------------- the data

    /** 500101-2025: 500101-2024 one year on (every date + 1 year), put through the API unless it is there. */
    void nextYearPolicy() throws Exception {
        HttpResponse<String> existing = get("policies/" + TO, "district_admin");
        if (existing.statusCode() == 200) {
            return;
        }
        String doc = get("policies/" + FROM, "district_admin").body();
        Matcher m = Pattern.compile("\"(\\d{4})-(\\d{2})-(\\d{2})\"").matcher(doc);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int year = Integer.parseInt(m.group(1)) + 1;
            String day = m.group(2).equals("02") && m.group(3).equals("29") ? "28" : m.group(3);
            m.appendReplacement(out, "\"" + year + "-" + m.group(2) + "-" + day + "\"");
        }
        m.appendTail(out);
        String next = out.toString().replace("\"policyId\":\"" + FROM + "\"", "\"policyId\":\"" + TO + "\"")
                .replace("\"policyId\": \"" + FROM + "\"", "\"policyId\": \"" + TO + "\"")
                .replaceFirst("\"insuranceYear\"\\s*:\\s*2024", "\"insuranceYear\": 2025")
                .replaceFirst("\"name\"\\s*:\\s*\"", "\"name\": \"(bench copy for 2025) ");
        HttpResponse<String> put = send(HttpRequest.newBuilder(base.resolve("api/v1/policies/" + TO))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(next)), "district_admin");
        if (put.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + TO + " → " + put.statusCode() + " " + put.body());
        }
        notes.add(TO + " created through PUT /policies as a copy of " + FROM + " with every date one year later");
    }

    /**
     * bench_price: what the quote engine says for each (policy, date, tier, resident type, subsidy code) the data
     * uses. The SQL baselines read their amounts from here, so job and SQL price from the same engine.
     */
    void prices(Connection c) throws Exception {
        exec(c, "create table if not exists bench_price (policy_id varchar(20), on_date date, tier int,"
                + " resident_type varchar(20), code varchar(10), amount numeric(12,2),"
                + " primary key (policy_id, on_date, tier, resident_type, code))");
        exec(c, "truncate bench_price");
        String[][] dates = {{FROM, REGISTERED_ON}, {FROM, AS_OF}, {TO, OPENING_2025}};
        try (PreparedStatement ins = c.prepareStatement("insert into bench_price values (?, ?::date, ?, ?, ?, ?)")) {
            for (String[] pd : dates) {
                for (int tier = 1; tier <= 2; tier++) {
                    for (String type : List.of("RESIDENT", "PUPIL")) {
                        for (String code : CODES) {
                            String birth = type.equals("PUPIL") ? "2012-05-01" : "1975-05-01";
                            String body = "{\"tier\":" + tier + ",\"paymentDate\":\"" + pd[1] + "\",\"residentType\":\"" + type
                                    + "\",\"birthDate\":\"" + birth + "\"" + (code.isEmpty() ? "" : ",\"identities\":[\"" + code + "\"]") + "}";
                            HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("api/v1/policies/" + pd[0] + "/quotes"))
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), "clerk");
                            if (r.statusCode() != 200) {
                                notes.add("quote " + pd[0] + " " + body + " → " + r.statusCode() + " (no price: not renewed/changed)");
                                continue;
                            }
                            ins.setString(1, pd[0]);
                            ins.setString(2, pd[1]);
                            ins.setInt(3, tier);
                            ins.setString(4, type);
                            ins.setString(5, code);
                            ins.setBigDecimal(6, json(r.body()).getJsonNumber("personalAmount").bigDecimalValue());
                            ins.addBatch();
                        }
                    }
                }
            }
            ins.executeBatch();
        }
    }

    /** Deletes everything the bench made (bench ids, rows the jobs and the baselines wrote for bench persons). */
    void clean(Connection c) throws SQLException {
        exec(c, "delete from amount_change where person_id >= " + PERSON_BASE);
        exec(c, "delete from enrollment where person_id >= " + PERSON_BASE);
        exec(c, "delete from roster_import_row where import_id in (select id from roster_import where department = 'bench')");
        exec(c, "delete from subsidy_identity where person_id >= " + PERSON_BASE);
        exec(c, "delete from subsidy_identity_revoked where person_id >= " + PERSON_BASE);
        exec(c, "delete from roster_import where department = 'bench'");
        exec(c, "delete from roster_snapshot_cancel where snapshot_id in (select id from roster_snapshot where department = '" + SNAPSHOT_DEPARTMENT + "')");
        exec(c, "delete from roster_snapshot_row where snapshot_id in (select id from roster_snapshot where department = '" + SNAPSHOT_DEPARTMENT + "')");
        exec(c, "update roster_snapshot set previous_id = null where department = '" + SNAPSHOT_DEPARTMENT + "'");
        exec(c, "delete from roster_snapshot where department = '" + SNAPSHOT_DEPARTMENT + "'");
        exec(c, "delete from non_enrollment where person_id >= " + PERSON_BASE);
        // the foreign keys to person are checked row by row: vacuum the emptied tables, and index person.guardian_id
        // for the time of the delete (the schema has no index on it), else each deleted person scans them
        exec(c, "vacuum analyze amount_change, enrollment, subsidy_identity, non_enrollment, roster_import_row");
        exec(c, "create index if not exists bench_ix_person_guardian on person (guardian_id)");
        exec(c, "delete from person where id >= " + PERSON_BASE);
        exec(c, "drop index if exists bench_ix_person_guardian");
        exec(c, "drop table if exists bench_snapshot, bench_roster_copy, bench_snap_copy, bench_snap_rows, bench_snap_kind, bench_snap_cancel, bench_snap_ended");
        exec(c, "vacuum analyze");
    }

    /**
     * N persons spread over the 17 villages of district 500101, ages 1–90, valid GB 11643 numbers (district 500101,
     * birth date, sequence, check character), 8 % tier 2, 3 % 低保 (101), 1 % 特困 (113), 2 % 边缘易致贫 (520), 1 % a
     * 101 that ended on 2024-06-30 (expired at the switchover), a few deceased / employee-insured / insured elsewhere,
     * some with a recorded non-enrollment reason, 1 % already pre-registered for 2025. Every person has a 2024
     * enrollment: 85 % REGISTERED unpaid owing the quote of 2023-11-20, the rest PAID (a setup step flips the share for
     * the renewal). Deterministic in N.
     */
    void generate(Connection c, int n) throws SQLException {
        exec(c, "create temp table if not exists bench_gen (g bigint primary key, first17 text, birth date, gender text,"
                + " village text, name text, tier int, resident_type text, code text, code_to date)");
        exec(c, "truncate bench_gen");
        exec(c, "insert into bench_gen select g, '500101' || to_char(birth, 'YYYYMMDD') || lpad(((g / 32500) * 2 + (g % 2))::text, 3, '0'),"
                + " birth, case when g % 2 = 1 then 'MALE' else 'FEMALE' end,"
                + " (select array_agg(code order by code) from region where parent_code like '500101%' and level = 'VILLAGE')[1 + (g * 7919) % 17],"
                + " (array['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','高','林','罗'])[1 + (g * 31) % 20]"
                + "   || (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀英','华','平','刚','桂英','文','兰','建国'])[1 + (g * 17 / 3) % 25],"
                + " case when (g * 2654435761) % 100 < 8 then 2 else 1 end,"
                + " case when birth between date '2005-11-21' and date '2020-11-20' then 'PUPIL' else 'RESIDENT' end,"
                + " case when h < 300 then '101' when h < 400 then '113' when h < 600 then '520' when h < 700 then '101' end,"
                + " case when h < 600 then date '2024-12-31' when h < 700 then date '2024-06-30' end"
                + " from (select g, date '1933-01-01' + (g % 32500)::int as birth, (g * 40503) % 10000 as h"
                + "       from generate_series(1::bigint, " + n + ") g) s");
        exec(c, "delete from bench_gen b where exists (select 1 from person p where p.document_type = 'RESIDENT_ID'"
                + " and p.id_number = b.first17 || substr('10X98765432', 1 + (" + checkSum("b.first17") + ") % 11, 1))");
        exec(c, "insert into person (id, document_type, id_number, name, gender, birth_date, household_region_code,"
                + " residence_permit, resident_type, deceased_on, employee_insured, insured_elsewhere, created_at, version)"
                + " select " + PERSON_BASE + " + g, 'RESIDENT_ID', first17 || substr('10X98765432', 1 + (" + checkSum("first17") + ") % 11, 1),"
                + " name, gender, birth, village, false, resident_type,"
                + " case when g % 211 = 5 then date '2024-03-01' end, g % 97 = 3, g % 193 = 7, now(), 0 from bench_gen");
        exec(c, "insert into subsidy_identity (id, person_id, code, certifying_department, valid_from, valid_to, source,"
                + " evidence, recorded_by, recorded_at) select " + IDENTITY_BASE + " + g, " + PERSON_BASE + " + g, code,"
                + " case code when '520' then '区乡村振兴局' else '区民政局' end, date '2023-09-01', code_to, 'ROSTER',"
                + " 'bench', 'bench', now() from bench_gen where code is not null");
        exec(c, "insert into non_enrollment (id, person_id, policy_id, insurance_year, reason, signed, region_code,"
                + " recorded_by, recorded_at) select " + (IDENTITY_BASE + 500_000_000L) + " + g, " + PERSON_BASE + " + g, '" + TO + "', 2025,"
                + " case when g % 2 = 0 then 'EMPLOYEE_INSURANCE' else 'INSURED_ELSEWHERE' end, true, village, 'bench', now()"
                + " from bench_gen where g % 157 = 11");
        exec(c, "insert into enrollment (id, person_id, policy_id, insurance_year, tier, status, region_code, amount_due,"
                + " registered_at, registered_by, version, benefit_start, benefit_end)"
                + " select " + ENROLLMENT_BASE + " + g, " + PERSON_BASE + " + g, '" + FROM + "', 2024, b.tier,"
                + " case when (g * 48271) % 100 < 85 then 'REGISTERED' else 'PAID' end, village, q.amount,"
                + " timestamptz '2023-11-20 10:00+08', 'bench', 0,"
                + " case when (g * 48271) % 100 >= 85 then date '2024-01-01' end, case when (g * 48271) % 100 >= 85 then date '2024-12-31' end"
                + " from bench_gen b join bench_price q on q.policy_id = '" + FROM + "' and q.on_date = date '" + REGISTERED_ON + "'"
                + " and q.tier = b.tier and q.resident_type = b.resident_type and q.code = coalesce(b.code, '')");
        exec(c, "insert into enrollment (id, person_id, policy_id, insurance_year, tier, status, region_code, amount_due,"
                + " registered_at, registered_by, version) select " + (ENROLLMENT_BASE + 500_000_000L) + " + g, " + PERSON_BASE + " + g,"
                + " '" + TO + "', 2025, tier, 'REGISTERED', village, null, now(), 'bench', 0 from bench_gen where g % 101 = 13");
        exec(c, "vacuum analyze");
    }

    private static String checkSum(String col) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            s.append(i == 0 ? "" : " + ").append("substr(").append(col).append(", ").append(i + 1).append(", 1)::int * ").append(w[i]);
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- full-cost-switchover

    static final String SWITCH_DIGEST = "select (select count(*) || ':' || md5(string_agg(id || ':' || coalesce(amount_due::text, '-') || ':' || status, ',' order by id))"
            + " from enrollment where policy_id = '" + FROM + "' and person_id >= " + PERSON_BASE + ")"
            + " || '/' || (select count(*) || ':' || coalesce(md5(string_agg(enrollment_id || ':' || person_id || ':' || region_code || ':' || tier"
            + " || ':' || coalesce(old_amount::text, '-') || ':' || new_amount || ':' || reason, ',' order by enrollment_id)), '-')"
            + " from amount_change where as_of = date '" + AS_OF + "' and person_id >= " + PERSON_BASE + ")";

    /**
     * One statement: the changed enrollments' new amounts and their change rows, priced from bench_price (the lowest
     * personal amount over "no identity" and each identity valid on the date, as the engine takes the best one).
     */
    static final String SWITCH_SQL = "with target as ("
            + " select e.id, e.person_id, e.region_code, e.tier, e.amount_due as old_amount, min(q.amount) as new_amount"
            + " from enrollment e join person p on p.id = e.person_id"
            + " left join subsidy_identity s on s.person_id = e.person_id and s.valid_from <= date '" + AS_OF + "'"
            + "   and (s.valid_to is null or s.valid_to >= date '" + AS_OF + "')"
            + " join bench_price q on q.policy_id = e.policy_id and q.on_date = date '" + AS_OF + "' and q.tier = e.tier"
            + "   and q.resident_type = p.resident_type and (q.code = '' or q.code = s.code)"
            + " where e.policy_id = '" + FROM + "' and e.status = 'REGISTERED'"
            + "   and not exists (select 1 from amount_change c where c.enrollment_id = e.id and c.as_of = date '" + AS_OF + "')"
            + " group by e.id having e.amount_due is distinct from min(q.amount)),"
            + " upd as (update enrollment e set amount_due = t.new_amount, version = e.version + 1 from target t where e.id = t.id)"
            + " insert into amount_change (id, enrollment_id, person_id, policy_id, region_code, tier, as_of, reason, old_amount,"
            + " new_amount, changed_at, job_execution_id) select nextval('canbao_seq'), id, person_id, '" + FROM + "', region_code, tier,"
            + " date '" + AS_OF + "', 'FULL_COST_SWITCHOVER', old_amount, new_amount, now(), null from target";

    void switchover(Connection c, int n) throws Exception {
        exec(c, "drop table if exists bench_snapshot");
        exec(c, "create table bench_snapshot as select id, amount_due, version from enrollment where policy_id = '" + FROM
                + "' and person_id >= " + PERSON_BASE);
        exec(c, "alter table bench_snapshot add primary key (id)");
        String before = string(c, SWITCH_DIGEST);

        long t0 = System.nanoTime();
        long sqlRows = update(c, SWITCH_SQL);
        double sqlSeconds = secondsSince(t0);
        String sqlDigest = string(c, SWITCH_DIGEST);
        resetSwitchover(c);
        check(string(c, SWITCH_DIGEST).equals(before), "reset after the SQL switchover restores the data");

        String load = load();
        t0 = System.nanoTime();
        JsonObject exec = runJob("full-cost-switchover", "{\"policyId\":\"" + FROM + "\",\"asOf\":\"" + AS_OF + "\"}");
        double jobSeconds = secondsSince(t0);
        Map<String, Long> m = metrics(exec);
        String jobDigest = string(c, SWITCH_DIGEST);
        boolean same = jobDigest.equals(sqlDigest);
        check(m.get("writeCount") == sqlRows, "job writeCount " + m.get("writeCount") + " = SQL rows " + sqlRows);
        check(same, "digest job " + jobDigest + " = SQL " + sqlDigest);
        System.out.printf(Locale.ROOT, "switchover N=%,d: job %.1f s (%s), SQL %.1f s, %,d changed, metrics %s%n",
                n, jobSeconds, load, sqlSeconds, sqlRows, m);
        timings.add(new Timing("full-cost-switchover", n, jobSeconds, sqlSeconds, sqlRows,
                same ? "digest equal" : "DIGEST DIFFERS"));
        resetSwitchover(c);
    }

    void resetSwitchover(Connection c) throws SQLException {
        exec(c, "delete from amount_change where as_of = date '" + AS_OF + "' and person_id >= " + PERSON_BASE);
        exec(c, "update enrollment e set amount_due = s.amount_due, version = s.version from bench_snapshot s"
                + " where e.id = s.id and (e.amount_due is distinct from s.amount_due or e.version <> s.version)");
        exec(c, "vacuum analyze enrollment, amount_change");
    }

    // ---------------------------------------------------------------- campaign-renewal

    static final String RENEW_DIGEST = "select count(*) || ':' || coalesce(md5(string_agg(person_id || ':' || tier || ':' || region_code"
            + " || ':' || coalesce(amount_due::text, '-') || ':' || status || ':' || insurance_year, ',' order by person_id)), '-')"
            + " from enrollment where policy_id = '" + TO + "' and person_id >= " + PERSON_BASE;

    static final String RENEW_SQL = "insert into enrollment (id, person_id, policy_id, insurance_year, tier, status, region_code,"
            + " amount_due, registered_at, registered_by, version)"
            + " select nextval('canbao_seq'), e.person_id, '" + TO + "', 2025, e.tier, 'REGISTERED', e.region_code, min(q.amount), now(), 'bench', 0"
            + " from enrollment e join person p on p.id = e.person_id"
            + " left join subsidy_identity s on s.person_id = e.person_id and s.valid_from <= date '" + OPENING_2025 + "'"
            + "   and (s.valid_to is null or s.valid_to >= date '" + OPENING_2025 + "')"
            + " join bench_price q on q.policy_id = '" + TO + "' and q.on_date = date '" + OPENING_2025 + "' and q.tier = e.tier"
            + "   and q.resident_type = p.resident_type and (q.code = '' or q.code = s.code)"
            + " where e.policy_id = '" + FROM + "' and e.status = 'PAID'"
            + "   and p.deceased_on is null and not p.employee_insured and not p.insured_elsewhere"
            + "   and not exists (select 1 from non_enrollment x where x.person_id = p.id and x.insurance_year in (2024, 2025)"
            + "     and x.reason in ('EMPLOYEE_INSURANCE', 'INSURED_ELSEWHERE', 'DECEASED'))"
            + "   and not exists (select 1 from enrollment x where x.person_id = p.id and x.insurance_year = 2025)"
            + " group by e.id";

    void renewal(Connection c, int n) throws Exception {
        // most of the year's enrollments paid: flip the shares of the switchover's data (not measured)
        exec(c, "update enrollment set status = case when status = 'REGISTERED' then 'PAID' else 'REGISTERED' end,"
                + " benefit_start = case when status = 'REGISTERED' then date '2024-01-01' end,"
                + " benefit_end = case when status = 'REGISTERED' then date '2024-12-31' end"
                + " where policy_id = '" + FROM + "' and person_id >= " + PERSON_BASE);
        exec(c, "vacuum analyze enrollment");
        String before = string(c, RENEW_DIGEST);

        long t0 = System.nanoTime();
        long sqlRows = update(c, RENEW_SQL);
        double sqlSeconds = secondsSince(t0);
        String sqlDigest = string(c, RENEW_DIGEST);
        resetRenewal(c);
        check(string(c, RENEW_DIGEST).equals(before), "reset after the SQL renewal restores the data");

        String load = load();
        t0 = System.nanoTime();
        JsonObject exec = runJob("campaign-renewal", "{\"fromPolicyId\":\"" + FROM + "\",\"toPolicyId\":\"" + TO + "\"}");
        double jobSeconds = secondsSince(t0);
        Map<String, Long> m = metrics(exec);
        String jobDigest = string(c, RENEW_DIGEST);
        boolean same = jobDigest.equals(sqlDigest);
        check(m.get("writeCount") == sqlRows, "job writeCount " + m.get("writeCount") + " = SQL rows " + sqlRows);
        check(same, "digest job " + jobDigest + " = SQL " + sqlDigest);
        System.out.printf(Locale.ROOT, "renewal N=%,d: job %.1f s (%s), SQL %.1f s, %,d registered, metrics %s%n",
                n, jobSeconds, load, sqlSeconds, sqlRows, m);
        timings.add(new Timing("campaign-renewal", n, jobSeconds, sqlSeconds, sqlRows, same ? "digest equal" : "DIGEST DIFFERS"));
        resetRenewal(c);
    }

    void resetRenewal(Connection c) throws SQLException {
        exec(c, "delete from enrollment where policy_id = '" + TO + "' and person_id >= " + PERSON_BASE + " and id < " + ENROLLMENT_BASE);
        exec(c, "vacuum analyze enrollment");
    }

    // ---------------------------------------------------------------- roster-import

    void roster(Connection c, int n) throws Exception {
        // the roster: every bench person (one in 1000 with a misspelt name), header 身份证号,姓名, split in uploads ≤ 9.5 MB
        List<Path> files = new ArrayList<>();
        int rows = 0;
        long fileBytes = 0;
        try (Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery("select id_number, case when id % 1000 = 7 then name || '某' else name end"
                    + " from person where id >= " + PERSON_BASE + " order by id")) {
                java.io.OutputStream w = null;
                while (rs.next()) {
                    byte[] line = (rs.getString(1) + "," + rs.getString(2) + "\n").getBytes(StandardCharsets.UTF_8);
                    if (w == null || fileBytes + line.length > BYTES_PER_UPLOAD) {
                        if (w != null) {
                            w.close();
                        }
                        Path f = Files.createTempFile("bench-roster-", ".csv");
                        files.add(f);
                        w = new java.io.BufferedOutputStream(Files.newOutputStream(f), 1 << 16);
                        byte[] header = "身份证号,姓名\n".getBytes(StandardCharsets.UTF_8);
                        w.write(header);
                        fileBytes = header.length;
                    }
                    w.write(line);
                    fileBytes += line.length;
                    rows++;
                }
                if (w != null) {
                    w.close();
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        // expected: accepted = not misspelt and not already holding a 101 that covers 2024-01-01..2024-12-31
        long expectedAccepted = number(c, "select count(*) from person p where p.id >= " + PERSON_BASE + " and p.id % 1000 <> 7"
                + " and not exists (select 1 from subsidy_identity s where s.person_id = p.id and s.code = '101'"
                + " and s.valid_from <= date '2024-01-01' and (s.valid_to is null or s.valid_to >= date '2024-12-31'))");
        long identitiesBefore = number(c, "select count(*) from subsidy_identity where person_id >= " + PERSON_BASE);

        exec(c, "drop table if exists bench_roster_copy");
        exec(c, "create table bench_roster_copy (n bigint generated always as identity, id_number varchar(32), name varchar(100))");
        CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
        long t0 = System.nanoTime();
        long copied = 0;
        for (Path f : files) {
            try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                copied += copy.copyIn("copy bench_roster_copy (id_number, name) from stdin with (format csv, header true)", in);
            }
        }
        double copySeconds = secondsSince(t0);
        check(copied == rows, "COPY " + copied + " rows = " + rows);

        // the fair baseline: COPY into a staging table (above) plus the job's checks and writes as set-based SQL
        long sqlAccepted;
        t0 = System.nanoTime();
        c.setAutoCommit(false);
        try {
            sqlAccepted = rosterInSql(c);
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        double checksSeconds = secondsSince(t0);
        long sqlRejected = number(c, "select count(*) from bench_roster_report where reason is not null");
        boolean sqlOk = sqlAccepted == expectedAccepted && sqlAccepted + sqlRejected == rows;
        check(sqlOk, "roster in SQL: accepted " + sqlAccepted + " (expected " + expectedAccepted + "), rejected " + sqlRejected);
        exec(c, "delete from subsidy_identity where id >= " + SQL_IDENTITY_BASE);
        exec(c, "drop table bench_roster_report");
        exec(c, "vacuum analyze subsidy_identity");

        String load = load();
        t0 = System.nanoTime();
        long accepted = 0;
        long rejected = 0;
        long read = 0;
        for (Path f : files) {
            JsonObject report = upload(f);
            long executionId = report.getJsonNumber("executionId").longValue();
            JsonObject exec = waitFor(executionId);
            report = json(get("rosters/" + report.getJsonNumber("importId").longValue(), "district_admin").body());
            check("COMPLETED".equals(exec.getString("batchStatus")), "roster import " + executionId + " completed");
            accepted += report.getJsonNumber("accepted").longValue();
            rejected += report.getJsonNumber("rejected").longValue();
            read += report.getJsonNumber("rowsRead").longValue();
        }
        double jobSeconds = secondsSince(t0);
        long identitiesAfter = number(c, "select count(*) from subsidy_identity where person_id >= " + PERSON_BASE);
        boolean ok = accepted == expectedAccepted && accepted + rejected == rows && identitiesAfter - identitiesBefore == accepted;
        check(ok, "roster: accepted " + accepted + " (expected " + expectedAccepted + "), rejected " + rejected + ", rows " + rows
                + ", new identities " + (identitiesAfter - identitiesBefore));
        System.out.printf(Locale.ROOT, "roster-import N=%,d (%d upload(s), %.1f MB): job %.1f s (%s), COPY %.1f s,"
                        + " COPY + checks in SQL %.1f s, %,d accepted, %,d rejected%n",
                n, files.size(), bytes / 1e6, jobSeconds, load, copySeconds, copySeconds + checksSeconds, accepted, rejected);
        timings.add(new Timing("roster-import", n, jobSeconds, copySeconds, rows,
                ok ? accepted + " accepted, " + rejected + " rejected as expected" : "COUNTS DIFFER"));
        timings.add(new Timing("roster-import/staged", n, jobSeconds, copySeconds + checksSeconds, rows,
                (ok && sqlOk ? "job and SQL: " + accepted + " accepted, " + rejected + " rejected" : "COUNTS DIFFER")
                        + " (COPY into staging + checks in SQL)"));
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        exec(c, "drop table if exists bench_roster_copy");
    }

    /** Identities made by the SQL baseline get ids from here on, apart from the job's (canbao_seq) and the data's. */
    static final long SQL_IDENTITY_BASE = 5_000_000_000L;

    /**
     * The roster job's work as set-based SQL on the staged file (bench_roster_copy, in file order): each row classified
     * by the job's rules in the job's order (GB 11643 format and check character, name present, first occurrence of
     * the number among such rows, person on record, same name, no covering 101 on record — the catalogue check is one
     * lookup for the whole file, code 101 in district 500101's catalogue, and is left out), a report line per row and
     * an identity per accepted row. Returns the identities inserted.
     */
    static long rosterInSql(Connection c) throws SQLException {
        exec(c, "create table bench_roster_report as"
                + " with r as (select n + 1 as row_number, upper(trim(id_number)) as idn, trim(name) as nm from bench_roster_copy),"
                + " v as (select r.*, case when idn ~ '^[0-9]{17}[0-9X]$' then substr('10X98765432', 1 + (" + checkSum("idn")
                + ") % 11, 1) = substr(idn, 18, 1) else false end as valid from r),"
                + " d as (select v.*, row_number() over (partition by case when valid and nm <> '' then idn end order by row_number) as occ from v),"
                + " k as (select d.row_number, d.idn, d.nm, p.id as pid, case when not d.valid then 'BAD_ID_NUMBER'"
                + "   when d.nm = '' then 'NAME_MISSING' when d.occ > 1 then 'DUPLICATE_IN_FILE' when p.id is null then 'PERSON_UNKNOWN'"
                + "   when p.name <> d.nm then 'NAME_MISMATCH' when exists (select 1 from subsidy_identity s where s.person_id = p.id"
                + "   and s.code = '101' and s.valid_from <= date '2024-01-01' and (s.valid_to is null or s.valid_to >= date '2024-12-31'))"
                + "   then 'ALREADY_ON_RECORD' end as reason"
                + "  from d left join person p on d.valid and p.document_type = 'RESIDENT_ID' and p.id_number = d.idn)"
                + " select row_number, idn as id_number, nm as name, case when reason is null then 'ACCEPTED' else 'REJECTED' end as outcome,"
                + " reason, pid, case when reason is null then " + SQL_IDENTITY_BASE + " + row_number end as identity_id from k");
        return update(c, "insert into subsidy_identity (id, person_id, code, certifying_department, valid_from, valid_to, source,"
                + " evidence, recorded_by, recorded_at) select identity_id, pid, '101', 'bench', date '2024-01-01', date '2024-12-31',"
                + " 'ROSTER', 'bench sql row ' || row_number, 'bench', now() from bench_roster_report where reason is null");
    }

    // ---------------------------------------------------------------- roster snapshot (compare, then apply)

    static final String SNAPSHOT_DEPARTMENT = "区民政局（bench）";

    /**
     * A department's second full roster of 101 against its first (issue 15): roster A (every bench person but those
     * with id % 100 = 1) compared and applied through the application first; then roster B (every person but id % 100
     * = 2; the region column changed for id % 100 = 3; one in 1000 misspelt) — its comparison (job roster-snapshot) and
     * its application (POST …/apply) timed together, next to COPY of B into staging plus the same checks, comparison and
     * writes in set-based SQL, in one transaction rolled back before the application's turn. The counts of both are
     * checked against what the data says.
     */
    void snapshot(Connection c, int n) throws Exception {
        Path a = snapshotFile(c, "p.id % 100 <> 1", false);
        Path b = snapshotFile(c, "p.id % 100 <> 2", true);
        long rows = number(c, "select count(*) from person p where p.id >= " + PERSON_BASE + " and p.id % 100 <> 2");
        long t0 = System.nanoTime();
        JsonObject first = compareAndApply(a, "2024-01-01", "2024-12-31");
        double firstSeconds = secondsSince(t0);
        long previous = first.getJsonNumber("snapshotId").longValue();
        // the first application added an identity for nearly every person: statistics for both sides' planners
        exec(c, "analyze subsidy_identity, roster_snapshot_row, change_feed");
        String good = " and p.id % 1000 <> 7";
        long expectNew = number(c, "select count(*) from person p where p.id >= " + PERSON_BASE + " and p.id % 100 = 1" + good);
        long expectCancelled = number(c, "select count(*) from person p where p.id >= " + PERSON_BASE + " and p.id % 100 = 2" + good);
        long expectChanged = number(c, "select count(*) from person p where p.id >= " + PERSON_BASE + " and p.id % 100 = 3" + good);
        long expectRejected = number(c, "select count(*) from person p where p.id >= " + PERSON_BASE + " and p.id % 1000 = 7");
        long expectUnchanged = rows - expectNew - expectChanged - expectRejected;

        // the baseline, rolled back: COPY + checks + comparison + writes in SQL
        c.setAutoCommit(false);
        long[] sql;
        double sqlSeconds;
        try {
            t0 = System.nanoTime();
            sql = snapshotInSql(c, b, previous);
            sqlSeconds = secondsSince(t0);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
        boolean sqlOk = sql[0] == expectNew && sql[1] == expectChanged && sql[2] == expectUnchanged && sql[3] == expectCancelled
                && sql[4] == expectRejected;
        check(sqlOk, "snapshot in SQL: new/changed/unchanged/cancelled/rejected " + java.util.Arrays.toString(sql) + " expected "
                + expectNew + "/" + expectChanged + "/" + expectUnchanged + "/" + expectCancelled + "/" + expectRejected);

        String load = load();
        t0 = System.nanoTime();
        JsonObject second = compareAndApply(b, "2024-07-01", "2024-12-31");
        double appSeconds = secondsSince(t0);
        boolean ok = second.getInt("newRows") == expectNew && second.getInt("changedRows") == expectChanged
                && second.getInt("unchangedRows") == expectUnchanged && second.getInt("cancelledRows") == expectCancelled
                && second.getInt("rejectedRows") == expectRejected && second.getInt("identitiesEnded") == sql[5]
                && second.getInt("identitiesAdded") == sql[6];
        check(ok, "snapshot: " + second + " expected new " + expectNew + ", changed " + expectChanged + ", unchanged "
                + expectUnchanged + ", cancelled " + expectCancelled + ", rejected " + expectRejected + ", ended " + sql[5]
                + ", added " + sql[6]);
        System.out.printf(Locale.ROOT, "roster-snapshot N=%,d (%.1f MB): first roster compared and applied %.1f s; second:"
                        + " compare + apply %.1f s (%s), COPY + checks + comparison + writes in SQL %.1f s; %,d new, %,d changed,"
                        + " %,d cancelled, %,d rejected, %,d identities ended, %,d added%n", n, Files.size(b) / 1e6, firstSeconds,
                appSeconds, load, sqlSeconds, expectNew, expectChanged, expectCancelled, expectRejected, sql[5], sql[6]);
        timings.add(new Timing("roster-snapshot", n, appSeconds, sqlSeconds, rows,
                (ok && sqlOk ? "counts as expected in both" : "COUNTS DIFFER") + " (COPY into staging + checks, comparison, writes in SQL)"));
        Files.deleteIfExists(a);
        Files.deleteIfExists(b);
    }

    /** A roster file of the bench persons matching {@code where}: 身份证号,姓名,行政区划 (B: region changed for id % 100 = 3). */
    Path snapshotFile(Connection c, String where, boolean second) throws Exception {
        Path f = Files.createTempFile("bench-snapshot-", ".csv");
        try (Statement st = c.createStatement(); java.io.OutputStream w = new java.io.BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
            c.setAutoCommit(false);
            st.setFetchSize(10_000);
            w.write("身份证号,姓名,行政区划\n".getBytes(StandardCharsets.UTF_8));
            try (ResultSet rs = st.executeQuery("select id_number, case when id % 1000 = 7 then name || '某' else name end,"
                    + (second ? " case when id % 100 = 3 then '500101999999' else household_region_code end" : " household_region_code")
                    + " from person p where p.id >= " + PERSON_BASE + " and " + where + " order by id")) {
                while (rs.next()) {
                    w.write((rs.getString(1) + "," + rs.getString(2) + "," + rs.getString(3) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return f;
    }

    JsonObject compareAndApply(Path file, String from, String to) throws Exception {
        String boundary = "----canbao-bench-" + System.nanoTime();
        List<byte[]> parts = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("department", SNAPSHOT_DEPARTMENT);
        fields.put("subsidyCode", "101");
        fields.put("validFrom", from);
        fields.put("validTo", to);
        for (Map.Entry<String, String> f : fields.entrySet()) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add(Files.readAllBytes(file));
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("api/v1/rosters/snapshots?wait=0"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)), "district_admin");
        if (r.statusCode() != 202 && r.statusCode() != 200) {
            throw new IllegalStateException("POST /rosters/snapshots → " + r.statusCode() + " " + r.body());
        }
        JsonObject compared = json(r.body());
        JsonObject exec = waitFor(compared.getJsonNumber("executionId").longValue());
        if (!"COMPLETED".equals(exec.getString("batchStatus"))) {
            throw new IllegalStateException("roster-snapshot ended " + exec);
        }
        long id = compared.getJsonNumber("snapshotId").longValue();
        HttpResponse<String> applied = send(HttpRequest.newBuilder(base.resolve("api/v1/rosters/snapshots/" + id + "/apply"))
                .POST(HttpRequest.BodyPublishers.noBody()), "district_admin");
        if (applied.statusCode() != 200) {
            throw new IllegalStateException("apply " + id + " → " + applied.statusCode() + " " + applied.body());
        }
        return json(applied.body());
    }

    /**
     * The snapshot's work in SQL on the caller's transaction: COPY, every row classified by the same rules in the same
     * order (GB 11643 number, name, first occurrence, person on record, same name, inside district 500101), the change
     * against the previous roster's good rows, the cancelled persons, their 101 identities superseded by copies ending
     * the day before 2024-07-01, and an identity for each good row without a covering 101. Returns new, changed,
     * unchanged, cancelled, rejected, identities ended, identities added.
     */
    long[] snapshotInSql(Connection c, Path file, long previous) throws Exception {
        exec(c, "create table bench_snap_copy (n bigint generated always as identity, id_number varchar(32), name varchar(100), region varchar(40))");
        CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            copy.copyIn("copy bench_snap_copy (id_number, name, region) from stdin with (format csv, header true)", in);
        }
        // statistics for the planner on the fresh tables (without them it loops over the staging table per row)
        exec(c, "analyze bench_snap_copy");
        exec(c, "create table bench_snap_rows as"
                + " with r as (select n + 1 as row_number, upper(trim(id_number)) as idn, trim(name) as nm, trim(region) as rg from bench_snap_copy),"
                + " v as (select r.*, case when idn ~ '^[0-9]{17}[0-9X]$' then substr('10X98765432', 1 + (" + checkSum("idn")
                + ") % 11, 1) = substr(idn, 18, 1) else false end as valid from r),"
                + " d as (select v.*, row_number() over (partition by case when valid and nm <> '' then idn end order by row_number) as occ from v)"
                + " select d.row_number, d.idn, d.nm, d.rg, p.id as pid, case when not d.valid then 'BAD_ID_NUMBER'"
                + "   when d.nm = '' then 'NAME_MISSING' when d.occ > 1 then 'DUPLICATE_IN_FILE' when p.id is null then 'PERSON_UNKNOWN'"
                + "   when p.name <> d.nm then 'NAME_MISMATCH' when p.household_region_code not like '500101%' then 'OUTSIDE_AREA' end as problem"
                + " from d left join person p on d.valid and p.document_type = 'RESIDENT_ID' and p.id_number = d.idn");
        exec(c, "analyze bench_snap_rows");
        exec(c, "create table bench_snap_kind as select s.*, case when s.problem is not null then null when o.id_number is null then 'NEW'"
                + " when o.name = s.nm and coalesce(o.region, '') = coalesce(s.rg, '') and o.subsidy_code = '101' then 'UNCHANGED'"
                + " else 'CHANGED' end as kind from bench_snap_rows s left join roster_snapshot_row o on o.snapshot_id = " + previous
                + " and o.id_number = s.idn and o.problem is null");
        exec(c, "create table bench_snap_cancel as select o.id_number, o.person_id from roster_snapshot_row o where o.snapshot_id = "
                + previous + " and o.problem is null and not exists (select 1 from bench_snap_rows s where s.idn = o.id_number)");
        exec(c, "analyze bench_snap_kind, bench_snap_cancel");
        exec(c, "create table bench_snap_ended as select i.* from subsidy_identity i where i.certifying_department = '"
                + SNAPSHOT_DEPARTMENT + "' and i.source = 'ROSTER' and i.code = '101' and (i.valid_to is null or i.valid_to > date '2024-06-30')"
                + " and i.person_id in (select person_id from bench_snap_cancel)");
        update(c, "insert into subsidy_identity_revoked (id, person_id, code, certifying_department, valid_from, valid_to, source,"
                + " evidence, recorded_by, recorded_at, revoked_by, revoked_at, reason) select id, person_id, code, certifying_department,"
                + " valid_from, valid_to, source, evidence, recorded_by, recorded_at, 'bench', now(), 'not on the roster' from bench_snap_ended");
        update(c, "delete from subsidy_identity where id in (select id from bench_snap_ended)");
        long ended = update(c, "insert into subsidy_identity (id, person_id, code, certifying_department, valid_from, valid_to, source,"
                + " evidence, recorded_by, recorded_at) select id + " + SQL_IDENTITY_BASE + ", person_id, code, certifying_department,"
                + " valid_from, date '2024-06-30', source, evidence, 'bench', now() from bench_snap_ended");
        long added = update(c, "insert into subsidy_identity (id, person_id, code, certifying_department, valid_from, valid_to, source,"
                + " evidence, recorded_by, recorded_at) select " + (2 * SQL_IDENTITY_BASE) + " + row_number, pid, '101', '"
                + SNAPSHOT_DEPARTMENT + "', date '2024-07-01', date '2024-12-31', 'ROSTER', 'bench sql row ' || row_number, 'bench', now()"
                + " from bench_snap_kind k where k.problem is null and not exists (select 1 from subsidy_identity i where i.person_id = k.pid"
                + " and i.code = '101' and i.valid_from <= date '2024-07-01' and (i.valid_to is null or i.valid_to >= date '2024-12-31'))");
        long[] counts = new long[7];
        counts[0] = number(c, "select count(*) from bench_snap_kind where kind = 'NEW'");
        counts[1] = number(c, "select count(*) from bench_snap_kind where kind = 'CHANGED'");
        counts[2] = number(c, "select count(*) from bench_snap_kind where kind = 'UNCHANGED'");
        counts[3] = number(c, "select count(*) from bench_snap_cancel");
        counts[4] = number(c, "select count(*) from bench_snap_kind where problem is not null");
        counts[5] = ended;
        counts[6] = added;
        return counts;
    }

    JsonObject upload(Path file) throws Exception {
        String boundary = "----canbao-bench-" + System.nanoTime();
        List<byte[]> parts = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("department", "bench");
        fields.put("subsidyCode", "101");
        fields.put("validFrom", "2024-01-01");
        fields.put("validTo", "2024-12-31");
        for (Map.Entry<String, String> f : fields.entrySet()) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add(Files.readAllBytes(file));
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("api/v1/rosters?wait=0"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)), "district_admin");
        if (r.statusCode() != 202 && r.statusCode() != 200) {
            throw new IllegalStateException("POST /rosters → " + r.statusCode() + " " + r.body());
        }
        return json(r.body());
    }

    // ---------------------------------------------------------------- jobs over REST

    JsonObject runJob(String job, String parameters) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("api/v1/batch/jobs/" + job + "/executions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"parameters\":" + parameters + "}")), "operator");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("start " + job + " → " + r.statusCode() + " " + r.body());
        }
        JsonObject exec = waitFor(json(r.body()).getJsonNumber("executionId").longValue());
        if (!"COMPLETED".equals(exec.getString("batchStatus"))) {
            throw new IllegalStateException(job + " ended " + exec);
        }
        return exec;
    }

    JsonObject waitFor(long executionId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofHours(2).toNanos();
        long sleep = 50;
        while (System.nanoTime() < deadline) {
            JsonObject exec = json(get("batch/executions/" + executionId, "operator").body());
            String status = exec.getString("batchStatus");
            if (status.equals("COMPLETED") || status.equals("FAILED") || status.equals("STOPPED") || status.equals("ABANDONED")) {
                return exec;
            }
            Thread.sleep(sleep);
            sleep = Math.min(500, sleep * 2);
        }
        throw new IllegalStateException("execution " + executionId + " did not end within 2 h");
    }

    static Map<String, Long> metrics(JsonObject exec) {
        Map<String, Long> sum = new LinkedHashMap<>();
        for (JsonValue v : exec.getJsonArray("steps")) {
            JsonObject m = v.asJsonObject().getJsonObject("metrics");
            for (String k : List.of("readCount", "writeCount", "filterCount", "commitCount", "rollbackCount")) {
                sum.merge(k, m.containsKey(k) ? m.getJsonNumber(k).longValue() : 0L, Long::sum);
            }
        }
        return sum;
    }

    HttpResponse<String> get(String path, String role) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("api/v1/" + path)).GET(), role);
    }

    HttpResponse<String> send(HttpRequest.Builder b, String role) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString((role + ":demo123").getBytes(StandardCharsets.UTF_8));
        return http.send(b.header("Authorization", "Basic " + auth).header("Accept", "application/json")
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------- output

    void report(List<Integer> sizes) {
        System.out.printf(Locale.ROOT, "%n%-22s %10s %9s %9s %7s %12s %12s  %s%n", "job", "N", "job s", "SQL s", "ratio",
                "job rows/s", "SQL rows/s", "check");
        for (Timing t : timings) {
            System.out.printf(Locale.ROOT, "%-22s %,10d %9.1f %9.1f %7.2f %,12.0f %,12.0f  %s%n", t.job(), t.n(), t.jobSeconds(),
                    t.sqlSeconds(), t.ratio(), t.rows() / t.jobSeconds(), t.rows() / t.sqlSeconds(), t.check());
        }
        if (sizes.size() >= 2) {
            int small = sizes.get(0);
            int large = sizes.get(sizes.size() - 1);
            System.out.printf(Locale.ROOT, "%ngrowth %,d → %,d (%.0f× the rows): time ×%n", small, large, (double) large / small);
            for (String job : List.of("full-cost-switchover", "campaign-renewal", "roster-import", "roster-import/staged", "roster-snapshot")) {
                Timing a = find(job, small);
                Timing b = find(job, large);
                if (a != null && b != null) {
                    System.out.printf(Locale.ROOT, "%-22s job ×%.1f, SQL ×%.1f, ratio %.2f → %.2f%n", job,
                            b.jobSeconds() / a.jobSeconds(), b.sqlSeconds() / a.sqlSeconds(), a.ratio(), b.ratio());
                }
            }
        }
        notes.forEach(n -> System.out.println("note: " + n));
        System.out.println("load average at the end: " + load());
    }

    Timing find(String job, int n) {
        return timings.stream().filter(t -> t.job().equals(job) && t.n() == n).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- helpers

    static void check(boolean ok, String what) {
        if (!ok) {
            System.out.println("CHECK FAILED: " + what);
        }
    }

    static String load() {
        try {
            String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load " + l[0] + " " + l[1] + " " + l[2];
        } catch (IOException e) {
            return "load ?";
        }
    }

    static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static long update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    static String string(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static long number(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static JsonObject json(String text) {
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    static String option(String[] args, String name, String def) {
        for (int i = 4; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }

    static void requireLoopback(String host) throws Exception {
        if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback addresses only, not " + host);
        }
    }
}
