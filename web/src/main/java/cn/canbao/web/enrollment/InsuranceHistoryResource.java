package cn.canbao.web.enrollment;

import cn.canbao.enrollment.boundary.InsuranceHistories;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.web.platform.UploadForms;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code /api/v1/insurance-history}: a provincial platform's insurance history imported at once (docs/api-additions.md,
 * "Insurance history"): multipart {@code file}, CSV (UTF-8 or GBK) or XLSX, columns by name
 * {@code idNumber,name,year} or {@code idNumber,name,eventType,eventDate} (both kinds may share a file), optional
 * {@code evidence}; all or nothing, errors by row.
 */
@Path("insurance-history")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DISTRICT_ADMIN)
public class InsuranceHistoryResource {

    static final int MAX_BYTES = 2 * 1024 * 1024;

    @Inject
    InsuranceHistories histories;

    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public InsuranceHistories.Imported importFile(List<EntityPart> parts) {
        UploadForms.Form form = UploadForms.spreadsheet(parts, MAX_BYTES, "参保记录文件", "insurance history file");
        return histories.importFile(form.format(), form.content(), form.fileName());
    }
}
