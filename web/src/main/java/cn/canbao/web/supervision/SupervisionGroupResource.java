package cn.canbao.web.supervision;

import cn.canbao.web.platform.Paging;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.supervision.boundary.SupervisionGroups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code /api/v1/supervision-groups}: the district's supervision groups (督导组) — a name, a leader, the villages it
 * watches; progress shows each village's group (docs/api-additions.md).
 */
@Path("supervision-groups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
public class SupervisionGroupResource {

    public record GroupBody(@FitsColumn("supervision_group.name") String name,
                            @FitsColumn("supervision_group.leader") String leader,
                            @FitsColumn("supervision_group.phone") String phone,
                            @Size(max = 2000, message = "至多 {max} 个村 / at most {max} villages") List<String> villages) {
    }

    @Inject
    SupervisionGroups groups;

    @GET
    public Response list(@QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return paging.slice(groups.list());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Response create(@Valid GroupBody body) {
        requireBody(body);
        return Response.status(201).entity(groups.save(null, body.name(), body.leader(), body.phone(), body.villages())).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public SupervisionGroups.Group replace(@PathParam("id") long id, @Valid GroupBody body) {
        requireBody(body);
        return groups.save(id, body.name(), body.leader(), body.phone(), body.villages());
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
    }
}
