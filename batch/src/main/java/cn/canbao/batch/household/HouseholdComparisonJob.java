package cn.canbao.batch.household;

import cn.canbao.batch.boundary.JobDefinition;
import cn.canbao.batch.boundary.JobParameter;
import cn.canbao.household.boundary.HouseholdComparisons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

import static cn.canbao.batch.boundary.JobParameter.Type.UPLOAD;

/**
 * {@code household-comparison}: a stored police household list compared with the enrollments of its policy, village by
 * village. Policy and region come from the stored comparison (they decide the partitions and JOB_RUNNING).
 */
@ApplicationScoped
public class HouseholdComparisonJob implements JobDefinition {

    @Inject
    HouseholdComparisons comparisons;

    @Override
    public String id() {
        return HouseholdComparisons.JOB;
    }

    @Override
    public String titleZh() {
        return "户籍人口比对";
    }

    @Override
    public String titleEn() {
        return "Household list comparison";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.required("comparisonId", UPLOAD), JobParameter.TUNING.get(0), JobParameter.TUNING.get(1));
    }

    @Override
    public Map<String, String> check(Map<String, String> p) {
        String[] policyAndRegion = comparisons.policyAndRegion(Long.parseLong(p.get("comparisonId"))); // 404 when unknown
        p.put("policyId", policyAndRegion[0]);
        p.put("regionCode", policyAndRegion[1]);
        return p;
    }

    @Override
    public void started(Map<String, String> p, long executionId) {
        comparisons.attachExecution(Long.parseLong(p.get("comparisonId")), executionId); // its report follows the latest run
    }
}
