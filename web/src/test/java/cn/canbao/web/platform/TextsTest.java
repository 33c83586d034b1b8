package cn.canbao.web.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The half of a bilingual refusal a screen shows. */
class TextsTest {

    @Test
    void picksTheChineseHalf() {
        assertEquals("2024-10-15已过最终缴费截止日2024-09-30",
                Texts.pick("2024-10-15已过最终缴费截止日2024-09-30 / 2024-10-15 is after the final cutoff 2024-09-30", false));
    }

    @Test
    void theChineseHalfMayQuoteASlash() {
        assertEquals("共 2 处问题：资助 / 个人 不等于标准",
                Texts.pick("共 2 处问题：资助 / 个人 不等于标准 / 2 problems: subsidy + personal is not the standard", false));
    }

    @Test
    void picksTheEnglishHalfInEnglish() {
        assertEquals("2 problems: subsidy + personal is not the standard",
                Texts.pick("共 2 处问题：资助 / 个人 不等于标准 / 2 problems: subsidy + personal is not the standard", true));
    }

    @Test
    void aTextNotSplitStaysWhole() {
        assertEquals("only English / still English", Texts.pick("only English / still English", false));
        assertEquals("只有中文", Texts.pick("只有中文", false));
        assertEquals("", Texts.pick(null, false));
    }
}
