package cn.canbao.batch.renewal;

import cn.canbao.batch.boundary.JobCatalogue;
import cn.canbao.batch.boundary.JobDefinition;
import cn.canbao.batch.boundary.JobParameter;
import cn.canbao.campaign.boundary.CampaignRenewal;
import cn.canbao.policy.entity.Policy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

import static cn.canbao.batch.boundary.JobParameter.Type.POLICY;
import static cn.canbao.batch.boundary.JobParameter.Type.REGION;

/** {@code campaign-renewal}: next year's campaign opened from this year's paid enrollments (../shared/spec/DOMAIN.md §5.6). */
@ApplicationScoped
public class CampaignRenewalJob implements JobDefinition {

    @Inject
    JobCatalogue catalogue;

    @Inject
    CampaignRenewal renewal;

    @Override
    public String id() {
        return CampaignRenewal.JOB;
    }

    @Override
    public String titleZh() {
        return "下一年度续保登记";
    }

    @Override
    public String titleEn() {
        return "Renewal into next year";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.required("fromPolicyId", POLICY), JobParameter.required("toPolicyId", POLICY),
                JobParameter.optional("regionCode", REGION), JobParameter.TUNING.get(0), JobParameter.TUNING.get(1));
    }

    @Override
    public Map<String, String> check(Map<String, String> p) {
        Policy from = catalogue.policy(p.get("fromPolicyId"), "fromPolicyId");
        catalogue.policy(p.get("toPolicyId"), "toPolicyId");
        renewal.requireNextYear(p.get("fromPolicyId"), p.get("toPolicyId"));
        p.putIfAbsent("regionCode", from.regionCode());
        catalogue.regionWithin(p.get("regionCode"), from);
        return p;
    }
}
