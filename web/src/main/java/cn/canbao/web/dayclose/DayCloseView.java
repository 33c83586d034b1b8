package cn.canbao.web.dayclose;

import cn.canbao.collection.boundary.DayCloses;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.web.counter.Faces;
import cn.canbao.web.platform.Texts;
import cn.canbao.web.platform.UserSession;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code dayclose/close.xhtml?date=}: a counter collector's own day (today unless another day is chosen): what they
 * recorded by channel, and closing it with the cash they counted (日结). The boundary freezes the totals and refuses
 * a second close or a day after today; closed days are listed below.
 */
@Named
@ViewScoped
public class DayCloseView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient DayCloses dayCloses;

    @Inject
    transient Clock clock;

    @Inject
    UserSession userSession;

    private LocalDate date;
    private DayLine day;
    private BigDecimal declaredCash;
    private List<DayLine> closedDays = List.of();

    public void load() {
        if (date == null) {
            date = LocalDate.now(clock);
        }
        refresh();
    }

    /** The chosen day's totals of the caller, and their closed days. */
    public void refresh() {
        day = null;
        try {
            String me = userSession.getUsername();
            day = dayCloses.day(date, null).stream().filter(d -> d.collector().equals(me)).findFirst().map(DayLine::of).orElse(null);
            closedDays = dayCloses.closedDays(60).stream().map(DayLine::of).toList();
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    public void close() {
        try {
            DayLine closed = DayLine.of(dayCloses.close(date, declaredCash));
            Faces.info(Texts.text("dayclose.closed", "closed") + " " + closed.date());
            declaredCash = null;
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
        refresh();
    }

    public LocalDate getToday() {
        return LocalDate.now(clock);
    }

    public LocalDate getDate() { return date; }
    public void setDate(LocalDate date) { this.date = date; }
    public DayLine getDay() { return day; }
    public BigDecimal getDeclaredCash() { return declaredCash; }
    public void setDeclaredCash(BigDecimal declaredCash) { this.declaredCash = declaredCash; }
    public List<DayLine> getClosedDays() { return closedDays; }
}
