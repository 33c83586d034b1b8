package cn.canbao.collection.boundary;

import cn.canbao.collection.control.CollectorDays;
import cn.canbao.collection.entity.DayClose;
import cn.canbao.collection.entity.DayTotals;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Constraints;
import cn.canbao.platform.entity.AppUser;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Collectors' day-close (日结, seed 003 warns of collectors keeping fees): a counter collector closes their own
 * business day, which freezes what they recorded that day and the cash they declare having counted; nothing more can
 * be recorded into it. Town officers read every collector's day in their area, closed or open, with the discrepancy.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR})
public class DayCloses {

    /** One collector's day: frozen totals when closed, the live ones while open. */
    public record CollectorDay(String collector, String collectorName, String regionCode, LocalDate date, boolean closed,
                               DayTotals totals, BigDecimal declaredCash, BigDecimal cashDiscrepancy, String closedBy,
                               OffsetDateTime closedAt) {

        static CollectorDay closed(AppUser user, DayClose close) {
            return new CollectorDay(close.getCollector(), user == null ? close.getCollector() : user.getDisplayName(),
                    close.getRegionCode(), close.getBusinessDate(), true, close.totals(), close.getDeclaredCash(),
                    close.cashDiscrepancy(), close.getClosedBy(), close.getClosedAt());
        }

        static CollectorDay open(AppUser user, LocalDate date, DayTotals totals) {
            return new CollectorDay(user.getUsername(), user.getDisplayName(), user.getRegionCode(), date, false, totals,
                    null, null, null, null);
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    CollectorDays days;

    @Inject
    Callers callers;

    @Inject
    Regions regions;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** The calling collector closes their own day; 409 DAY_ALREADY_CLOSED the second time. */
    @RolesAllowed(Roles.CLERK)
    public CollectorDay close(LocalDate date, BigDecimal declaredCash) {
        List<FieldError> errors = new ArrayList<>();
        if (date == null) {
            errors.add(new FieldError("date", "必填 YYYY-MM-DD / required"));
        }
        if (declaredCash != null && (declaredCash.signum() < 0 || declaredCash.stripTrailingZeros().scale() > 2)) {
            errors.add(new FieldError("declaredCash", "须为不小于0、至多两位小数的金额 / a non-negative amount with at most 2 decimals"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "日结信息不完整或格式错误", "incomplete or malformed day-close", errors);
        }
        LocalDate today = LocalDate.now(clock);
        if (date.isAfter(today)) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "DAY_IN_FUTURE", "不能日结今天 " + today + " 以后的日期",
                    "cannot close a day after today " + today, List.of(new FieldError("date", "不能晚于今天 / not after today")));
        }
        AppUser collector = callers.current();
        days.lockCollector(collector.getUsername());
        if (days.closed(collector.getUsername(), date).isPresent()) {
            throw alreadyClosed(collector.getUsername(), date);
        }
        DayClose close = new DayClose(collector.getUsername(), date, collector.getRegionCode(),
                days.recorded(collector.getUsername(), date), declaredCash, audit.currentActor(), OffsetDateTime.now(clock));
        em.persist(close);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (Constraints.isUniqueViolation(e, null)) {
                throw alreadyClosed(collector.getUsername(), date);
            }
            throw e;
        }
        audit.record("DAY_CLOSED", "day_close", String.valueOf(close.getId()), null, auditJson(close),
                collector.getUsername() + " " + date);
        return CollectorDay.closed(collector, close);
    }

    /** The calling collector's closed days, newest first. */
    @RolesAllowed(Roles.CLERK)
    public List<CollectorDay> closedDays(int max) {
        AppUser collector = callers.current();
        return em.createQuery("select d from DayClose d where d.collector = :c order by d.businessDate desc", DayClose.class)
                .setParameter("c", collector.getUsername()).setMaxResults(Math.max(max, 1))
                .getResultStream().map(d -> CollectorDay.closed(collector, d)).toList();
    }

    /**
     * Every collector's day in the area of {@code regionCode} (default: the caller's region): the village collectors
     * of the area, and anyone who recorded or closed that day there. A clerk's area is their village.
     */
    public List<CollectorDay> day(LocalDate date, String regionCode) {
        LocalDate day = date == null ? LocalDate.now(clock) : date;
        AppUser caller = callers.current();
        String area = regionCode == null || regionCode.isBlank() ? caller.getRegionCode() : regionCode.trim();
        if (regions.find(area).isEmpty()) {
            throw ProblemException.notFound("REGION_UNKNOWN", "未知的行政区划代码 " + area, "unknown region code " + area);
        }
        if (!regions.callerMaySee(area)) {
            throw ProblemException.forbidden("REGION_NOT_IN_AREA", "无权查看 " + area + " 的日结", "region " + area + " is outside your area");
        }
        Map<String, AppUser> users = em.createQuery("select u from AppUser u", AppUser.class).getResultStream()
                .collect(Collectors.toMap(AppUser::getUsername, Function.identity()));
        Map<String, DayClose> closes = em.createNamedQuery(DayClose.OF_DAY, DayClose.class).setParameter("day", day)
                .getResultStream().filter(c -> regions.isWithin(c.getRegionCode(), area))
                .collect(Collectors.toMap(DayClose::getCollector, Function.identity()));
        Set<String> collectors = new HashSet<>(closes.keySet());
        em.createQuery("select distinct p.collector from Payment p where p.businessDate = :day and p.collector is not null", String.class)
                .setParameter("day", day).getResultStream()
                .filter(c -> users.containsKey(c) && regions.isWithin(users.get(c).getRegionCode(), area))
                .forEach(collectors::add);
        users.values().stream().filter(u -> regions.isWithin(u.getRegionCode(), area))
                .filter(u -> regions.find(u.getRegionCode()).map(Region::getLevel).orElse(null) == RegionLevel.VILLAGE)
                .forEach(u -> collectors.add(u.getUsername()));
        return collectors.stream().sorted().map(c -> closes.containsKey(c)
                        ? CollectorDay.closed(users.get(c), closes.get(c))
                        : CollectorDay.open(users.get(c), day, days.recorded(c, day)))
                .toList();
    }

    private static ProblemException alreadyClosed(String collector, LocalDate date) {
        return ProblemException.conflict("DAY_ALREADY_CLOSED", collector + " 的 " + date + " 已日结",
                collector + " has already closed " + date);
    }

    private static String auditJson(DayClose close) {
        DayTotals t = close.totals();
        JsonObjectBuilder b = cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder()
                .add("id", close.getId())
                .add("collector", close.getCollector())
                .add("date", close.getBusinessDate().toString())
                .add("regionCode", close.getRegionCode())
                .add("cash", line(t.cash()))
                .add("pos", line(t.pos()))
                .add("other", line(t.other()))
                .add("totalCount", t.count())
                .add("totalAmount", t.amount());
        if (close.getDeclaredCash() != null) {
            b.add("declaredCash", close.getDeclaredCash()).add("cashDiscrepancy", close.cashDiscrepancy());
        }
        return b.build().toString();
    }

    private static JsonObjectBuilder line(DayTotals.Line line) {
        return cn.canbao.platform.boundary.Jsons.PROVIDER.createObjectBuilder().add("payments", line.payments()).add("reversals", line.reversals())
                .add("count", line.count()).add("amount", line.amount());
    }
}
