package cn.canbao.campaign.boundary;

import cn.canbao.policy.control.Seeds;
import cn.canbao.campaign.boundary.CampaignSchedule;
import cn.canbao.campaign.boundary.CampaignSchedule.Due;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scheduler's dates come from each seed policy's windows: the day after the concentrated window, the first full-cost day. */
class CampaignScheduleDatesTest {

    @Test
    void rolloverTheDayAfterTheConcentratedWindowAndSwitchoverOnTheFirstFullCostDay() {
        assertEquals(List.of(new Due("500101-2024", "500101", CampaignSchedule.DEADLINE_ROLLOVER, LocalDate.of(2024, 1, 1)),
                        new Due("500101-2024", "500101", CampaignSchedule.FULL_COST_SWITCHOVER, LocalDate.of(2024, 7, 1))),
                CampaignSchedule.dues(Seeds.policy("500101-2024")));
        assertEquals(List.of(new Due("500118-2023", "500118", CampaignSchedule.DEADLINE_ROLLOVER, LocalDate.of(2023, 1, 1)),
                        new Due("500118-2023", "500118", CampaignSchedule.FULL_COST_SWITCHOVER, LocalDate.of(2023, 7, 1))),
                CampaignSchedule.dues(Seeds.policy("500118-2023")));
    }

    @Test
    void everySeedPolicyHasBothDates() {
        for (String id : Seeds.IDS) {
            List<Due> dues = CampaignSchedule.dues(Seeds.policy(id));
            assertEquals(2, dues.size(), id + ": " + dues);
            assertEquals(Seeds.policy(id).windows().stream().filter(w -> w.priceMode() == cn.canbao.policy.entity.PriceMode.FULL_COST)
                    .map(w -> w.from()).min(LocalDate::compareTo).orElseThrow(), dues.get(1).dueDate(), id);
        }
    }
}
