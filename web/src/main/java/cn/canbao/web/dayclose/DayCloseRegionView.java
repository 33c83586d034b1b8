package cn.canbao.web.dayclose;

import cn.canbao.collection.boundary.DayCloses;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.web.counter.Faces;
import cn.canbao.web.platform.UserSession;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code dayclose/region.xhtml?date=&region=}: every collector's day in an area (town office, district bureau,
 * supervisors), closed with frozen totals or still open with the live ones; a counted cash that differs from the
 * recorded cash is highlighted. Another area is answered with the 403 page.
 */
@Named
@ViewScoped
public class DayCloseRegionView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient DayCloses dayCloses;

    @Inject
    transient Regions regions;

    @Inject
    transient Clock clock;

    @Inject
    UserSession userSession;

    private LocalDate date;
    private String region;
    private String regionName;
    private List<DayLine> lines = List.of();

    public void load() {
        if (date == null) {
            date = LocalDate.now(clock);
        }
        if (region == null || region.isBlank()) {
            region = userSession.getRegionCode();
        }
        if (regions.find(region).isPresent() && !regions.callerMaySee(region)) {
            Faces.forbidden();
            return;
        }
        refresh();
    }

    public void refresh() {
        lines = List.of();
        regionName = regions.find(region).map(Region::getName).orElse(region);
        try {
            lines = dayCloses.day(date, region).stream().map(DayLine::of).toList();
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    public long getDiscrepancies() {
        return lines.stream().filter(DayLine::discrepant).count();
    }

    public LocalDate getDate() { return date; }
    public void setDate(LocalDate date) { this.date = date; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getRegionName() { return regionName; }
    public List<DayLine> getLines() { return lines; }
}
