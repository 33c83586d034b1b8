package cn.canbao.web.supervision;

import jakarta.ws.rs.core.Response;
import cn.canbao.web.platform.Paging;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.boundary.RegionTree.TargetLine;
import cn.canbao.supervision.boundary.Targets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code /api/v1/policies/{policyId}/targets}: the villages at or under a region with their target and the rule that
 * set it; {@code PUT …/{villageCode}} {@code {target, rule?}} by the district's administrators (../shared/spec/API.md,
 * "Going live").
 */
@Path("policies/{policyId}/targets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
public class TargetResource {

    public record TargetBody(@Min(value = 0, message = "目标数不能为负 / the target must not be negative") Integer target,
                             @FitsColumn("region_target.rule") String rule) {
    }

    static final int MAX_BYTES = 5 * 1024 * 1024;

    @Inject
    Targets targets;

    /** {@code rule}: LAST_YEAR_PAID ({@code fromPolicyId}, {@code factor}) or HOUSEHOLD_POPULATION ({@code ratePercent}). */
    public record DeriveBody(@FitsColumn("region_target.rule") String rule, @FitsColumn("region.code") String regionCode,
                             @FitsColumn("policy.policy_id") String fromPolicyId,
                             @Digits(integer = 6, fraction = 4, message = "至多 6 位整数、4 位小数 / at most 6 digits and 4 decimals")
                             java.math.BigDecimal factor,
                             @Digits(integer = 6, fraction = 4, message = "至多 6 位整数、4 位小数 / at most 6 digits and 4 decimals")
                             java.math.BigDecimal ratePercent) {
    }

    /** Multipart {@code file}: CSV (UTF-8) or XLSX with columns {@code regionCode,target,rule}; all or nothing. */
    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Targets.Imported importFile(@PathParam("policyId") String policyId, List<jakarta.ws.rs.core.EntityPart> parts) {
        cn.canbao.web.platform.UploadForms.Form form = cn.canbao.web.platform.UploadForms.spreadsheet(parts, MAX_BYTES,
                "目标任务文件", "target file");
        return targets.importFile(policyId, form.format(), form.content());
    }

    /** Every village's target at or below {@code regionCode} by the notice's rule, the rule kept with each number. */
    @POST
    @Path("derive")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Targets.Derived derive(@PathParam("policyId") String policyId, @Valid DeriveBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return targets.derive(policyId, new Targets.Derivation(body.rule(), body.regionCode(), body.fromPolicyId(),
                body.factor(), body.ratePercent()));
    }

    @GET
    public Response list(@PathParam("policyId") String policyId, @QueryParam("regionCode") String regionCode,
                         @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return paging.slice(targets.of(policyId, regionCode));
    }

    @PUT
    @Path("{villageCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public TargetLine set(@PathParam("policyId") String policyId, @PathParam("villageCode") String villageCode, @Valid TargetBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return targets.set(policyId, villageCode, body.target(), body.rule());
    }
}
