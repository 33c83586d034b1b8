package cn.canbao.web.taxchannel;

import cn.canbao.platform.boundary.Roles;
import cn.canbao.taxchannel.boundary.Reconciliation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import static cn.canbao.web.taxchannel.ReconciliationResource.XLSX;
import static cn.canbao.web.taxchannel.ReconciliationResource.date;

/** {@code GET /api/v1/reconciliation.xlsx?from=&to=}: the same as a workbook. */
@Path("reconciliation.xlsx")
@RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN})
public class ReconciliationWorkbookResource {

    @Inject
    Reconciliation reconciliation;

    @Inject
    cn.canbao.platform.boundary.Callers callers;

    @GET
    @Produces(XLSX)
    public Response workbook(@QueryParam("from") String from, @QueryParam("to") String to) {
        Reconciliation.Report report = reconciliation.report(date("from", from), date("to", to));
        return Response.ok(ReconciliationWorkbook.of(report, callers.current().getRegionCode()))
                .header("Content-Disposition", "attachment; filename=\"reconciliation-" + report.from() + "-" + report.to() + ".xlsx\"")
                .build();
    }
}
