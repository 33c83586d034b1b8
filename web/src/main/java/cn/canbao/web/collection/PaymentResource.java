package cn.canbao.web.collection;

import jakarta.validation.Valid;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.collection.boundary.Payments;
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

    @Inject
    Payments payments;

    @Inject
    Receipts receipts;

    @Inject
    PdfReceipts pdfReceipts;

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
