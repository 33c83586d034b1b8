package cn.canbao.platform.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Capital numerals as 《支付结算办法》 附一 writes them (its own examples among the cases, in the form without the optional 零). */
class AmountInWordsTest {

    @ParameterizedTest
    @CsvSource({
            "380.00, 叁佰捌拾元整",
            "0.00, 零元整",
            "0.50, 伍角",
            "0.05, 伍分",
            "0.55, 伍角伍分",
            "10.00, 壹拾元整",
            "10.05, 壹拾元零伍分",
            "1409.50, 壹仟肆佰零玖元伍角",
            "6007.14, 陆仟零柒元壹角肆分",
            "1680.32, 壹仟陆佰捌拾元叁角贰分",
            "107000.53, 壹拾万柒仟元伍角叁分",
            "10005.00, 壹万零伍元整",
            "100500.00, 壹拾万零伍佰元整",
            "100000005.00, 壹亿零伍元整",
            "120000000.00, 壹亿贰仟万元整",
            "1010.00, 壹仟零壹拾元整",
            "9999999999.99, 玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
            "-380.00, 负叁佰捌拾元整",
            "1, 壹元整"
    })
    void writesTheAmountInCapitals(String amount, String words) {
        assertEquals(words, AmountInWords.of(new BigDecimal(amount)));
    }

    @Test
    void aReceiptWritesItAsRenminbi() {
        assertEquals("人民币叁佰捌拾元整", AmountInWords.renminbi(new BigDecimal("380.00")));
    }

    @Test
    void refusesFractionsOfAFen() {
        assertThrows(ArithmeticException.class, () -> AmountInWords.of(new BigDecimal("1.005")));
    }
}
