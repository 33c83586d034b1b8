package cn.canbao.policy.entity;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What changed between two policies — two versions of one, or two years of a district (docs/decisions.md 48): amounts per
 * tier, the windows and other dates, catalogue rows added, removed or changed (by code), exemptions, and the rules
 * (newborn, college, targets, continuity, incentive, scoring, milestones), plus notes. Rows are matched by what identifies
 * them in the notice — tiers by number, windows and exemptions by name, categories by code — never by position.
 *
 * <p>{@code aligned}: the older policy is first moved by the difference of the insurance years ({@link PolicyYears#shift}),
 * so that a window that moved exactly one year with the campaign is no change and only what the district really changed
 * shows. Plain Java; values are given as text (dates ISO, money plain, rules as written in the document).
 */
public final class PolicyDiff {

    /** The part of the document a change lies in. */
    public enum Section { GENERAL, TIERS, WINDOWS, CATALOGUE, EXEMPTIONS, RULES, NOTES }

    /** A row added or removed as a whole, or a field of a row present in both that changed. */
    public enum Kind { ADDED, REMOVED, CHANGED }

    /**
     * One difference. {@code key} names the row (tier number, window or exemption name, catalogue code, rule name; null
     * for the general fields); {@code field} the member that changed, dotted for nested ones (e.g. {@code tier1.subsidy},
     * {@code bands.2.scoreChange}), null for a whole row added or removed, whose text is then in {@code before}/{@code after}.
     */
    public record Change(Section section, String key, String field, Kind kind, String before, String after)
            implements java.io.Serializable {
    }

    private PolicyDiff() {
    }

    /** The changes from {@code base} (the older version or year) to {@code other}. */
    public static List<Change> compare(Policy base, Policy other, boolean aligned) {
        Policy from = aligned ? PolicyYears.shift(base, other.insuranceYear() - base.insuranceYear()) : base;
        List<Change> out = new ArrayList<>();
        fields(out, Section.GENERAL, null, general(from), general(other));
        keyed(out, Section.TIERS, byKey(from.tiers(), t -> String.valueOf(t.tier()), PolicyDiff::flat),
                byKey(other.tiers(), t -> String.valueOf(t.tier()), PolicyDiff::flat), t -> t.get("residentStandard"));
        keyed(out, Section.WINDOWS, byKey(from.windows(), PaymentWindow::name, PolicyDiff::flat),
                byKey(other.windows(), PaymentWindow::name, PolicyDiff::flat), w -> w.get("from") + " ~ " + w.get("to"));
        keyed(out, Section.CATALOGUE, byKey(from.catalogue(), CatalogueEntry::code, PolicyDiff::category),
                byKey(other.catalogue(), CatalogueEntry::code, PolicyDiff::category), c -> c.get("name"));
        keyed(out, Section.EXEMPTIONS, byKey(from.exemptions(), Exemption::name, PolicyDiff::flat),
                byKey(other.exemptions(), Exemption::name, PolicyDiff::flat), e -> e.get("from") + " ~ " + e.get("to"));
        keyed(out, Section.RULES, rules(from), rules(other), r -> r.getOrDefault("name", r.getOrDefault("description", "")));
        lines(out, "notes", from.notes(), other.notes());
        lines(out, "reporting", from.reporting(), other.reporting());
        return List.copyOf(out);
    }

    private static Map<String, String> general(Policy p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("policyId", p.policyId());
        m.put("regionCode", p.regionCode());
        m.put("insuranceYear", String.valueOf(p.insuranceYear()));
        m.put("name", p.name());
        m.put("fiscalSubsidy", text(p.fiscalSubsidy()));
        m.put("finalCutoff", text(p.finalCutoff()));
        return m;
    }

    /** A catalogue row: its members, the amounts by tier ({@code tier1.subsidy}, {@code tier1.personal}). */
    private static Map<String, String> category(CatalogueEntry e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("certifyingDepartment", e.certifyingDepartment());
        m.put("fundingDepartment", e.fundingDepartment());
        m.put("validFrom", text(e.validFrom()));
        m.put("validTo", text(e.validTo()));
        m.put("college", text(e.college()));
        e.amounts().stream().sorted(java.util.Comparator.comparingInt(TierAmount::tier)).forEach(a -> {
            m.put("tier" + a.tier() + ".subsidy", a.offered() ? text(a.subsidy()) : null);
            m.put("tier" + a.tier() + ".personal", a.offered() ? text(a.personal()) : null);
        });
        return m;
    }

    /** The rules as rows: each present rule by its member name, scoring tables and milestones by their names. */
    private static Map<String, Map<String, String>> rules(Policy p) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        if (p.newborn() != null) {
            m.put("newborn", flat(p.newborn()));
        }
        if (p.college() != null) {
            m.put("college", flat(p.college()));
        }
        m.put("targetCounting", flat(p.targetCounting()));
        if (p.continuity() != null) {
            m.put("continuity", flat(p.continuity()));
        }
        if (p.incentive() != null) {
            m.put("incentive", flat(p.incentive()));
        }
        for (ScoringRule s : p.villageScoring()) {
            m.put("villageScoring " + s.name(), flat(s));
        }
        for (Milestone ms : p.milestones()) {
            m.put("milestones " + ms.name(), flat(ms));
        }
        return m;
    }

    private static <T> Map<String, Map<String, String>> byKey(List<T> items, Function<T, String> key,
                                                              Function<T, Map<String, String>> fields) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (T item : items) {
            m.putIfAbsent(key.apply(item), fields.apply(item));
        }
        return m;
    }

    private static void keyed(List<Change> out, Section section, Map<String, Map<String, String>> before,
                              Map<String, Map<String, String>> after, Function<Map<String, String>, String> summary) {
        for (var row : after.entrySet()) {
            Map<String, String> old = before.get(row.getKey());
            if (old == null) {
                out.add(new Change(section, row.getKey(), null, Kind.ADDED, null, summary.apply(row.getValue())));
            } else {
                fields(out, section, row.getKey(), old, row.getValue());
            }
        }
        for (var row : before.entrySet()) {
            if (!after.containsKey(row.getKey())) {
                out.add(new Change(section, row.getKey(), null, Kind.REMOVED, summary.apply(row.getValue()), null));
            }
        }
    }

    private static void fields(List<Change> out, Section section, String key, Map<String, String> before, Map<String, String> after) {
        Set<String> names = new LinkedHashSet<>(after.keySet());
        names.addAll(before.keySet());
        for (String field : names) {
            String a = before.get(field);
            String b = after.get(field);
            if (!Objects.equals(a, b)) {
                out.add(new Change(section, key, field, Kind.CHANGED, a, b));
            }
        }
    }

    private static void lines(List<Change> out, String key, List<String> before, List<String> after) {
        for (String line : after) {
            if (!before.contains(line)) {
                out.add(new Change(Section.NOTES, key, null, Kind.ADDED, null, line));
            }
        }
        for (String line : before) {
            if (!after.contains(line)) {
                out.add(new Change(Section.NOTES, key, null, Kind.REMOVED, line, null));
            }
        }
    }

    /** A record's members as text by dotted name; nested records flattened, lists of records numbered from 1. */
    static Map<String, String> flat(Record r) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", r, out);
        return out;
    }

    private static void flatten(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(r);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
                }
                flatten(prefix.isEmpty() ? c.getName() : prefix + "." + c.getName(), v, out);
            }
        } else if (value instanceof List<?> list && list.stream().anyMatch(Record.class::isInstance)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "." + (i + 1), list.get(i), out);
            }
        } else {
            out.put(prefix, text(value));
        }
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Collection<?> c) {
            return String.join(", ", c.stream().map(PolicyDiff::text).map(String::valueOf).sorted().toList());
        }
        return v.toString();
    }
}
