package cn.canbao.batch.rollover;

import cn.canbao.batch.boundary.PolicyOnDateJob;
import cn.canbao.campaign.boundary.CampaignSchedule;
import cn.canbao.campaign.boundary.DeadlineRollover;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;

/**
 * {@code campaign-deadline-rollover}: after the concentrated window, unpaid registrations are repriced for the next
 * window and each village's result is frozen (../shared/spec/DOMAIN.md §5.3).
 */
@ApplicationScoped
public class DeadlineRolloverJob extends PolicyOnDateJob {

    @Inject
    DeadlineRollover rollover;

    @Override
    public String id() {
        return CampaignSchedule.DEADLINE_ROLLOVER;
    }

    @Override
    public String titleZh() {
        return "集中征缴期截止结转";
    }

    @Override
    public String titleEn() {
        return "Deadline rollover";
    }

    @Override
    protected void requireDate(String policyId, LocalDate asOf) {
        rollover.requireAfterDeadline(policyId, asOf);
    }
}
