package cn.canbao.web.account;

import cn.canbao.web.platform.Paging;
import cn.canbao.account.boundary.AuditTrail;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /api/v1/audit?entity=&entityId=&actor=&from=&to=&page=&size=} (../shared/spec/API.md "Audit"): the audit
 * lines of the caller's area, newest first, paged ({@code X-Total-Count}); {@code from}/{@code to} as a date (China
 * time, {@code to} inclusive of that day) or an instant with offset.
 */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SUPERVISOR})
public class AuditResource {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** One audit line as API.md shows it (plus the free-text {@code detail}). */
    public record Line(OffsetDateTime at, String actor, String action, String entity, String entityId, String before,
                       String after, String detail) {
    }

    @Inject
    AuditTrail trail;

    @GET
    public Response search(@QueryParam("entity") String entity, @QueryParam("entityId") String entityId,
                           @QueryParam("actor") String actor, @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("page") String page, @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        AuditLog.Page found = trail.search(blank(entity, 40, "entity"), blank(entityId, 64, "entityId"), blank(actor, 64, "actor"),
                instant(from, "from", false), instant(to, "to", true), paging.page(), paging.size());
        List<Line> lines = found.entries().stream().map(e -> new Line(e.getOccurredAt().atZoneSameInstant(CHINA).toOffsetDateTime(),
                e.getActor(), e.getAction(), e.getEntityType(), e.getEntityId(), e.getBeforeState(), e.getAfterState(), e.getDetail())).toList();
        return Response.ok(lines).header("X-Total-Count", found.total()).build();
    }

    private static String blank(String value, int max, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw ProblemException.badRequest("INVALID_INPUT", field + " 过长", field + " too long",
                    List.of(new ProblemException.FieldError(field, "至多 " + max + " 个字符 / at most " + max + " characters")));
        }
        return value.trim();
    }

    /** A date (the start of that day, or of the next one for {@code to}) or an ISO instant with offset, years 2000–2100. */
    static OffsetDateTime instant(String value, String field, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        OffsetDateTime at;
        try {
            at = value.trim().length() == 10
                    ? LocalDate.parse(value.trim()).plusDays(end ? 1 : 0).atStartOfDay(CHINA).toOffsetDateTime()
                    : OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            at = null;
        }
        if (at == null || at.getYear() < 2000 || at.getYear() > 2100) {
            throw ProblemException.badRequest("INVALID_INPUT", field + " 须为日期（2024-01-31）或带时区的时刻",
                    field + " must be a date (2024-01-31) or an instant with offset",
                    List.of(new ProblemException.FieldError(field, "2000–2100 的日期或时刻 / a date or instant in 2000–2100")));
        }
        return at;
    }
}
