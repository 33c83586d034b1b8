package cn.canbao.web.platform;

import cn.canbao.policy.boundary.Policies;
import cn.canbao.region.boundary.Regions;

import java.util.Comparator;
import java.util.List;

/** The policies a screen offers for a region: those of the region, above it or below it, newest year first. */
public final class PolicyChoices {

    private PolicyChoices() {
    }

    public static List<Policies.Summary> around(Policies policies, Regions regions, String own) {
        return policies.list().stream()
                .filter(s -> regions.isWithin(own, s.regionCode()) || regions.isWithin(s.regionCode(), own))
                .sorted(Comparator.comparing(Policies.Summary::insuranceYear).reversed().thenComparing(Policies.Summary::policyId))
                .toList();
    }
}
