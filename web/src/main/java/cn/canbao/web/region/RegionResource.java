package cn.canbao.web.region;

import cn.canbao.web.platform.Paging;
import jakarta.validation.Valid;
import cn.canbao.platform.boundary.FitsColumn;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.boundary.RegionTree;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.web.platform.UploadForms;
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
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/regions}: the administrative tree as the caller may see it (children, one region), and a district's own
 * towns and villages managed by its administrators — one at a time ({@code PUT}) or from a file ({@code POST /import},
 * CSV or XLSX with columns {@code code,name,level,parentCode}, all or nothing) (../shared/spec/API.md, "Going live").
 */
@Path("regions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATION})
public class RegionResource {

    /** At most 5 MB: a district's whole tree is a few hundred rows. */
    static final int MAX_BYTES = 5 * 1024 * 1024;

    /** The API shape of a region. */
    /** The API shape of a region; {@code retiredOn} and {@code mergedInto} only for a region no longer in use. */
    public record RegionView(String code, String name, String level, String parentCode,
                             LocalDate retiredOn, String mergedInto) {
        static RegionView of(Region region) {
            return new RegionView(region.getCode(), region.getName(), region.getLevel().name(), region.getParentCode(),
                    region.getRetiredOn(), region.getMergedInto());
        }
    }

    public record MergeBody(@FitsColumn("region.code") String into) {
    }

    /** What a merge did: the two villages and how many rows of each kind moved. */
    public record MergeView(RegionView from, RegionView into, Map<String, Integer> moved) {
    }

    public record RegionBody(@FitsColumn("region.name") String name, @FitsColumn("region.level") String level,
                             @FitsColumn("region.code") String parentCode) {
    }

    @Inject
    Regions regions;

    @Inject
    RegionTree tree;

    @GET
    public Response children(@QueryParam("parentCode") String parentCode, @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        List<Region> found = parentCode == null || parentCode.isBlank()
                ? regions.visibleRoots()
                : regions.children(parentCode.trim());
        return paging.slice(found.stream().map(RegionView::of).toList());
    }

    /** One region the caller may see (their area, or a region on the way up to it); 404 otherwise. */
    @GET
    @Path("{code}")
    public RegionView get(@PathParam("code") String code) {
        return regions.find(code).filter(r -> regions.callerMaySee(r.getCode()) || regions.isAboveCaller(r.getCode()))
                .map(RegionView::of)
                .orElseThrow(() -> ProblemException.notFound("REGION_UNKNOWN", "未知的行政区划代码 " + code, "unknown region code " + code));
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Response put(@PathParam("code") String code, @Valid RegionBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        RegionTree.Saved saved = tree.put(code, body.name(), body.level(), body.parentCode());
        return Response.status(saved.created() ? 201 : 200).entity(RegionView.of(saved.region())).build();
    }

    /** Retires a village no person is registered in (409 REGION_HAS_PERSONS otherwise: merge it instead). */
    @POST
    @Path("{code}/retire")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public RegionView retire(@PathParam("code") String code) {
        return RegionView.of(tree.retire(code));
    }

    /** Merges the village into another of the caller's area: persons, enrollments, targets and accounts move, audited. */
    @POST
    @Path("{code}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public MergeView merge(@PathParam("code") String code, @Valid MergeBody body) {
        if (body == null || body.into() == null || body.into().isBlank()) {
            throw ProblemException.badRequest("INVALID_INPUT", "请指定合并到的村（社区）", "name the village to merge into",
                    List.of(new FieldError("into", "必填 / required")));
        }
        RegionTree.Merged merged = tree.merge(code, body.into());
        return new MergeView(RegionView.of(merged.from()), RegionView.of(merged.into()), merged.moved());
    }

    /** Multipart {@code file}: CSV (UTF-8) or XLSX, columns by name {@code code,name,level,parentCode}. */
    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public RegionTree.Imported importFile(List<EntityPart> parts) {
        UploadForms.Form form = UploadForms.spreadsheet(parts, MAX_BYTES, "行政区划文件", "region file");
        return tree.importFile(form.format(), form.content());
    }
}
