package cn.canbao.web.platform;

import cn.canbao.platform.boundary.Roles;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import cn.canbao.platform.boundary.ClusterMembers;
import cn.canbao.platform.boundary.DatabaseHealth;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/v1/health}: public; UP (200) when the database answers, DOWN (503) when it does not. Which database
 * (product and version) and the check's detail only to a signed-in operator or district administrator: a stranger
 * learns nothing about the server. They also see the cluster check: the node that answered, the live members, whether
 * it is the coordinator (a single server: itself alone).
 */
@Path("health")
public class HealthResource {

    /** Looking the JSON provider up on every call is costly; one factory serves all requests. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(null);

    @Inject
    DatabaseHealth database;

    @Inject
    ClusterMembers cluster;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health(@Context SecurityContext security) {
        DatabaseHealth.Status status = database.check();
        String state = status.up() ? "UP" : "DOWN";
        var check = JSON.createObjectBuilder().add("name", "database").add("status", state);
        if (security.isUserInRole(Roles.OPERATOR) || security.isUserInRole(Roles.DISTRICT_ADMIN)) {
            check.add("database", status.database() == null ? "unknown" : status.database())
                    .add("detail", status.detail() == null ? "" : status.detail());
        }
        var checks = JSON.createArrayBuilder().add(check);
        if (security.isUserInRole(Roles.OPERATOR) || security.isUserInRole(Roles.DISTRICT_ADMIN)) {
            // which node answered, the live members and whether this one coordinates (several nodes: operations.md)
            var members = JSON.createArrayBuilder();
            cluster.members().forEach(members::add);
            checks.add(JSON.createObjectBuilder().add("name", "cluster").add("status", "UP")
                    .add("node", cluster.localNode()).add("members", members).add("coordinator", cluster.coordinator()));
        }
        JsonObject body = JSON.createObjectBuilder()
                .add("status", state)
                .add("checks", checks)
                .build();
        return Response.status(status.up() ? 200 : 503).entity(body.toString()).type(MediaType.APPLICATION_JSON).build();
    }
}
