package cn.canbao.account.control;

import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.entity.RegionLevel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which roles an administrator may give, at which level of the region tree each role works, and what a user name
 * and a display name may be (docs/access.md).
 */
public final class AccountRules {

    public static final List<String> ROLES = List.of(Roles.ALL);

    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9_.-]{2,31}");

    /** The roles each managing role may give: a district administrator any role of the district, a town officer the town's. */
    private static final Map<String, Set<String>> ASSIGNABLE = Map.of(
            Roles.DISTRICT_ADMIN, Set.of(Roles.ALL),
            Roles.TOWN_OFFICER, Set.of(Roles.CLERK, Roles.TOWN_OFFICER));

    private static final Map<String, Set<RegionLevel>> LEVELS = Map.of(
            Roles.CLERK, Set.of(RegionLevel.VILLAGE),
            Roles.TOWN_OFFICER, Set.of(RegionLevel.TOWN),
            Roles.DISTRICT_ADMIN, Set.of(RegionLevel.PROVINCE, RegionLevel.DISTRICT), // a municipality's bureau manages its districts
            Roles.DEPARTMENT, Set.of(RegionLevel.DISTRICT, RegionLevel.TOWN),
            Roles.TAX, Set.of(RegionLevel.DISTRICT, RegionLevel.TOWN),
            Roles.SUPERVISOR, Set.of(RegionLevel.DISTRICT, RegionLevel.TOWN),
            Roles.OPERATOR, Set.of(RegionLevel.DISTRICT),
            Roles.INTEGRATION, Set.of(RegionLevel.PROVINCE, RegionLevel.DISTRICT));

    private AccountRules() {
    }

    public static boolean mayAssign(String callerRole, String role) {
        return ASSIGNABLE.getOrDefault(callerRole, Set.of()).contains(role);
    }

    public static boolean levelFits(String role, RegionLevel level) {
        return LEVELS.getOrDefault(role, Set.of()).contains(level);
    }

    public static String levels(String role) {
        return String.join(" or ", LEVELS.getOrDefault(role, Set.of()).stream().sorted().map(Enum::name).toList());
    }

    public static String levelsZh(String role) {
        return String.join("或", LEVELS.getOrDefault(role, Set.of()).stream().sorted().map(l -> switch (l) {
            case PROVINCE -> "省（市）";
            case DISTRICT -> "区县";
            case TOWN -> "镇（乡、街道）";
            case VILLAGE -> "村（社区）";
        }).toList());
    }

    public static Optional<String> username(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            return Optional.of("3–32 个小写字母、数字或 _ . -，以字母开头 / 3–32 lower-case letters, digits, _ . -, starting with a letter");
        }
        return Optional.empty();
    }

    public static Optional<String> displayName(String displayName) {
        return cn.canbao.platform.entity.FreeText.refusal(displayName, 100, true);
    }
}
