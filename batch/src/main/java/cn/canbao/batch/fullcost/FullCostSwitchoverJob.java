package cn.canbao.batch.fullcost;

import cn.canbao.batch.boundary.PolicyOnDateJob;
import cn.canbao.campaign.boundary.CampaignSchedule;
import cn.canbao.campaign.boundary.Repricing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;

/** {@code full-cost-switchover}: unpaid registrations owe the full cost from {@code asOf} (../shared/spec/DOMAIN.md §5.5). */
@ApplicationScoped
public class FullCostSwitchoverJob extends PolicyOnDateJob {

    @Inject
    Repricing repricing;

    @Override
    public String id() {
        return CampaignSchedule.FULL_COST_SWITCHOVER;
    }

    @Override
    public String titleZh() {
        return "全额缴费转换";
    }

    @Override
    public String titleEn() {
        return "Full-cost switchover";
    }

    @Override
    protected void requireDate(String policyId, LocalDate asOf) {
        repricing.requireFullCostDate(policyId, asOf);
    }
}
