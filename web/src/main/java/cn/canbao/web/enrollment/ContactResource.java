package cn.canbao.web.enrollment;

import jakarta.validation.Valid;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.enrollment.boundary.Contacts;
import cn.canbao.enrollment.entity.ContactAttempt;
import cn.canbao.platform.boundary.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code /api/v1/contacts}: a follow-up call or visit to a resident on the unpaid list (催缴), recorded with what came
 * of it (docs/api-additions.md). The unpaid list shows the latest contact of each resident.
 */
@Path("contacts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER})
public class ContactResource {

    public record ContactBody(@FitsColumn("person.id_number") String idNumber, @FitsColumn("policy.policy_id") String policyId,
                              @FitsColumn("contact_attempt.channel") String channel,
                              @FitsColumn("contact_attempt.outcome") String outcome,
                              @FitsColumn(value = "contact_attempt.note", lines = true) String note) {
    }

    public record ContactView(Long id, Long personId, String policyId, int insuranceYear, String channel, String outcome,
                              String note, String regionCode, String recordedBy, OffsetDateTime recordedAt) {
        static ContactView of(ContactAttempt c) {
            return new ContactView(c.getId(), c.getPersonId(), c.getPolicyId(), c.getInsuranceYear(), c.getChannel().name(),
                    c.getOutcome().name(), c.getNote(), c.getRegionCode(), c.getRecordedBy(), c.getRecordedAt());
        }
    }

    @Inject
    Contacts contacts;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response record(@Valid ContactBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return Response.status(Response.Status.CREATED).entity(ContactView.of(contacts.recordByIdNumber(body.idNumber(),
                body.policyId(), body.channel(), body.outcome(), body.note()))).build();
    }
}
