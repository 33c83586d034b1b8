package cn.canbao.web.household;

import cn.canbao.web.platform.Paging;
import cn.canbao.web.platform.UploadForms;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.batch.boundary.HouseholdComparisonRuns;
import cn.canbao.household.boundary.HouseholdComparisons;
import cn.canbao.household.boundary.HouseholdComparisons.Report;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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

import java.util.List;

/**
 * {@code /api/v1/household-comparisons}: a police household list (户籍人口名单) in, compared by the batch job
 * {@code household-comparison} with the persons and enrollments on record (docs/batch.md). The upload waits for the
 * job up to {@code wait} seconds (default 30, at most 120): 201 (new comparison) or 200 (the same file compared
 * before: nothing new is recorded) with the finished report, or 202 with the report so far; {@code Location} names
 * the report. Reading: the report, the village summaries and the classified persons, each limited to the caller's area.
 */
@Path("household-comparisons")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.OPERATOR})
public class HouseholdComparisonResource {

    @Inject
    HouseholdComparisonRuns runs;

    @Inject
    HouseholdComparisons comparisons;

    @Context
    UriInfo uri;

    /** Multipart form: {@code file} (CSV in UTF-8 or XLSX), {@code policyId}, {@code regionCode} (default: the policy's district). */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.OPERATOR})
    public Response upload(List<EntityPart> parts, @QueryParam("wait") @DefaultValue("30") int wait) {
        UploadForms.Form form = UploadForms.read(parts, HouseholdComparisons.MAX_BYTES);
        HouseholdComparisonRuns.Outcome outcome = runs.compare(new HouseholdComparisons.Upload(form.field("policyId"),
                form.field("regionCode"), form.format(), form.fileName(), form.content()), UploadForms.wait(wait));
        Report report = outcome.report();
        return Response.status(!UploadForms.ended(report.batchStatus()) ? 202 : outcome.created() ? 201 : 200)
                .location(uri.getBaseUriBuilder().path("household-comparisons/{id}").build(report.comparisonId())).entity(report).build();
    }

    @GET
    @Path("{id}")
    public Report report(@PathParam("id") long id) {
        return runs.report(id);
    }

    @GET
    @Path("{id}/villages")
    public Response villages(@PathParam("id") long id, @QueryParam("page") String page, @QueryParam("size") String size) {
        return Paging.of(page, size).slice(comparisons.villages(id));
    }

    /** {@code outcome}: one class, or FOLLOW_UP (MISSING and NOT_ON_RECORD), or all; {@code regionCode}: default the caller's region. */
    @GET
    @Path("{id}/persons")
    public List<HouseholdComparisons.Line> persons(@PathParam("id") long id, @QueryParam("outcome") String outcome,
                                                   @QueryParam("regionCode") String regionCode,
                                                   @QueryParam("offset") String offset,
                                                   @QueryParam("limit") String limit) {
        return comparisons.persons(id, outcome, regionCode, Paging.number("offset", offset, 0, 0, Integer.MAX_VALUE - 1000),
                Paging.number("limit", limit, 1000, 1, 1000));
    }
}
