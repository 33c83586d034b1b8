package cn.canbao.web.counter;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The person page's continuous years: the run ending with this year, or with last year while this one is not insured. */
class ContinuousYearsTextTest {

    /** The texts of messages_zh_CN.properties. */
    static final String NONE = "无连续参保记录";
    static final String RUN = "{0} 年（{1}—{2} 年）";

    @Test
    void theRunEndsWithThisYearOrLastYear() {
        assertEquals("3 年（2021—2023 年）", ResidentView.continuousYears(Set.of(2019, 2021, 2022, 2023), 2023, NONE, RUN));
        assertEquals("2 年（2021—2022 年）", ResidentView.continuousYears(Set.of(2019, 2021, 2022), 2023, NONE, RUN));
        assertEquals("无连续参保记录", ResidentView.continuousYears(Set.of(2019, 2020), 2023, NONE, RUN));
        assertEquals("无连续参保记录", ResidentView.continuousYears(Set.of(), 2023, NONE, RUN));
    }
}
