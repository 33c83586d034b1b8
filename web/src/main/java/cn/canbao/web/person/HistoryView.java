package cn.canbao.web.person;

import cn.canbao.enrollment.boundary.InsuranceHistories;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The API shape of a person's insurance history (docs/api-additions.md, "Insurance history"): the years with where
 * each comes from (Canbao's enrollments and non-enrollments are read, not copied) and the recorded events.
 */
public record HistoryView(String idNumber, String name, List<YearView> insuredYears, List<EventView> events) {

    public record YearView(int year, String source, String evidence, String recordedBy, OffsetDateTime recordedAt) {
        static YearView of(InsuranceHistories.YearLine y) {
            return new YearView(y.year(), y.source().name(), y.evidence(), y.recordedBy(), y.recordedAt());
        }
    }

    public record EventView(String type, LocalDate date, String source, String evidence, String recordedBy,
                            OffsetDateTime recordedAt) {
        static EventView of(InsuranceHistories.EventLine e) {
            return new EventView(e.type().name(), e.date(), e.source().name(), e.evidence(), e.recordedBy(), e.recordedAt());
        }
    }

    public static HistoryView of(InsuranceHistories.History h) {
        return new HistoryView(h.person().getIdNumber(), h.person().getName(), h.years().stream().map(YearView::of).toList(),
                h.events().stream().map(EventView::of).toList());
    }
}
