package cn.canbao.batch.population;

import cn.canbao.batch.boundary.JobCatalogue;
import cn.canbao.batch.boundary.JobDefinition;
import cn.canbao.batch.boundary.JobParameter;
import cn.canbao.demo.boundary.DemoPopulation;
import cn.canbao.demo.boundary.PopulationGenerator.Profile;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.policy.entity.Policy;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.canbao.batch.boundary.JobParameter.Type.DATE;
import static cn.canbao.batch.boundary.JobParameter.Type.DECIMAL;
import static cn.canbao.batch.boundary.JobParameter.Type.INTEGER;
import static cn.canbao.batch.boundary.JobParameter.Type.POLICY;
import static cn.canbao.batch.boundary.JobParameter.Type.REGION;
import static cn.canbao.batch.boundary.JobParameter.Type.TEXT;

/** {@code demo-population}: demo residents, registrations and payments generated for a town or a village. */
@ApplicationScoped
public class DemoPopulationJob implements JobDefinition {

    static final int MAX_DEMO_PERSONS = 2_000_000;

    @Inject
    JobCatalogue catalogue;

    @Inject
    Clock clock;

    @Override
    public String id() {
        return DemoPopulation.JOB;
    }

    @Override
    public String titleZh() {
        return "演示人口生成";
    }

    @Override
    public String titleEn() {
        return "Demo population";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.required("regionCode", REGION),
                JobParameter.required("count", INTEGER, 2, MAX_DEMO_PERSONS),
                JobParameter.required("seed", INTEGER, Long.MIN_VALUE, Long.MAX_VALUE),
                JobParameter.required("policyId", POLICY),
                JobParameter.optional("paidUntil", DATE),
                JobParameter.optional("paidShare", DECIMAL, 0, 1),
                JobParameter.optional("tier2Share", DECIMAL, 0, 1),
                JobParameter.optional("subsidyShares", TEXT),
                JobParameter.optional("spread", TEXT),
                JobParameter.TUNING.get(0), JobParameter.TUNING.get(1));
    }

    @Override
    public List<FieldError> formErrors(Map<String, String> p) {
        if (p.containsKey("spread") && !List.of("even", "targets").contains(p.get("spread"))) {
            return List.of(new FieldError("parameters.spread", "even 或 targets / even or targets"));
        }
        if (p.containsKey("subsidyShares")) {
            try {
                Profile.parseShares(p.get("subsidyShares"));
            } catch (IllegalArgumentException e) {
                return List.of(new FieldError("parameters.subsidyShares", "形如 101:0.03,113:0.01 / like 101:0.03,113:0.01"));
            }
        }
        return List.of();
    }

    @Override
    public Map<String, String> check(Map<String, String> p) {
        Policy policy = catalogue.policy(p.get("policyId"), "policyId");
        Region region = catalogue.regionWithin(p.get("regionCode"), policy);
        if (region.getLevel() != RegionLevel.TOWN && region.getLevel() != RegionLevel.VILLAGE) {
            throw JobCatalogue.unprocessable("REGION_NOT_TOWN_OR_VILLAGE", "regionCode",
                    "演示人口须生成在镇（乡、街道）或村（社区）：" + region.getCode() + " 为 " + region.getLevel(),
                    "demo population goes into a town or a village; " + region.getCode() + " is a " + region.getLevel());
        }
        int villages = catalogue.villagesUnder(region.getCode());
        if (villages == 0 || Long.parseLong(p.get("count")) < 2L * villages) {
            throw JobCatalogue.unprocessable("COUNT_TOO_SMALL", "count", "每个村至少2人（" + villages + "个村）",
                    "at least 2 persons per village (" + villages + " villages)");
        }
        for (String code : Profile.parseShares(p.getOrDefault("subsidyShares", "")).keySet()) {
            if (policy.category(code).isEmpty()) {
                throw JobCatalogue.unprocessable("SUBSIDY_CODE_UNKNOWN", "subsidyShares", "资助身份 " + code + " 不在 "
                        + policy.policyId() + " 的资助目录中", "subsidy code " + code + " is not in the catalogue of " + policy.policyId());
            }
        }
        p.putIfAbsent("paidUntil", LocalDate.now(clock).toString());
        return p;
    }
}
