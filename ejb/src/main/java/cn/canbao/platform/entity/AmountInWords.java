package cn.canbao.platform.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount in yuan written in capital Chinese numerals (人民币大写), as on a receipt: 叁佰捌拾元整, 壹万零伍元伍角,
 * 壹拾元零伍分. The rules of the People's Bank's 《支付结算办法》 附一 (正确填写票据和结算凭证的基本规定): 整 after 元 when
 * there are no 角 and 分; none after 角 or 分; one 零 for any run of zeros inside the number, and 零 between 元 and 分
 * when there are no 角. AmountInWordsTest holds the cases.
 */
public final class AmountInWords {

    private static final char[] DIGITS = "零壹贰叁肆伍陆柒捌玖".toCharArray();
    private static final String[] PLACES = {"", "拾", "佰", "仟"};
    private static final String[] GROUPS = {"", "万", "亿", "万亿"};

    private AmountInWords() {
    }

    /** The amount (at most two decimals, below 10¹⁶ yuan) in words; a negative amount is prefixed 负. */
    public static String of(BigDecimal amount) {
        BigDecimal exact = amount.setScale(2, RoundingMode.UNNECESSARY);
        long fen = exact.abs().movePointRight(2).longValueExact();
        long yuan = fen / 100;
        int jiao = (int) (fen / 10 % 10);
        int cents = (int) (fen % 10);
        StringBuilder words = new StringBuilder(exact.signum() < 0 ? "负" : "");
        if (yuan == 0 && fen == 0) {
            return "零元整";
        }
        if (yuan > 0) {
            words.append(whole(yuan)).append('元');
        }
        if (jiao == 0 && cents == 0) {
            return words.append('整').toString();
        }
        if (jiao > 0) {
            words.append(DIGITS[jiao]).append('角');
        } else if (yuan > 0) {
            words.append('零');
        }
        if (cents > 0) {
            words.append(DIGITS[cents]).append('分');
        }
        return words.toString();
    }

    /** The amount as a receipt writes it: 人民币 and the words ({@link #of}). */
    public static String renminbi(BigDecimal amount) {
        return "人民币" + of(amount);
    }

    private static String whole(long n) {
        if (n >= 10_000_000_000_000_000L) {
            throw new IllegalArgumentException("too large for words: " + n);
        }
        int[] groups = new int[GROUPS.length];
        int count = 0;
        for (long rest = n; rest > 0; rest /= 10_000) {
            groups[count++] = (int) (rest % 10_000);
        }
        StringBuilder words = new StringBuilder();
        boolean zeroBetween = false;
        for (int g = count - 1; g >= 0; g--) {
            int value = groups[g];
            if (value == 0) {
                zeroBetween = words.length() > 0;
                continue;
            }
            if (words.length() > 0 && (zeroBetween || value < 1000)) {
                words.append('零');
            }
            words.append(group(value)).append(GROUPS[g]);
            zeroBetween = false;
        }
        return words.toString();
    }

    private static String group(int value) {
        StringBuilder words = new StringBuilder();
        boolean started = false;
        boolean zero = false;
        for (int place = 3; place >= 0; place--) {
            int digit = value / (int) Math.pow(10, place) % 10;
            if (digit == 0) {
                zero = started;
            } else {
                if (zero) {
                    words.append('零');
                    zero = false;
                }
                words.append(DIGITS[digit]).append(PLACES[place]);
                started = true;
            }
        }
        return words.toString();
    }
}
