package cn.canbao.web.school;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.school.boundary.Schools;
import cn.canbao.web.platform.Paging;
import cn.canbao.web.platform.UploadForms;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code /api/v1/schools} (API addition, docs/api-additions.md): schools and colleges as collection points — register
 * one, take its pupil file for a policy (all rows or none: 422 with every bad row), record its collection as payments
 * with channel SCHOOL (idempotent by reference), progress per school.
 */
@Path("schools")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER})
public class SchoolResource {

    /** {@code POST /schools/{code}/collections}: the school's collection; {@code idNumbers} optional (default: every unpaid pupil). */
    public record CollectionBody(String policyId, String reference, String paidAt, List<String> idNumbers) {
    }

    @Inject
    Schools schools;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Schools.NewSchool body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return Response.status(Response.Status.CREATED).entity(schools.create(body)).build();
    }

    @GET
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
    public Response list(@QueryParam("regionCode") String regionCode, @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging p = Paging.of(page, size);
        return Paging.answer(schools.list(regionCode, p.offset(), p.size()), schools.count(regionCode));
    }

    @GET
    @Path("progress")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
    public Response progress(@QueryParam("policyId") String policyId, @QueryParam("regionCode") String regionCode,
                             @QueryParam("page") String page, @QueryParam("size") String size) {
        requirePolicy(policyId);
        Paging p = Paging.of(page, size);
        List<Schools.Progress> lines = schools.progress(policyId.trim(), regionCode, p.offset(), p.size());
        return Paging.answer(lines, schools.count(regionCode));
    }

    @GET
    @Path("{code}")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
    public Schools.School school(@PathParam("code") String code) {
        return schools.school(code);
    }

    /** Multipart: {@code file} (CSV or XLSX: idNumber, name, class?, householdRegionCode?, poor?). */
    @POST
    @Path("{code}/pupils")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Schools.Imported pupils(@PathParam("code") String code, @QueryParam("policyId") String policyId, List<EntityPart> parts) {
        UploadForms.Form form = UploadForms.spreadsheet(parts, Schools.MAX_BYTES, "学生名单文件", "pupil file");
        String policy = policyId != null ? policyId : form.field("policyId");
        requirePolicy(policy);
        return schools.importPupils(code, policy.trim(), form.format(), form.fileName(), form.content());
    }

    @GET
    @Path("{code}/pupils")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
    public Response pupilList(@PathParam("code") String code, @QueryParam("policyId") String policyId,
                              @QueryParam("page") String page, @QueryParam("size") String size) {
        requirePolicy(policyId);
        Paging p = Paging.of(page, size);
        return Paging.answer(schools.pupils(code, policyId.trim(), p.offset(), p.size()), schools.pupilCount(code, policyId.trim()));
    }

    @POST
    @Path("{code}/collections")
    @Consumes(MediaType.APPLICATION_JSON)
    public Schools.Collected collect(@PathParam("code") String code, CollectionBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        if (body.idNumbers() != null && body.idNumbers().size() > Schools.MAX_ROWS) {
            throw ProblemException.badRequest("INVALID_INPUT", "一次至多 " + Schools.MAX_ROWS + " 人", "at most " + Schools.MAX_ROWS
                    + " persons at once", List.of(new FieldError("idNumbers", "≤ " + Schools.MAX_ROWS)));
        }
        OffsetDateTime paidAt = null;
        if (body.paidAt() != null && !body.paidAt().isBlank()) {
            try {
                paidAt = OffsetDateTime.parse(body.paidAt().trim());
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest("INVALID_INPUT", "paidAt 须为带时区的 ISO-8601 时间", "paidAt must be ISO-8601 with offset",
                        List.of(new FieldError("paidAt", "例 2023-11-01T10:00:00+08:00 / e.g. 2023-11-01T10:00:00+08:00")));
            }
        }
        return schools.collect(code, body.policyId(), body.reference(), paidAt, body.idNumbers());
    }

    private static void requirePolicy(String policyId) {
        if (policyId == null || policyId.isBlank()) {
            throw ProblemException.badRequest("INVALID_INPUT", "须指定年度政策", "policyId is required",
                    List.of(new FieldError("policyId", "必填 / required")));
        }
    }
}
