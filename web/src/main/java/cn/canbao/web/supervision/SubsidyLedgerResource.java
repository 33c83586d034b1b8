package cn.canbao.web.supervision;

import cn.canbao.platform.boundary.Roles;
import cn.canbao.supervision.boundary.SubsidyLedger;
import cn.canbao.web.platform.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/v1/subsidy-ledger?policyId=&regionCode=}: the subsidy ledger, a line per category of the policy's
 * catalogue ({@link SubsidyLedger#ledger}); {@code GET /api/v1/subsidy-ledger/not-enrolled?policyId=&regionCode=&subsidyCode=}
 * (paged): the holders who have not paid, ID numbers masked.
 */
@Path("subsidy-ledger")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.DEPARTMENT})
public class SubsidyLedgerResource {

    @Inject
    SubsidyLedger ledger;

    @GET
    public Response ledger(@QueryParam("policyId") String policyId, @QueryParam("regionCode") String regionCode,
                           @QueryParam("page") String page, @QueryParam("size") String size) {
        return Paging.of(page, size).slice(ledger.ledger(policyId, regionCode));
    }

    /** {@code GET /api/v1/subsidy-ledger/departments?policyId=}: the funding departments of the policy's catalogue. */
    @GET
    @Path("departments")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.SUPERVISOR})
    public java.util.List<String> departments(@QueryParam("policyId") String policyId) {
        return ledger.departments(policyId);
    }

    /**
     * {@code GET /api/v1/subsidy-ledger/settlement?policyId=&department=&from=&to=&regionCode=}: what the department
     * owes for the business dates from..to, a line per category, reversals deducted ({@link SubsidyLedger#settlement}).
     */
    @GET
    @Path("settlement")
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.SUPERVISOR})
    public SubsidyLedger.Settlement settlement(@QueryParam("policyId") String policyId, @QueryParam("department") String department,
                                              @QueryParam("from") String from, @QueryParam("to") String to,
                                              @QueryParam("regionCode") String regionCode) {
        return ledger.settlement(policyId, department, date("from", from), date("to", to), regionCode);
    }

    /** A period's day: absent → null (the boundary names it); malformed or outside the sane range → 400 INVALID_INPUT. */
    static java.time.LocalDate date(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return cn.canbao.platform.boundary.SaneDate.Parse.date(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw cn.canbao.platform.boundary.ProblemException.badRequest("INVALID_INPUT", name + " 须为日期 yyyy-MM-dd",
                    name + " must be a date yyyy-MM-dd", java.util.List.of(new cn.canbao.platform.boundary.ProblemException.FieldError(name, "yyyy-MM-dd")));
        }
    }

    @GET
    @Path("not-enrolled")
    @RolesAllowed({Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
    public Response notEnrolled(@QueryParam("policyId") String policyId, @QueryParam("regionCode") String regionCode,
                                @QueryParam("subsidyCode") String subsidyCode,
                                @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        SubsidyLedger.NotEnrolledPage found = ledger.notEnrolled(policyId, regionCode, subsidyCode, paging.offset(), paging.size());
        return Paging.answer(found.persons(), found.total());
    }
}
