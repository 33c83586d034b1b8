package cn.canbao.web.subsidy;

import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import cn.canbao.web.person.IdentityView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code /api/v1/subsidy-identities/{id}} (API addition): an identity corrected or revoked by hand with its reason
 * (漏统/错统, DOMAIN.md §9) — audited, never re-pricing or refunding a frozen payment. A missing identity (漏统) is
 * recorded with {@code POST /persons/{idNumber}/identities}.
 */
@Path("subsidy-identities/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.DEPARTMENT})
public class SubsidyIdentityResource {

    public record RevocationBody(@FitsColumn(value = "subsidy_identity_revoked.reason", lines = true) String reason) {
    }

    @Inject
    SubsidyIdentities identities;

    @POST
    @Path("revocation")
    public SubsidyIdentities.Revoked revoke(@PathParam("id") long id, @Valid RevocationBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return identities.revoke(id, body.reason());
    }

    @POST
    @Path("correction")
    public IdentityView correct(@PathParam("id") long id, @Valid SubsidyIdentities.Correction body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return IdentityView.of(identities.correct(id, body));
    }
}
