package cn.canbao.web.region;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.SpreadsheetTable;
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

import java.util.ArrayList;
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
    public record RegionView(String code, String name, String level, String parentCode) {
        static RegionView of(Region region) {
            return new RegionView(region.getCode(), region.getName(), region.getLevel().name(), region.getParentCode());
        }
    }

    public record RegionBody(String name, String level, String parentCode) {
    }

    @Inject
    Regions regions;

    @Inject
    RegionTree tree;

    @GET
    public List<RegionView> children(@QueryParam("parentCode") String parentCode) {
        List<Region> found = parentCode == null || parentCode.isBlank()
                ? regions.visibleRoots()
                : regions.children(parentCode.trim());
        return found.stream().map(RegionView::of).toList();
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
    public Response put(@PathParam("code") String code, RegionBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        RegionTree.Saved saved = tree.put(code, body.name(), body.level(), body.parentCode());
        return Response.status(saved.created() ? 201 : 200).entity(RegionView.of(saved.region())).build();
    }

    /** Multipart {@code file}: CSV (UTF-8) or XLSX, columns by name {@code code,name,level,parentCode}. */
    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public RegionTree.Imported importFile(List<EntityPart> parts) {
        UploadForms.Form form = UploadForms.read(parts, MAX_BYTES);
        if (form.content() == null || form.content().length == 0) {
            throw ProblemException.badRequest("INVALID_INPUT", "请上传行政区划文件", "a region file is required",
                    List.of(new FieldError("file", "文件为空 / empty file")));
        }
        if (form.content().length > MAX_BYTES) {
            throw ProblemException.badRequest("INVALID_INPUT", "文件过大", "file too large",
                    List.of(new FieldError("file", "至多 5 MB / at most 5 MB")));
        }
        String format = form.format();
        if (!"CSV".equals(format) && !"XLSX".equals(format)) {
            throw ProblemException.badRequest("INVALID_INPUT", "须为 CSV 或 XLSX 文件", "must be a CSV or XLSX file",
                    List.of(new FieldError("file", "须为 CSV 或 XLSX 文件 / must be a CSV or XLSX file")));
        }
        SpreadsheetTable table;
        try {
            table = SpreadsheetTable.read(format, form.content(), "region file");
        } catch (IllegalArgumentException unreadable) {
            throw ProblemException.badRequest("INVALID_INPUT", "文件无法读取", "unreadable file",
                    List.of(new FieldError("file", "无法读取 / unreadable")));
        }
        int code = table.column(List.of("code", "代码", "区划代码", "统计用区划代码"));
        int name = table.column(List.of("name", "名称", "区划名称"));
        int level = table.column(List.of("level", "级别", "层级"));
        int parent = table.column(List.of("parentcode", "parent_code", "上级代码"));
        List<FieldError> missing = new ArrayList<>();
        if (code < 0) {
            missing.add(new FieldError("file", "缺少列 code / column code missing"));
        }
        if (name < 0) {
            missing.add(new FieldError("file", "缺少列 name / column name missing"));
        }
        if (level < 0) {
            missing.add(new FieldError("file", "缺少列 level / column level missing"));
        }
        if (parent < 0) {
            missing.add(new FieldError("file", "缺少列 parentCode / column parentCode missing"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "行政区划文件缺少列", "the region file lacks columns", missing);
        }
        List<RegionTree.RegionRow> rows = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> row : table.rows().entrySet()) {
            List<String> cells = row.getValue();
            rows.add(new RegionTree.RegionRow(row.getKey(), SpreadsheetTable.cell(cells, code), SpreadsheetTable.cell(cells, name),
                    SpreadsheetTable.cell(cells, level), SpreadsheetTable.cell(cells, parent)));
        }
        return tree.importRows(rows);
    }
}
