package cn.canbao.policy.entity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The figures of ../shared/spec/API.md's quote response, field for field; explanation lines say which rule decided each. */
public record Quote(String policyId, int tier, BigDecimal standardAmount, String subsidyCode,
                    BigDecimal subsidyAmount, BigDecimal fiscalShareAmount, BigDecimal personalAmount,
                    LocalDate benefitStart, LocalDate benefitEnd, String window, List<String> explanation) {

    public Quote {
        explanation = List.copyOf(explanation);
    }
}
