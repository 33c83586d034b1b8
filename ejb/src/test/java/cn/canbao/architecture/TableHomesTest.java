package cn.canbao.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every table has one home (docs/architecture.md, "Where each table lives"): the component whose entity maps it or
 * whose boundary holds its SQL. SQL that names a table (a {@code canbao.<table>} in a string literal) stands only in
 * the table's home — or, for a query that joins tables of two components, in the higher of the two, listed in
 * {@link #JOINS} with the reason. {@code batch/} and {@code web/} hold no SQL of Canbao's tables at all.
 */
class TableHomesTest {

    static final Map<String, String> HOME = Map.ofEntries(
            Map.entry("app_user", "platform"), Map.entry("audit_log", "platform"),
            Map.entry("change_feed", "platform"), Map.entry("change_feed_head", "platform"),
            Map.entry("region", "region"), Map.entry("region_target", "region"),
            Map.entry("policy", "policy"), Map.entry("policy_version", "policy"),
            Map.entry("person", "person"), Map.entry("household", "person"), Map.entry("person_group", "person"),
            Map.entry("subsidy_identity", "subsidy"),
            Map.entry("enrollment", "enrollment"), Map.entry("non_enrollment", "enrollment"),
            Map.entry("contact_attempt", "enrollment"), Map.entry("amount_change", "enrollment"),
            Map.entry("payment", "collection"), Map.entry("day_close", "collection"),
            Map.entry("refund", "refund"),
            Map.entry("village_result", "campaign"), Map.entry("unpaid_list", "campaign"),
            Map.entry("scheduled_job_start", "campaign"),
            Map.entry("household_comparison", "household"), Map.entry("household_comparison_row", "household"),
            Map.entry("household_comparison_person", "household"), Map.entry("household_comparison_village", "household"),
            Map.entry("roster_import", "roster"), Map.entry("roster_import_row", "roster"),
            Map.entry("roster_snapshot", "roster"), Map.entry("roster_snapshot_row", "roster"),
            Map.entry("roster_snapshot_cancel", "roster"), Map.entry("subsidy_identity_revoked", "subsidy"),
            Map.entry("school", "school"), Map.entry("school_pupil", "school"), Map.entry("school_upload", "school"),
            Map.entry("collection_file", "taxchannel"), Map.entry("collection_line", "taxchannel"),
            Map.entry("supervision_group", "supervision"), Map.entry("supervision_group_village", "supervision"),
            Map.entry("insurance_history_year", "enrollment"), Map.entry("insurance_history_event", "enrollment"),
            Map.entry("newborn_cover", "enrollment"), Map.entry("college_transition_cover", "enrollment"), Map.entry("job_execution_node", "platform"));

    /** Source file → the other components' tables its joins name (file relative to cn/canbao/). */
    static final Map<String, Set<String>> JOINS = Map.of(
            // a page of enrollments, each with the person the quote engine reads (repricing, renewal)
            "enrollment/boundary/EnrollmentRows.java", Set.of("person"),
            // the unpaid count: residents of an area without a paid enrollment
            "enrollment/boundary/Enrollments.java", Set.of("person"),
            // paid before the deadline: enrollments with a payment of an earlier business date
            "collection/boundary/Payments.java", Set.of("enrollment"),
            // reconciliation: the tax files' lines against the payments of the caller's area
            "taxchannel/boundary/Reconciliation.java", Set.of("payment", "person"),
            // the subsidy ledger: holders of identities in an area, their enrollments and paid enrollments
            "supervision/boundary/SubsidyLedger.java", Set.of("subsidy_identity", "person", "enrollment", "payment"),
            // a roster snapshot: its rows against the persons on record and the identities they hold (set-based)
            "roster/boundary/RosterSnapshots.java", Set.of("person", "subsidy_identity"),
            // a school's pupils with their persons, enrollments, payments and 108 identities (list, collection, progress)
            "school/boundary/Schools.java", Set.of("person", "enrollment", "payment", "subsidy_identity"));

    static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    static final Pattern TABLE = Pattern.compile("canbao\\.([a-z_]+)\\b");

    static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @Test
    void everyTableOfTheSchemaHasAHome() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> migrations = Files.list(REPO.resolve("ejb/src/main/resources/db/migration"))) {
            for (Path migration : migrations.toList()) {
                Matcher m = Pattern.compile("(?i)create table (?:canbao\\.)?([a-z_]+)").matcher(Files.readString(migration));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            }
        }
        assertTrue(tables.size() > 20, "migrations read: " + tables);
        assertEquals(tables, new TreeSet<>(HOME.keySet()), "tables of the migrations against their homes");
    }

    @Test
    void sqlNamesATableOnlyInItsHome() {
        List<String> violations = new ArrayList<>();
        Map<String, Integer> seen = new TreeMap<>();
        for (String module : List.of("ejb", "batch", "web")) {
            for (Path file : javaFiles(REPO.resolve(module + "/src/main/java/cn/canbao"))) {
                String relative = REPO.resolve(module + "/src/main/java/cn/canbao").relativize(file).toString().replace('\\', '/');
                String component = relative.substring(0, relative.indexOf('/'));
                for (String table : tablesNamed(file)) {
                    seen.merge(table, 1, Integer::sum);
                    boolean home = component.equals(HOME.get(table));
                    boolean join = JOINS.getOrDefault(relative, Set.of()).contains(table);
                    if (!home && !join) {
                        violations.add(module + ": " + relative + " names canbao." + table + " (home: " + HOME.get(table) + ")");
                    }
                }
            }
        }
        assertTrue(seen.size() > 10, "tables found in SQL: " + seen);
        assertEquals(List.of(), violations);
    }

    private static Set<String> tablesNamed(Path file) {
        Set<String> tables = new TreeSet<>();
        try {
            Matcher literal = LITERAL.matcher(Files.readString(file));
            while (literal.find()) {
                Matcher table = TABLE.matcher(literal.group());
                while (table.find()) {
                    if (HOME.containsKey(table.group(1))) {
                        tables.add(table.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
