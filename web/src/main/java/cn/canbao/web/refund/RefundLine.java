package cn.canbao.web.refund;

import cn.canbao.collection.entity.Payment;
import cn.canbao.person.entity.Person;
import cn.canbao.refund.entity.Refund;

import java.io.Serializable;
import java.time.OffsetDateTime;

/**
 * A refund as the screens list it: the money it returns (the original payment's amount and receipt) and to whom; the
 * person's ID number masked; the whole record only on the person's page.
 */
public record RefundLine(Long refundId, Long personId, String maskedIdNumber, String name, String regionCode,
                         String policyId, String reason, String note, boolean eligible, String status,
                         String requestedBy, OffsetDateTime requestedAt, String reviewedBy, OffsetDateTime reviewedAt,
                         String reviewNote, String overrideReason, String executedBy, OffsetDateTime executedAt,
                         Long reversalPaymentId, java.math.BigDecimal amount, String receiptNumber, String channel,
                         java.time.LocalDate paidOn, String payeeName, String payeeAccount) implements Serializable {

    public static RefundLine of(Refund r, Person p, Payment paid) {
        return new RefundLine(r.getId(), p.getId(), p.maskedIdNumber(), p.getName(), p.getHouseholdRegionCode(),
                r.getPolicyId(), r.getReason().name(), r.getNote(), r.isEligible(), r.getStatus().name(),
                r.getRequestedBy(), r.getRequestedAt(), r.getReviewedBy(), r.getReviewedAt(), r.getReviewNote(),
                r.getOverrideReason(), r.getExecutedBy(), r.getExecutedAt(), r.getReversalPaymentId(),
                paid == null ? null : paid.getAmount(), paid == null ? null : paid.getReceiptNumber(),
                paid == null ? null : paid.getChannel().name(), paid == null ? null : paid.getBusinessDate(),
                r.getPayeeName(), r.maskedPayeeAccount());
    }
}
