package cn.canbao.web.taxchannel;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.taxchannel.boundary.Reconciliation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /api/v1/reconciliation?from=&to=}: the tax bureau's collection files against Canbao's payments, per day,
 * channel and tax office, with the differences both ways (at most 500 listed each, totals complete);
 * {@code /reconciliation.xlsx} the same as a workbook ({@link ReconciliationWorkbookResource}). District bureau and tax, over the caller's area.
 */
@Path("reconciliation")
@RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN})
public class ReconciliationResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    Reconciliation reconciliation;

    @Inject
    cn.canbao.platform.boundary.Callers callers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Reconciliation.Report report(@QueryParam("from") String from, @QueryParam("to") String to) {
        return reconciliation.report(date("from", from), date("to", to));
    }

    static LocalDate date(String name, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("INVALID_PERIOD", name + " 必填 yyyy-MM-dd", name + " is required (yyyy-MM-dd)",
                    List.of(new FieldError(name, "yyyy-MM-dd")));
        }
        try {
            return cn.canbao.platform.boundary.SaneDate.Parse.date(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("INVALID_PERIOD", name + " 须为日期 yyyy-MM-dd", name + " must be a date yyyy-MM-dd",
                    List.of(new FieldError(name, "yyyy-MM-dd")));
        }
    }
}
