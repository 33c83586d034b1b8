package cn.canbao.web.collection;

import jakarta.validation.Valid;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.collection.boundary.Payments;
import cn.canbao.web.platform.Problems;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/payments} (../shared/spec/API.md): 201 for a new payment, 200 with the first result when the transaction id was
 * seen before. Corrections by reversal only.
 */
@Path("payments")
@Produces(MediaType.APPLICATION_JSON)
// least privilege: the payments of persons are read by those who collect them and by the district bureau
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.TAX, Roles.INTEGRATION})
public class PaymentResource {

    public record ReversalBody(@FitsColumn(value = "refund.note", lines = true) String reason) {
    }

    /** At most this many payments in one {@code POST /payments/batch}. */
    public static final int MAX_BATCH = 1000;

    /** One item's answer: the status {@code POST /payments} would have given it, with its body. */
    public record BatchResult(String transactionId, int status, PaymentView payment, jakarta.json.JsonObject problem) {
        // JSON-B's recursion check puts every object it writes in a hash set: identity, not a walk of the whole answer
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    public record BatchAnswer(java.util.List<BatchResult> results) {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    @Inject
    Payments payments;

    @Inject
    jakarta.validation.ValidatorFactory validators;

    /**
     * The items of a batch are records, not entities: every property is reachable, and the JPA traversable resolver
     * (which asks the persistence provider for each property) is not needed.
     */
    private jakarta.validation.Validator itemValidator() {
        return validators.usingContext().traversableResolver(new jakarta.validation.TraversableResolver() {
            @Override
            public boolean isReachable(Object bean, jakarta.validation.Path.Node node, Class<?> root, jakarta.validation.Path path,
                                       java.lang.annotation.ElementType type) {
                return true;
            }

            @Override
            public boolean isCascadable(Object bean, jakarta.validation.Path.Node node, Class<?> root, jakarta.validation.Path path,
                                        java.lang.annotation.ElementType type) {
                return true;
            }
        }).getValidator();
    }

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.ext.Providers providers;

    @Inject
    Receipts receipts;

    @Inject
    PdfReceipts pdfReceipts;

    /**
     * Up to {@value #MAX_BATCH} payments in one request ({@code {payments: [...]}}), each taken exactly as
     * {@code POST /payments} takes it and answered in request order; one item's refusal does not touch the others (the
     * plain items are recorded together in one transaction, the rest one by one: Payments.payAll). 200 {@code {results: [{transactionId, status, payment, problem}]}}.
     */
    @POST
    @Path("batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public BatchAnswer batch(jakarta.json.JsonObject body) {
        jakarta.json.JsonValue items = body == null ? null : body.get("payments");
        if (!(items instanceof jakarta.json.JsonArray array) || array.isEmpty()) {
            throw cn.canbao.platform.boundary.ProblemException.badRequest("INVALID_INPUT", "须提供缴费数组 payments",
                    "payments must be a non-empty array", java.util.List.of(new cn.canbao.platform.boundary.ProblemException.FieldError(
                            "payments", "1.." + MAX_BATCH)));
        }
        if (array.size() > MAX_BATCH) {
            throw cn.canbao.platform.boundary.ProblemException.badRequest("TOO_MANY_ITEMS", "一次至多 " + MAX_BATCH + " 笔缴费",
                    "at most " + MAX_BATCH + " payments per request", java.util.List.of(new cn.canbao.platform.boundary.ProblemException.FieldError(
                            "payments", "共 " + array.size() + " 笔 / " + array.size() + " items")));
        }
        // read and validated one by one; the valid ones taken together (Payments.payAll), answered in request order
        BatchResult[] results = new BatchResult[array.size()];
        java.util.List<Integer> indexes = new java.util.ArrayList<>();
        java.util.List<Payments.Submission> submissions = new java.util.ArrayList<>();
        jakarta.validation.Validator validator = itemValidator();
        for (int i = 0; i < array.size(); i++) {
            try {
                submissions.add(submission(i, array.get(i), validator));
                indexes.add(i);
            } catch (RuntimeException refused) {
                results[i] = refusal(transactionId(array.get(i)), refused);
            }
        }
        java.util.List<Payments.Taken> taken = submissions.isEmpty() ? java.util.List.of() : payments.payAll(submissions);
        for (int k = 0; k < taken.size(); k++) {
            Payments.Taken t = taken.get(k);
            int i = indexes.get(k);
            results[i] = t.refusal() != null ? refusal(transactionId(array.get(i)), t.refusal())
                    : new BatchResult(t.outcome().payment().getTransactionId(), t.outcome().created() ? 201 : 200,
                    PaymentView.of(t.outcome()), null);
        }
        return new BatchAnswer(java.util.List.of(results));
    }

    private static String transactionId(jakarta.json.JsonValue value) {
        return value instanceof jakarta.json.JsonObject o && o.get("transactionId") instanceof jakarta.json.JsonString s
                ? Problems.clip(s.getString(), 64) : null;
    }

    private Payments.Submission submission(int index, jakarta.json.JsonValue value, jakarta.validation.Validator validator) {
        if (!(value instanceof jakarta.json.JsonObject)) {
            throw cn.canbao.platform.boundary.ProblemException.badRequest("MALFORMED_JSON", "第 " + (index + 1) + " 笔不是 JSON 对象",
                    "item " + (index + 1) + " is not a JSON object", java.util.List.of());
        }
        Payments.Submission submission;
        try {
            submission = BatchItems.read((jakarta.json.JsonObject) value);
        } catch (jakarta.json.bind.JsonbException e) {
            throw cn.canbao.platform.boundary.ProblemException.badRequest("MALFORMED_JSON",
                    "请求内容不是有效的 JSON，或字段类型不符", "malformed JSON body or wrong field type", java.util.List.of());
        }
        java.util.Set<jakarta.validation.ConstraintViolation<Payments.Submission>> violations = validator.validate(submission);
        if (!violations.isEmpty()) {
            throw cn.canbao.platform.boundary.ProblemException.badRequest("INVALID_INPUT", "输入不完整或格式错误", "invalid input",
                    violations.stream().map(v -> new cn.canbao.platform.boundary.ProblemException.FieldError(
                            String.valueOf(v.getPropertyPath()), v.getMessage())).toList());
        }
        return submission;
    }

    /** An item's refusal answered as POST /payments would answer it: by the application's exception mappers. */
    private BatchResult refusal(String tx, RuntimeException refused) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        jakarta.ws.rs.ext.ExceptionMapper<RuntimeException> mapper =
                (jakarta.ws.rs.ext.ExceptionMapper) providers.getExceptionMapper(refused.getClass());
        Response answer = mapper.toResponse(refused);
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(String.valueOf(answer.getEntity())))) {
            return new BatchResult(tx, answer.getStatus(), null, reader.readObject());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response pay(@Valid Payments.Submission body) {
        Payments.Outcome outcome = payments.pay(body);
        return Response.status(outcome.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(PaymentView.of(outcome)).build();
    }

    @GET
    @Path("{transactionId}")
    public PaymentView get(@PathParam("transactionId") String transactionId) {
        return PaymentView.of(payments.byTransaction(transactionId));
    }

    @POST
    @Path("{transactionId}/reversals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Response reverse(@PathParam("transactionId") String transactionId, @Valid ReversalBody body) {
        return Response.status(Response.Status.CREATED)
                .entity(PaymentView.of(payments.reverse(transactionId, body == null ? null : body.reason()))).build();
    }

    /** The printable receipt (收据) of a payment, as HTML for the browser's print dialog. */
    @GET
    @Path("{transactionId}/receipt")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public String receipt(@PathParam("transactionId") String transactionId) {
        return receipts.html(payments.byTransaction(transactionId));
    }

    /** The receipt (缴费凭证) as PDF; the ID number masked as on the HTML receipt (docs/payments.md). */
    @GET
    @Path("{transactionId}/receipt.pdf")
    @Produces("application/pdf")
    public Response receiptPdf(@PathParam("transactionId") String transactionId) {
        Payments.Outcome outcome = payments.byTransaction(transactionId);
        return Response.ok(pdfReceipts.pdf(outcome), "application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + outcome.payment().getReceiptNumber() + ".pdf\"").build();
    }
}
