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

    @Inject
    jakarta.enterprise.inject.Instance<cn.canbao.taxchannel.boundary.CollectionIntake> collections;

    /** One payment of a batch, as {@code confirmPayment} takes it. */
    public static class PaymentItem {
        public String transactionId;
        public String idNumber;
        public String policyId;
        public Integer tier;
        public BigDecimal amount;
        public String channel;
        public String paidAt;
    }

    /** One item's answer: the status {@code confirmPayment} would have given (201, 200 replay, 4xx), the payment or why not. */
    public static class PaymentItemResult {
        public String transactionId;
        public int status;
        public String code;
        public String message;
        public PaymentReply payment;
    }

    /** A collection file's report (API.md {@code GET /collections/{id}}). */
    public static class CollectionReply {
        public long id;
        public String status;
        public long lines;
        public long accepted;
        public long replayed;
        public long rejected;
        public BigDecimal totalAmount;
        public BigDecimal acceptedAmount;
    }

    /** A line of a collection file with a problem. */
    public static class CollectionProblem {
        public int line;
        public String transactionId;
        public String code;
        public String detail;
    }

    static final int MAX_BATCH = 1000;

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

    /**
     * The batch form of {@link #confirmPayment}: up to 1,000 payments, each taken exactly as a single confirmation (its
     * own transaction), answered in order; a refusal is the item's status and code, not a fault.
     */
    @WebMethod
    public java.util.List<PaymentItemResult> confirmPayments(@WebParam(name = "payment") java.util.List<PaymentItem> items)
            throws CanbaoFault {
        if (items == null || items.isEmpty() || items.size() > MAX_BATCH) {
            throw new CanbaoFault(ProblemException.badRequest(items != null && items.size() > MAX_BATCH ? "TOO_MANY_ITEMS" : "INVALID_INPUT",
                    "一次须有 1 至 " + MAX_BATCH + " 笔缴费", "1 to " + MAX_BATCH + " payments per call", List.of()));
        }
        java.util.List<PaymentItemResult> results = new java.util.ArrayList<>(items.size());
        for (PaymentItem item : items) {
            PaymentItemResult result = new PaymentItemResult();
            result.transactionId = item == null ? null : item.transactionId;
            try {
                if (item == null) {
                    throw new CanbaoFault(ProblemException.badRequest("INVALID_INPUT", "空的缴费项", "empty item", List.of()));
                }
                PaymentReply reply = confirmPayment(item.transactionId, item.idNumber, item.policyId, item.tier, item.amount,
                        item.channel, item.paidAt);
                result.status = reply.created ? 201 : 200;
                result.payment = reply;
            } catch (CanbaoFault refused) {
                result.status = refused.getStatus();
                result.code = refused.getCode();
                result.message = refused.getMessage();
            }
            results.add(result);
        }
        return results;
    }

    /**
     * A tax collection file (征收明细) as {@code POST /collections} takes it: CSV (UTF-8 or GBK) or XLSX, the control line
     * checked first (a mismatch is a fault and nothing is kept), then taken line by line by the batch job; waits up to
     * {@code waitSeconds} (0–120) for the job and answers the report as it then stands.
     */
    @WebMethod
    public CollectionReply submitCollectionFile(@WebParam(name = "fileName") String fileName,
                                                @WebParam(name = "format") String format,
                                                @WebParam(name = "encoding") String encoding,
                                                @WebParam(name = "content") byte[] content,
                                                @WebParam(name = "waitSeconds") Integer waitSeconds) throws CanbaoFault {
        int wait = waitSeconds == null ? 0 : Math.max(0, Math.min(120, waitSeconds));
        String kind = format == null || format.isBlank() ? "CSV" : format.trim().toUpperCase(java.util.Locale.ROOT);
        try {
            return reply(collections.get().take(new cn.canbao.taxchannel.boundary.Collections.Upload(kind, encoding, fileName, content),
                    java.time.Duration.ofSeconds(wait)));
        } catch (ProblemException | EJBException e) {
            throw fault(e);
        }
    }

    @WebMethod
    public CollectionReply getCollectionReport(@WebParam(name = "id") long id) throws CanbaoFault {
        try {
            return reply(collections.get().report(id));
        } catch (ProblemException | EJBException e) {
            throw fault(e);
        }
    }

    /** The lines with a problem, in line order, a page ({@code page} from 0, {@code size} 1–500) at a time. */
    @WebMethod
    public java.util.List<CollectionProblem> getCollectionProblems(@WebParam(name = "id") long id, @WebParam(name = "page") int page,
                                                                   @WebParam(name = "size") int size) throws CanbaoFault {
        int n = Math.max(1, Math.min(500, size));
        try {
            java.util.List<CollectionProblem> list = new java.util.ArrayList<>();
            for (cn.canbao.taxchannel.boundary.Collections.Problem p : collections.get().problems(id, Math.max(0, page) * n, n).problems()) {
                CollectionProblem c = new CollectionProblem();
                c.line = p.line();
                c.transactionId = p.transactionId();
                c.code = p.code();
                c.detail = p.detail();
                list.add(c);
            }
            return list;
        } catch (ProblemException | EJBException e) {
            throw fault(e);
        }
    }

    private static CollectionReply reply(cn.canbao.taxchannel.boundary.Collections.Report r) {
        CollectionReply reply = new CollectionReply();
        reply.id = r.id();
        reply.status = r.status();
        reply.lines = r.lines();
        reply.accepted = r.accepted();
        reply.replayed = r.replayed();
        reply.rejected = r.rejected();
        reply.totalAmount = r.totalAmount();
        reply.acceptedAmount = r.acceptedAmount();
        return reply;
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
