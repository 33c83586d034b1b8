package cn.canbao.web.supervision;

import jakarta.ws.rs.core.Response;
import cn.canbao.web.platform.Paging;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.supervision.boundary.Progress;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /api/v1/progress?policyId=&regionCode=}: progress against the targets, one row per child region. */
@Path("progress")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATION, Roles.TAX, Roles.DEPARTMENT})
public class ProgressResource {

    @Inject
    Progress progress;

    @GET
    public Response progress(@QueryParam("policyId") String policyId, @QueryParam("regionCode") String regionCode,
                             @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return paging.slice(progress.byChildRegion(policyId, regionCode));
    }

    /** {@code GET /api/v1/progress/weekly?policyId=&regionCode=}: the region's cumulative enrolment at the end of each campaign week. */
    @GET
    @Path("weekly")
    public Response weekly(@QueryParam("policyId") String policyId, @QueryParam("regionCode") String regionCode,
                           @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return paging.slice(progress.weekly(policyId, regionCode));
    }
}
