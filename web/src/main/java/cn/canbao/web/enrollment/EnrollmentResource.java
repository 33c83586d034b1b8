package cn.canbao.web.enrollment;

import jakarta.validation.Valid;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.platform.boundary.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** {@code /api/v1/enrollments}: registering a person in a campaign year (../shared/spec/API.md), and reading where it stands. */
@Path("enrollments")
@Produces(MediaType.APPLICATION_JSON)
// least privilege: supervisors and operators see figures, not persons
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.INTEGRATION})
public class EnrollmentResource {

    public record EnrollmentBody(@FitsColumn("person.id_number") String idNumber, @FitsColumn("policy.policy_id") String policyId,
                                 Integer tier) {
    }

    @Inject
    Enrollments enrollments;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enroll(@Valid EnrollmentBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return Response.status(Response.Status.CREATED)
                .entity(EnrollmentView.of(enrollments.enroll(body.idNumber(), body.policyId(), body.tier()))).build();
    }

    /** A registration cancelled (API addition): who, which policy, why. */
    public record CancellationBody(@FitsColumn("person.id_number") String idNumber, @FitsColumn("policy.policy_id") String policyId,
                                   String reason) {
    }

    /** {@code POST /enrollments/cancellations}: an unpaid registration cancelled with its reason (200 with the enrollment). */
    @POST
    @Path("cancellations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public EnrollmentView cancel(@Valid CancellationBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return EnrollmentView.of(enrollments.cancel(body.idNumber(), body.policyId(), body.reason()));
    }

    /** {@code GET /enrollments?idNumber=&policyId=}: the status the provincial platform asks for. */
    @GET
    public EnrollmentView status(@QueryParam("idNumber") String idNumber, @QueryParam("policyId") String policyId) {
        if (idNumber == null || policyId == null) {
            throw ProblemException.badRequest("INVALID_INPUT", "须提供 idNumber 和 policyId", "idNumber and policyId are required",
                    List.of(new ProblemException.FieldError(idNumber == null ? "idNumber" : "policyId", "必填 / required")));
        }
        return EnrollmentView.of(enrollments.status(idNumber, policyId));
    }
}
