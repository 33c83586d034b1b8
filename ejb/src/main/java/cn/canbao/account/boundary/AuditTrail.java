package cn.canbao.account.boundary;

import cn.canbao.account.control.AreaAccounts;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.boundary.Regions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The audit trail a district administrator or supervisor may read (../shared/spec/API.md "Audit"): the lines written by
 * the accounts of their area — every money move, account, region, target and policy change those accounts made —,
 * filtered by entity, actor and time, newest first, a page at a time. Lines of other areas' accounts are not shown; an
 * actor outside the area gives an empty page, as an unknown one does.
 */
@Stateless
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SUPERVISOR})
public class AuditTrail {

    public static final int MAX_PAGE = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Callers callers;

    @Inject
    Regions regions;

    public AuditLog.Page search(String entityType, String entityId, String actor, OffsetDateTime from, OffsetDateTime to,
                                int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw ProblemException.badRequest("INVALID_INPUT", "分页参数有误", "bad paging",
                    List.of(new ProblemException.FieldError("size", "page ≥ 0，size 1–" + MAX_PAGE)));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badRequest("INVALID_INPUT", "起始时间须早于结束时间", "from must be before to",
                    List.of(new ProblemException.FieldError("from", "须早于 to / must be before to")));
        }
        String own = callers.current().getRegionCode();
        Set<String> actors = new TreeSet<>();
        AreaAccounts.within(em, regions, own).forEach(user -> actors.add(user.getUsername()));
        if (actor != null) {
            actors.retainAll(Set.of(actor));
        }
        return audit.search(actors, entityType, entityId, from, to, page, size);
    }
}
