package cn.canbao.web.refund;

import jakarta.validation.Valid;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.refund.boundary.Refunds;
import cn.canbao.refund.entity.Refund;
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

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code /api/v1/refunds} (../shared/spec/API.md): request (counter), {@code /{id}/review} (district_admin),
 * {@code /{id}/execution} (tax).
 */
@Path("refunds")
@Produces(MediaType.APPLICATION_JSON)
// least privilege: refunds are read by who requests, reviews and pays them
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.TAX})
public class RefundResource {

    public record RefundBody(@FitsColumn("person.id_number") String idNumber, @FitsColumn("policy.policy_id") String policyId,
                             @FitsColumn("refund.reason") String reason,
                             @FitsColumn(value = "refund.note", lines = true) String note,
                             @FitsColumn("refund.payee_name") String payeeName, @FitsColumn("refund.payee_account") String payeeAccount) {
    }

    public record ReviewBody(Boolean approve, @FitsColumn(value = "refund.review_note", lines = true) String note,
                             @FitsColumn(value = "refund.override_reason", lines = true) String overrideReason) {
    }

    public record RefundView(Long refundId, String policyId, String reason, String note, String status, boolean eligible,
                             Long paymentId, String requestedBy, OffsetDateTime requestedAt, String reviewedBy,
                             OffsetDateTime reviewedAt, String reviewNote, String overrideReason, String executedBy,
                             OffsetDateTime executedAt, Long reversalPaymentId, String payeeName, String payeeAccount) {
        static RefundView of(Refund r) {
            return new RefundView(r.getId(), r.getPolicyId(), r.getReason().name(), r.getNote(), r.getStatus().name(),
                    r.isEligible(), r.getPaymentId(), r.getRequestedBy(), r.getRequestedAt(), r.getReviewedBy(),
                    r.getReviewedAt(), r.getReviewNote(), r.getOverrideReason(), r.getExecutedBy(), r.getExecutedAt(),
                    r.getReversalPaymentId(), r.getPayeeName(), r.maskedPayeeAccount());
        }
    }

    @Inject
    Refunds refunds;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public Response request(@Valid RefundBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return Response.status(Response.Status.CREATED)
                .entity(RefundView.of(refunds.request(body.idNumber(), body.policyId(), body.reason(), body.note(), body.payeeName(), body.payeeAccount()).refund())).build();
    }

    @GET
    @Path("{id}")
    public RefundView get(@PathParam("id") Long id) {
        return RefundView.of(refunds.require(id));
    }

    @POST
    @Path("{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public RefundView review(@PathParam("id") Long id, @Valid ReviewBody body) {
        if (body == null || body.approve() == null) {
            throw ProblemException.badRequest("INVALID_INPUT", "须说明是否批准", "approve is required",
                    List.of(new ProblemException.FieldError("approve", "必填 / required")));
        }
        return RefundView.of(refunds.review(id, body.approve(), body.note(), body.overrideReason()));
    }

    @POST
    @Path("{id}/execution")
    @RolesAllowed(Roles.TAX)
    public RefundView execute(@PathParam("id") Long id) {
        return RefundView.of(refunds.execute(id));
    }
}
