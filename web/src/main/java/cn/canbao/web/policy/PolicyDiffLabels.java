package cn.canbao.web.policy;

import cn.canbao.policy.entity.CoverStart;
import cn.canbao.policy.entity.PolicyDiff.Change;
import cn.canbao.policy.entity.PolicyDiff.Kind;
import cn.canbao.policy.entity.PolicyDiff.Section;
import cn.canbao.policy.entity.PolicyLint;
import cn.canbao.policy.entity.PriceMode;
import cn.canbao.web.platform.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the versions panel and the comparisons word a change, a warning and a save: sections, rows and members by their
 * names in the notice (never the document's member names), rule values as the policy tables word them.
 */
@Named
@ApplicationScoped
public class PolicyDiffLabels {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Set<String> COVER_RULES = Set.of("coverStart", "lateCoverStart", "freshmanCoverStart");
    private static final Set<String> PRICE_MODES = Set.of("priceMode");
    private static final Set<String> GROUPS = Set.of("groups", "exemptGroups");
    private static final Set<String> WINDOWS = Set.of("concentratedWindows", "windowName");
    private static final Set<String> REASONS = Set.of("alsoCounts", "excludes");

    @Inject
    PolicyLabels labels;

    public String section(Change change) {
        return Texts.text("policy.diff.section." + change.section().name(), change.section().name().toLowerCase(Locale.ROOT));
    }

    /** The row: a tier's name, a window's name, a category's code, a rule's name; a dash for the general facts. */
    public String row(Change change) {
        String key = change.key();
        if (key == null) {
            return "—";
        }
        return switch (change.section()) {
            case TIERS -> key.matches("\\d{1,2}") ? labels.tierName(Integer.parseInt(key)) : key;
            case WINDOWS -> labels.window(key);
            case RULES, NOTES -> {
                int space = key.indexOf(' ');
                String rule = space < 0 ? key : key.substring(0, space);
                yield Texts.text("policy.diff.rule." + rule, words(rule)) + (space < 0 ? "" : " " + key.substring(space + 1));
            }
            default -> key;
        };
    }

    /** The member that changed, by its name on the policy tables; for a whole row, whether it was added or removed. */
    public String field(Change change) {
        if (change.field() == null) {
            return Texts.text(change.kind() == Kind.ADDED ? "policy.diff.added" : "policy.diff.removed",
                    change.kind() == Kind.ADDED ? "added" : "removed");
        }
        return Arrays.stream(change.field().split("\\.")).map(this::segment).collect(Collectors.joining(" · "));
    }

    public String before(Change change) {
        return value(change, change.before());
    }

    public String after(Change change) {
        return value(change, change.after());
    }

    public boolean added(Change change) {
        return change.kind() == Kind.ADDED;
    }

    public boolean removed(Change change) {
        return change.kind() == Kind.REMOVED;
    }

    /** A lint warning in the user's language. */
    public String warning(PolicyLint.Warning warning) {
        return Texts.english() ? warning.messageEn() : warning.messageZh();
    }

    public String time(OffsetDateTime at) {
        return at == null ? "—" : at.atZoneSameInstant(cn.canbao.platform.boundary.BusinessClock.CHINA).format(TIME);
    }

    /** A version's note, stored as "中文 / English" when the system wrote it. */
    public String note(String note) {
        return note == null || note.isBlank() ? "" : Texts.pick(note);
    }

    private String segment(String segment) {
        if (segment.matches("\\d+")) {
            return segment;
        }
        if (segment.matches("tier\\d{1,2}")) {
            return labels.tierName(Integer.parseInt(segment.substring(4)));
        }
        return Texts.text("policy.diff.field." + segment, words(segment));
    }

    private String value(Change change, String value) {
        if (value == null || value.isEmpty()) {
            return "—";
        }
        if (change.field() == null) {
            return value;
        }
        String member = change.field().substring(change.field().lastIndexOf('.') + 1);
        if ("true".equals(value) || "false".equals(value)) {
            return labels.yesNo(Boolean.parseBoolean(value));
        }
        if (COVER_RULES.contains(member)) {
            try {
                return labels.coverStart(CoverStart.parse(value));
            } catch (IllegalArgumentException unknown) {
                return value;
            }
        }
        if (PRICE_MODES.contains(member)) {
            try {
                return labels.priceMode(PriceMode.valueOf(value));
            } catch (IllegalArgumentException unknown) {
                return value;
            }
        }
        if (GROUPS.contains(member)) {
            return list(value, "group.");
        }
        if (WINDOWS.contains(member)) {
            return list(value, "window.");
        }
        if (REASONS.contains(member)) {
            return list(value, "reason.");
        }
        if (value.matches("[A-Z][A-Z_]+")) {
            // the remaining enumerations of the rules (year mode, gap scope …): named in the bundles
            return Texts.text("policy.diff.value." + value, words(value.toLowerCase(Locale.ROOT).replace('_', ' ')));
        }
        return value;
    }

    private static String list(String value, String prefix) {
        return Arrays.stream(value.split(",\\s*")).map(v -> Texts.text(prefix + v, words(v.toLowerCase(Locale.ROOT).replace('_', ' '))))
                .collect(Collectors.joining("、"));
    }

    /** "fixedMonths" → "fixed months": a member the bundles do not name, as words rather than a parameter name. */
    static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
