package cn.canbao.web.roster;

import cn.canbao.batch.boundary.RosterSnapshotRuns;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.roster.boundary.RosterSnapshots;
import cn.canbao.roster.boundary.RosterSnapshots.Change;
import cn.canbao.roster.boundary.RosterSnapshots.Comparison;
import cn.canbao.roster.boundary.Rosters;
import cn.canbao.web.platform.Paging;
import cn.canbao.web.platform.UploadForms;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/v1/rosters/snapshots} (API addition, docs/api-additions.md): a department's full roster of one subsidy
 * code compared with its previous one — new, changed, unchanged, cancelled, rejected — before it is applied. The
 * upload answers like {@code POST /rosters}: 200 with the comparison when done within {@code wait} seconds, else 202
 * with {@code Location}. {@code POST …/{id}/apply} applies it all or nothing; {@code POST …/{id}/discard} drops it.
 */
@Path("rosters/snapshots")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN})
public class RosterSnapshotResource {

    @Inject
    RosterSnapshotRuns runs;

    @Inject
    RosterSnapshots snapshots;

    @Context
    UriInfo uri;

    /** Multipart form: {@code file} (CSV or XLSX), {@code department}, {@code subsidyCode}, {@code validFrom}, {@code validTo}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(List<EntityPart> parts, @QueryParam("wait") @DefaultValue("30") int wait) {
        UploadForms.Form form = UploadForms.read(parts, RosterSnapshots.MAX_BYTES);
        List<FieldError> errors = new ArrayList<>();
        Rosters.Upload upload = new Rosters.Upload(form.field("department"), form.field("subsidyCode"),
                date(form.field("validFrom"), "validFrom", errors), date(form.field("validTo"), "validTo", errors),
                form.format(), form.fileName(), form.content());
        refuse(errors);
        return answer(runs.compare(upload, UploadForms.wait(wait)));
    }

    /** JSON: {@code {department, subsidyCode, validFrom, validTo, rows: [{idNumber, name, region?, subsidyCode?}]}}. */
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
        return answer(runs.compare(upload, UploadForms.wait(wait)));
    }

    @GET
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging p = Paging.of(page, size);
        return Paging.answer(runs.recent(p.offset(), p.size()), runs.count());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public Comparison comparison(@PathParam("id") long id) {
        return runs.comparison(id);
    }

    /** The lines of one kind: {@code change} = NEW, CHANGED, UNCHANGED, CANCELLED or REJECTED; paged. */
    @GET
    @Path("{id}/lines")
    @RolesAllowed({Roles.DEPARTMENT, Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public Response lines(@PathParam("id") long id, @QueryParam("change") String change, @QueryParam("page") String page,
                          @QueryParam("size") String size) {
        Change kind = change(change);
        Paging p = Paging.of(page, size);
        return Paging.answer(snapshots.lines(id, kind, p.offset(), p.size()), snapshots.lineCount(id, kind));
    }

    @POST
    @Path("{id}/apply")
    public Comparison apply(@PathParam("id") long id) {
        return snapshots.apply(id);
    }

    @POST
    @Path("{id}/discard")
    public Comparison discard(@PathParam("id") long id) {
        return snapshots.discard(id);
    }

    private Response answer(Comparison c) {
        return Response.status(UploadForms.ended(c.batchStatus()) ? 200 : 202)
                .location(uri.getBaseUriBuilder().path("rosters/snapshots/{id}").build(c.snapshotId())).entity(c).build();
    }

    private static Change change(String text) {
        try {
            return Change.valueOf(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("INVALID_INPUT", "change 须为 " + Arrays.toString(Change.values()) + " 之一",
                    "change must be one of " + Arrays.toString(Change.values()),
                    List.of(new FieldError("change", Arrays.toString(Change.values()))));
        }
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
