package cn.canbao.region.entity;


import java.util.Optional;

/**
 * What a region of the tree must be (../shared/spec/DOMAIN.md §6): statistical division codes — a province or district
 * 6 digits (GB/T 2260), a town 9 (district + 3), a village or community 12 (town + 3) —, each code extending its
 * parent's, each level the one below its parent's; a name of 1 to 50 characters without control characters.
 */
public final class RegionRules {

    private RegionRules() {
    }

    public static Optional<String> code(String code, RegionLevel level) {
        if (code == null || code.isEmpty() || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("须为数字代码 / must be a numeric code");
        }
        int length = switch (level) {
            case PROVINCE, DISTRICT -> 6;
            case TOWN -> 9;
            case VILLAGE -> 12;
        };
        if (code.length() != length) {
            return Optional.of(level + " 的代码须为 " + length + " 位 / a " + level + " code has " + length + " digits");
        }
        return Optional.empty();
    }

    /** The parent's level a region of {@code level} needs, empty for a province. */
    public static Optional<RegionLevel> parentLevel(RegionLevel level) {
        return switch (level) {
            case PROVINCE -> Optional.empty();
            case DISTRICT -> Optional.of(RegionLevel.PROVINCE);
            case TOWN -> Optional.of(RegionLevel.DISTRICT);
            case VILLAGE -> Optional.of(RegionLevel.TOWN);
        };
    }

    /** Whether {@code code} extends its parent's code (a district shares its province's first two digits). */
    public static boolean extendsParent(String code, String parentCode, RegionLevel level) {
        if (parentCode == null) {
            return level == RegionLevel.PROVINCE;
        }
        return level == RegionLevel.DISTRICT ? code.substring(0, 2).equals(parentCode.substring(0, 2))
                : code.startsWith(parentCode);
    }

    public static Optional<String> name(String name) {
        return cn.canbao.platform.entity.FreeText.refusal(name, 50, true);
    }
}
