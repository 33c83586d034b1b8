package cn.canbao.policy.entity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The figures of ../shared/spec/API.md's quote response, field for field; explanation lines say which rule decided each.
 * {@code continuousYears} and {@code waiting} are null unless the policy has a continuity rule; {@code benefitStart}
 * already includes the waiting period.
 */
public record Quote(String policyId, int tier, BigDecimal standardAmount, String subsidyCode,
                    BigDecimal subsidyAmount, BigDecimal fiscalShareAmount, BigDecimal personalAmount,
                    LocalDate benefitStart, LocalDate benefitEnd, String window, List<String> explanation,
                    Integer continuousYears, Waiting waiting) {

    /** The continuity waiting period in calendar months: 固定待遇等待期 and 变动待遇等待期. */
    public record Waiting(int fixedMonths, int variableMonths) {

        public static final Waiting NONE = new Waiting(0, 0);

        public int totalMonths() {
            return fixedMonths + variableMonths;
        }
    }

    public Quote {
        explanation = List.copyOf(explanation);
    }

    /** A quote under a policy without continuity rule. */
    public Quote(String policyId, int tier, BigDecimal standardAmount, String subsidyCode, BigDecimal subsidyAmount,
                 BigDecimal fiscalShareAmount, BigDecimal personalAmount, LocalDate benefitStart, LocalDate benefitEnd,
                 String window, List<String> explanation) {
        this(policyId, tier, standardAmount, subsidyCode, subsidyAmount, fiscalShareAmount, personalAmount,
                benefitStart, benefitEnd, window, explanation, null, null);
    }
}
