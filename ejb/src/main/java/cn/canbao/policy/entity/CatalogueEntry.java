package cn.canbao.policy.entity;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One subsidy category of the catalogue (资助参保身份). {@code college} rows (e.g. 108 困难大学生) are priced
 * against the college standard and apply to college students only. A null validFrom/validTo means the notice
 * states no validity: the category holds for the whole campaign.
 */
public record CatalogueEntry(String code, String name, String certifyingDepartment, String fundingDepartment,
                             LocalDate validFrom, LocalDate validTo, boolean college, List<TierAmount> amounts) {

    public CatalogueEntry {
        amounts = List.copyOf(amounts);
    }

    public Optional<TierAmount> amountFor(int tier) {
        return amounts.stream().filter(a -> a.tier() == tier && a.offered()).findFirst();
    }

    public boolean validOn(LocalDate date) {
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
    }

    /**
     * Whether a department certifies or funds this category: one of the names the catalogue gives (a list such as
     * "区民政局、区卫生健康委" names several) and the department's name contain one another — the notices say "区民政局",
     * an account says "万州区民政局". Blank names concern nothing.
     */
    public boolean concerns(String department) {
        return named(certifyingDepartment, department, true) || named(fundingDepartment, department, true);
    }

    /** Whether a text (an account's display name, "万州区民政局 刘洋") mentions one of this category's departments. */
    public boolean mentionedIn(String text) {
        return named(certifyingDepartment, text, false) || named(fundingDepartment, text, false);
    }

    private static boolean named(String catalogue, String department, boolean eitherWay) {
        if (catalogue == null || catalogue.isBlank() || department == null || department.isBlank()) {
            return false;
        }
        String d = department.trim();
        for (String one : catalogue.split("[、,，;；/]")) {
            String name = one.trim();
            if (!name.isEmpty() && (d.contains(name) || (eitherWay && name.contains(d)))) {
                return true;
            }
        }
        return false;
    }
}
