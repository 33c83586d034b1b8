package cn.canbao.web.roster;

import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.region.boundary.Regions;
import cn.canbao.web.platform.Texts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the roster screens word reasons and statuses, and the subsidy catalogue of the caller's district. */
@Named
@ApplicationScoped
public class RosterLabels {

    /** A category of the catalogue as the screens offer it (the newest policy's name and department win). */
    public record Category(String code, String name, String certifyingDepartment) implements Serializable {
    }

    @Inject
    Policies policies;

    @Inject
    Regions regions;

    /** Why a row was rejected, in the user's language. */
    public String reason(String code) {
        return code == null ? "—" : Texts.text("roster.reason." + code, code);
    }

    /** A job's batch status in the user's language. */
    public String status(String code) {
        return code == null ? "—" : Texts.text("batch.status." + code, code);
    }

    /** A time stamp to the second, in China time as stored: "2023-11-20 08:11:49". */
    public String time(java.time.OffsetDateTime time) {
        return time == null ? "" : time.toLocalDateTime().withNano(0).toString().replace('T', ' ');
    }

    /** The categories of the catalogues of the policies of {@code regionCode}'s district, by code. */
    public List<Category> catalogue(String regionCode) {
        Map<String, Category> byCode = new LinkedHashMap<>();
        policies.list().stream()
                .filter(s -> regions.isWithin(regionCode, s.regionCode()) || regions.isWithin(s.regionCode(), regionCode))
                .sorted(Comparator.comparing(Policies.Summary::insuranceYear).reversed())
                .forEach(s -> {
                    for (CatalogueEntry e : policies.policy(s.policyId()).catalogue()) {
                        byCode.putIfAbsent(e.code(), new Category(e.code(), e.name(), e.certifyingDepartment()));
                    }
                });
        return byCode.values().stream().sorted(Comparator.comparing(Category::code)).toList();
    }
}
