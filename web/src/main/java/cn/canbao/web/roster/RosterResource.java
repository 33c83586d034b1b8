package cn.canbao.web.roster;

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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        Map<String, String> fields = new HashMap<>();
        byte[] content = null;
        String fileName = null;
        String contentType = null;
        for (EntityPart part : parts) {
            try (InputStream in = part.getContent()) {
                byte[] bytes = in.readNBytes(Rosters.MAX_BYTES + 1);
                if ("file".equals(part.getName())) {
                    content = bytes;
                    fileName = part.getFileName().orElse(null);
                    contentType = part.getMediaType() == null ? null : part.getMediaType().toString();
                } else {
                    fields.put(part.getName(), new String(bytes, StandardCharsets.UTF_8).trim());
                }
            } catch (IOException e) {
                throw ProblemException.badRequest("INVALID_INPUT", "上传内容无法读取", "unreadable upload",
                        List.of(new FieldError(part.getName(), e.getMessage())));
            }
        }
        List<FieldError> errors = new ArrayList<>();
        Rosters.Upload upload = new Rosters.Upload(fields.get("department"), fields.get("subsidyCode"),
                date(fields.get("validFrom"), "validFrom", errors), date(fields.get("validTo"), "validTo", errors),
                format(fileName, contentType, content), fileName, content);
        refuse(errors);
        return answer(imports.importRoster(upload, wait(wait)));
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
        return answer(imports.importRoster(upload, wait(wait)));
    }

    @GET
    @Path("{importId}")
    public Report report(@PathParam("importId") long importId) {
        return imports.report(importId);
    }

    private Response answer(Report report) {
        boolean done = "COMPLETED".equals(report.batchStatus()) || "FAILED".equals(report.batchStatus())
                || "STOPPED".equals(report.batchStatus()) || "ABANDONED".equals(report.batchStatus());
        return Response.status(done ? 200 : 202)
                .location(uri.getBaseUriBuilder().path("rosters/{id}").build(report.importId())).entity(report).build();
    }

    private static Duration wait(int seconds) {
        return Duration.ofSeconds(Math.max(0, Math.min(seconds, 120)));
    }

    /** XLSX by name or type, or by its zip signature; anything else is read as CSV (UTF-8). */
    static String format(String fileName, String contentType, byte[] content) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx") || (contentType != null && contentType.contains("spreadsheetml"))
                || (content != null && content.length > 1 && content[0] == 'P' && content[1] == 'K')) {
            return "XLSX";
        }
        if (name.endsWith(".xls")) {
            return "XLS"; // refused by the boundary: the old binary format is not read
        }
        return "CSV";
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
            return LocalDate.parse(text.trim());
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
