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
}
