package cn.canbao.web.region;

import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /api/v1/regions[?parentCode=]}: the administrative tree as the caller may see it. */
@Path("regions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATION})
public class RegionResource {

    /** The API shape of a region. */
    public record RegionView(String code, String name, String level, String parentCode) {
        static RegionView of(Region region) {
            return new RegionView(region.getCode(), region.getName(), region.getLevel().name(), region.getParentCode());
        }
    }

    @Inject
    Regions regions;

    @GET
    public List<RegionView> children(@QueryParam("parentCode") String parentCode) {
        List<Region> found = parentCode == null || parentCode.isBlank()
                ? regions.visibleRoots()
                : regions.children(parentCode.trim());
        return found.stream().map(RegionView::of).toList();
    }
}
