package cn.canbao.web.collection;

import cn.canbao.web.platform.Paging;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import cn.canbao.platform.boundary.SaneDate;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.collection.boundary.DayCloses;
import cn.canbao.collection.entity.DayTotals;
import cn.canbao.platform.boundary.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code /api/v1/day-closes}: a counter collector closes their business day ({@code POST}, clerk), town officers and
 * the district read every collector's day in an area ({@code GET ?date=&regionCode=}).
 */
@Path("day-closes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR})
public class DayCloseResource {

    public record DayCloseBody(@SaneDate LocalDate date,
                               @Digits(integer = 10, fraction = 2, message = "金额至多 10 位整数、2 位小数 / at most 10 digits and 2 decimals")
                               BigDecimal declaredCash) {
    }

    public record LineView(int payments, int reversals, int count, BigDecimal amount) {
        static LineView of(DayTotals.Line line) {
            return new LineView(line.payments(), line.reversals(), line.count(), line.amount());
        }
    }

    public record DayView(String collector, String collectorName, String regionCode, LocalDate date, String status,
                          LineView cash, LineView pos, LineView other, int totalCount, BigDecimal totalAmount,
                          BigDecimal declaredCash, BigDecimal cashDiscrepancy, String closedBy, OffsetDateTime closedAt) {
        static DayView of(DayCloses.CollectorDay d) {
            DayTotals t = d.totals();
            return new DayView(d.collector(), d.collectorName(), d.regionCode(), d.date(), d.closed() ? "CLOSED" : "OPEN",
                    LineView.of(t.cash()), LineView.of(t.pos()), LineView.of(t.other()), t.count(), t.amount(),
                    d.declaredCash(), d.cashDiscrepancy(), d.closedBy(), d.closedAt());
        }
    }

    @Inject
    DayCloses dayCloses;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CLERK)
    public Response close(@Valid DayCloseBody body) {
        if (body == null) {
            throw ProblemException.badRequest("EMPTY_BODY", "请求内容为空", "empty body", List.of());
        }
        return Response.status(Response.Status.CREATED)
                .entity(DayView.of(dayCloses.close(body.date(), body.declaredCash()))).build();
    }

    @GET
    public Response day(@QueryParam("date") String date, @QueryParam("regionCode") String regionCode,
                        @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return paging.slice(dayCloses.day(parse(date), regionCode).stream().map(DayView::of).toList());
    }

    private static LocalDate parse(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return cn.canbao.platform.boundary.SaneDate.Parse.date(date.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("INVALID_INPUT", "日期格式应为 YYYY-MM-DD", "date must be YYYY-MM-DD",
                    List.of(new ProblemException.FieldError("date", "YYYY-MM-DD")));
        }
    }
}
