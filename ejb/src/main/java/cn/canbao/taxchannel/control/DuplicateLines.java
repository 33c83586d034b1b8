package cn.canbao.taxchannel.control;

import cn.canbao.collection.boundary.Payments;
import cn.canbao.collection.entity.Payment;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.refund.boundary.Refunds;
import cn.canbao.refund.entity.Refund;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * A collection file's line for a year already paid: the money is recorded as a DUPLICATE payment and a refund of
 * reason DUPLICATE_PAYMENT is opened on it for the district bureau's review — both in one transaction of its own, so
 * that a crash leaves either both or neither, and a restarted import finds them by the transaction id.
 */
@Stateless
@RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DuplicateLines {

    /** The duplicate payment, whether this call recorded it, and its refund. */
    public record Recorded(Payment payment, boolean created, Long refundId) {
    }

    @Inject
    Payments payments;

    @Inject
    Refunds refunds;

    public Recorded record(Payments.Submission submission, String taxOffice, long collectionId) {
        Payments.Outcome d = payments.recordDuplicate(submission, taxOffice, collectionId);
        if (d.payment().getKind() != Payment.Kind.DUPLICATE) {
            // the transaction id is the year's standing payment itself: a replay, nothing to refund
            return new Recorded(d.payment(), false, null);
        }
        Refund refund = refunds.openForDuplicate(d.payment(), d.person(),
                "征收明细 " + collectionId + " 重复缴费 " + submission.transactionId() + " / duplicate payment in collection file " + collectionId);
        return new Recorded(d.payment(), d.created(), refund.getId());
    }
}
