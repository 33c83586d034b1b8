package cn.canbao.integration.boundary;

import cn.canbao.collection.boundary.Payments;
import cn.canbao.collection.entity.Payment;
import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebService;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The SOAP service of the provincial medical-insurance platform (../shared/spec/API.md, SOAP): enrollment status by ID number and
 * policy, and payment confirmation with exactly the validation and idempotency of {@code POST /payments} (it calls
 * the same boundary). Address fixed by META-INF/jboss-webservices.xml: {@code /canbao-ws/ProvincialPlatform?wsdl}.
 * No transaction here: each call's own boundary decides, and a refusal is reported as a fault, not a rollback.
 */
@Stateless(name = "ProvincialPlatform")
@WebService(serviceName = "ProvincialPlatformService", portName = "ProvincialPlatformPort",
        targetNamespace = "http://canbao.cn/integration/v1")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@RolesAllowed({Roles.INTEGRATION, Roles.TAX})
public class ProvincialPlatform {

    /** An enrollment as the platform reads it. */
    public static class EnrollmentStatusReply {
        public String idNumber;
        public String policyId;
        public int insuranceYear;
        public int tier;
        public String status;
        public BigDecimal amountDue;
        public String benefitStart;
        public String benefitEnd;
    }

    /** The stored payment: the frozen split and the cover; {@code created} false when the transaction id was seen before. */
    public static class PaymentReply {
        public boolean created;
        public String transactionId;
        public String receiptNumber;
        public BigDecimal amount;
        public BigDecimal standardAmount;
        public BigDecimal personalAmount;
        public String subsidyCode;
        public BigDecimal subsidyAmount;
        public BigDecimal fiscalShareAmount;
        public String benefitStart;
        public String benefitEnd;
        public String businessDate;
    }

    @Inject
    Enrollments enrollments;

    @Inject
    Payments payments;

    @WebMethod
    public EnrollmentStatusReply queryEnrollmentStatus(@WebParam(name = "idNumber") String idNumber,
                                                       @WebParam(name = "policyId") String policyId) throws CanbaoFault {
        try {
            Enrollments.Reading r = enrollments.status(idNumber, policyId);
            EnrollmentStatusReply reply = new EnrollmentStatusReply();
            reply.idNumber = r.person().getIdNumber();
            reply.policyId = r.enrollment().getPolicyId();
            reply.insuranceYear = r.enrollment().getInsuranceYear();
            reply.tier = r.enrollment().getTier();
            reply.status = r.status().name();
            reply.amountDue = r.amountDue();
            reply.benefitStart = r.enrollment().getBenefitStart() == null ? null : r.enrollment().getBenefitStart().toString();
            reply.benefitEnd = r.enrollment().getBenefitEnd() == null ? null : r.enrollment().getBenefitEnd().toString();
            return reply;
        } catch (ProblemException | EJBException e) {
            throw fault(e);
        }
    }

    @WebMethod
    public PaymentReply confirmPayment(@WebParam(name = "transactionId") String transactionId,
                                       @WebParam(name = "idNumber") String idNumber,
                                       @WebParam(name = "policyId") String policyId,
                                       @WebParam(name = "tier") Integer tier,
                                       @WebParam(name = "amount") BigDecimal amount,
                                       @WebParam(name = "channel") String channel,
                                       @WebParam(name = "paidAt") String paidAt) throws CanbaoFault {
        OffsetDateTime paid;
        try {
            paid = paidAt == null ? null : OffsetDateTime.parse(paidAt.trim());
        } catch (DateTimeParseException e) {
            throw new CanbaoFault(ProblemException.badRequest("INVALID_INPUT", "paidAt 须为带时区偏移的 ISO-8601 时间",
                    "paidAt must be ISO-8601 with offset", List.of(new ProblemException.FieldError("paidAt", paidAt))));
        }
        try {
            Payments.Outcome o = payments.pay(new Payments.Submission(transactionId, idNumber, policyId, tier, amount, channel, paid));
            Payment p = o.payment();
            PaymentReply reply = new PaymentReply();
            reply.created = o.created();
            reply.transactionId = p.getTransactionId();
            reply.receiptNumber = p.getReceiptNumber();
            reply.amount = p.getAmount();
            reply.standardAmount = p.getStandardAmount();
            reply.personalAmount = p.getPersonalAmount();
            reply.subsidyCode = p.getSubsidyCode();
            reply.subsidyAmount = p.getSubsidyAmount();
            reply.fiscalShareAmount = p.getFiscalShareAmount();
            reply.benefitStart = p.getBenefitStart().toString();
            reply.benefitEnd = p.getBenefitEnd().toString();
            reply.businessDate = p.getBusinessDate().toString();
            return reply;
        } catch (ProblemException | EJBException e) {
            throw fault(e);
        }
    }

    private static CanbaoFault fault(RuntimeException e) {
        Throwable t = e;
        while (t instanceof EJBException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ProblemException problem) {
            return new CanbaoFault(problem);
        }
        if (t instanceof jakarta.ejb.EJBAccessException || e instanceof jakarta.ejb.EJBAccessException) {
            return new CanbaoFault(ProblemException.forbidden("FORBIDDEN", "您的角色无权执行此操作", "your role may not do this"));
        }
        throw e;
    }

    static ZoneId china() {
        return ZoneId.of("Asia/Shanghai");
    }
}
