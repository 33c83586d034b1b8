package cn.canbao.web.roster;

import cn.canbao.web.platform.UploadForms;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.batch.boundary.RosterImports;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.roster.boundary.Rosters;
import cn.canbao.roster.boundary.Rosters.Report;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/v1/rosters}: a certifying department's roster (资助对象名册) in, an import report out (../shared/spec/API.md). The
 * roster is kept and imported by the batch job {@code roster-import}; the answer waits for it up to {@code wait}
 * seconds (default 30, at most 120): <b>200</b> with the finished report, or <b>202</b> with the report so far and
 * {@code Location: /rosters/{importId}} to read it when done. {@code wait=0} always answers 202 at once.
 */
@Path("rosters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN})
public class RosterResource {

    @Inject
    RosterImports imports;

    @Context
    UriInfo uri;

    /** Multipart form: {@code file} (CSV or XLSX), {@code department}, {@code subsidyCode}, {@code validFrom}, {@code validTo}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(List<EntityPart> parts, @QueryParam("wait") @DefaultValue("30") int wait) {
        UploadForms.Form form = UploadForms.read(parts, Rosters.MAX_BYTES);
        List<FieldError> errors = new ArrayList<>();
        Rosters.Upload upload = new Rosters.Upload(form.field("department"), form.field("subsidyCode"),
                date(form.field("validFrom"), "validFrom", errors), date(form.field("validTo"), "validTo", errors),
                form.format(), form.fileName(), form.content());
        refuse(errors);
        return answer(imports.importRoster(upload, UploadForms.wait(wait)));
    }

    /** JSON: {@code {department, subsidyCode, validFrom, validTo, rows: [{idNumber, name, region?, subsidyCode?}]}}; row i is row i + 1. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response json(JsonObject body, @QueryParam("wait") @DefaultValue("30") int wait) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        JsonValue rows = body.get("rows");
        if (!(rows instanceof JsonArray)) {
            errors.add(new FieldError("rows", "须为数组 / must be an array of {idNumber, name}"));
        }
        Rosters.Upload upload = new Rosters.Upload(text(body, "department"), text(body, "subsidyCode"),
                date(text(body, "validFrom"), "validFrom", errors), date(text(body, "validTo"), "validTo", errors), "JSON", null,
                rows == null ? null : rows.toString().getBytes(StandardCharsets.UTF_8));
        refuse(errors);
        return answer(imports.importRoster(upload, UploadForms.wait(wait)));
    }

    @GET
    @Path("{importId}")
    public Report report(@PathParam("importId") long importId) {
        return imports.report(importId);
    }

    private Response answer(Report report) {
        return Response.status(UploadForms.ended(report.batchStatus()) ? 200 : 202)
                .location(uri.getBaseUriBuilder().path("rosters/{id}").build(report.importId())).entity(report).build();
    }

    private static String text(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : null;
    }

    private static LocalDate date(String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return cn.canbao.platform.boundary.SaneDate.Parse.date(text.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "须为日期 yyyy-MM-dd / must be a date yyyy-MM-dd"));
            return null;
        }
    }

    private static void refuse(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "名册信息格式错误", "malformed roster", errors);
        }
    }
}
