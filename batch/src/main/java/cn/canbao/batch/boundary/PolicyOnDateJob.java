package cn.canbao.batch.boundary;

import cn.canbao.policy.entity.Policy;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.canbao.batch.boundary.JobParameter.Type.DATE;
import static cn.canbao.batch.boundary.JobParameter.Type.POLICY;
import static cn.canbao.batch.boundary.JobParameter.Type.REGION;

/**
 * A campaign job over one policy as of a date, village by village: {@code policyId}, {@code asOf}, {@code regionCode}
 * (default: the policy's pooling region). The policy must exist, the date suit the job ({@link #requireDate}), the
 * region lie in the policy's.
 */
public abstract class PolicyOnDateJob implements JobDefinition {

    @Inject
    protected JobCatalogue catalogue;

    /** The campaign's own rule for the date; refuses with a 422 problem. */
    protected abstract void requireDate(String policyId, LocalDate asOf);

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.required("policyId", POLICY), JobParameter.required("asOf", DATE),
                JobParameter.optional("regionCode", REGION), JobParameter.TUNING.get(0), JobParameter.TUNING.get(1));
    }

    @Override
    public Map<String, String> check(Map<String, String> p) {
        Policy policy = catalogue.policy(p.get("policyId"), "policyId");
        requireDate(policy.policyId(), LocalDate.parse(p.get("asOf")));
        p.putIfAbsent("regionCode", policy.regionCode());
        catalogue.regionWithin(p.get("regionCode"), policy);
        return p;
    }
}
