package cn.canbao.web.account;

import cn.canbao.account.boundary.AuditTrail;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.BusinessClock;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.entity.AuditEntry;
import cn.canbao.web.platform.ScreenMessages;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The audit trail of the caller's area on screen (审计日志): who did what to which record and when, with the record
 * before and after — every money move (payments, reversals, refunds, day closes) and every change of accounts,
 * regions, targets and policies. Filtered by kind of record, record, user and dates; newest first, a page at a time.
 * The same lines as {@code GET /audit}.
 */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditTrail trail;

    private String entity;
    private String entityId;
    private String actor;
    private LocalDate from;
    private LocalDate to;
    private final Lines lines = new Lines();

    /** One line as the screen shows it, the time in China. */
    public record Line(long id, OffsetDateTime at, String actor, String action, String entityType, String entityId,
                       String before, String after, String detail) implements Serializable {
    }

    public class Lines extends LazyDataModel<Line> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, page(0, 1).total());
        }

        @Override
        public List<Line> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            int size = Math.max(1, Math.min(pageSize, 100));
            AuditLog.Page page = page(first / size, size);
            setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
            return page.entries().stream().map(AuditView::line).toList();
        }

        @Override
        public String getRowKey(Line line) {
            return String.valueOf(line.id());
        }
    }

    private AuditLog.Page page(int page, int size) {
        try {
            return trail.search(blank(entity), blank(entityId), blank(actor),
                    from == null ? null : from.atStartOfDay(BusinessClock.CHINA).toOffsetDateTime(),
                    to == null ? null : to.plusDays(1).atStartOfDay(BusinessClock.CHINA).toOffsetDateTime(), page, size);
        } catch (ProblemException refused) {
            ScreenMessages.refused(refused, "audit.", null);
            return new AuditLog.Page(List.of(), 0);
        }
    }

    private static Line line(AuditEntry e) {
        return new Line(e.getId(), e.getOccurredAt().atZoneSameInstant(BusinessClock.CHINA).toOffsetDateTime(), e.getActor(),
                e.getAction(), e.getEntityType(), e.getEntityId(), e.getBeforeState(), e.getAfterState(), e.getDetail());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Applies the filters (the table reloads from its first page). */
    public void search() {
        if (from != null && to != null && to.isBefore(from)) {
            ScreenMessages.error("结束日期早于开始日期 / the end date is before the start date");
        }
    }

    /** An action by its name on screen; its code when no name is known. */
    public String actionName(String action) {
        return cn.canbao.web.platform.Texts.text("audit.action." + action, action);
    }

    public String entityName(String entityType) {
        return cn.canbao.web.platform.Texts.text("audit.entity." + entityType, entityType);
    }

    public Lines getLines() {
        return lines;
    }

    public String getEntity() {
        return entity;
    }

    public void setEntity(String entity) {
        this.entity = entity;
    }

    public String getEntityId() {
        return entityId;
    }

    public void setEntityId(String entityId) {
        this.entityId = entityId;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }
}
