package cn.canbao.web.collection;

import cn.canbao.collection.boundary.Payments;
import cn.canbao.collection.entity.Payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The API shape of a payment (or reversal): the split frozen at payment and the cover it bought. */
public record PaymentView(Long paymentId, String transactionId, String kind, Long reversesPaymentId, String idNumber,
                          String name, String policyId, int tier, BigDecimal amount, BigDecimal standardAmount,
                          BigDecimal personalAmount, String subsidyCode, BigDecimal subsidyAmount,
                          BigDecimal fiscalShareAmount, LocalDate benefitStart, LocalDate benefitEnd, String channel,
                          OffsetDateTime paidAt, LocalDate businessDate, String collector, String receiptNumber) {

    /** Moments are shown in China time whatever offset the channel sent or the database returns. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public static PaymentView of(Payments.Outcome o) {
        Payment p = o.payment();
        return new PaymentView(p.getId(), p.getTransactionId(), p.getKind().name(), p.getReversesId(),
                o.person().getIdNumber(), o.person().getName(), p.getPolicyId(), p.getTier(), p.getAmount(),
                p.getStandardAmount(), p.getPersonalAmount(), p.getSubsidyCode(), p.getSubsidyAmount(),
                p.getFiscalShareAmount(), p.getBenefitStart(), p.getBenefitEnd(), p.getChannel().name(),
                p.getPaidAt().atZoneSameInstant(CHINA).toOffsetDateTime(), p.getBusinessDate(), p.getCollector(), p.getReceiptNumber());
    }
}
