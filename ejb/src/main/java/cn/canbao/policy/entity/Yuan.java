package cn.canbao.policy.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money in yuan: BigDecimal with scale 2, so that equal amounts are {@code equals} and print as JSON 380.00. */
public final class Yuan {
    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Yuan() {
    }

    /** Normalises to scale 2; refuses amounts with fractions of a fen rather than rounding money silently. */
    public static BigDecimal of(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static BigDecimal of(String amount) {
        return amount == null ? null : of(new BigDecimal(amount));
    }

    public static String format(BigDecimal amount) {
        return amount == null ? "—" : amount.toPlainString();
    }
}
