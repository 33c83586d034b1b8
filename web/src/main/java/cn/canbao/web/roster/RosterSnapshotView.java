package cn.canbao.web.roster;

import cn.canbao.batch.boundary.RosterSnapshotRuns;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.roster.boundary.RosterSnapshots;
import cn.canbao.roster.boundary.RosterSnapshots.Change;
import cn.canbao.roster.boundary.RosterSnapshots.Comparison;
import cn.canbao.roster.boundary.RosterSnapshots.Line;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code roster/snapshot.xhtml}: without {@code id} the department's recent full-roster comparisons; with it one
 * comparison — refreshed while the job compares, then its counts and lines by kind (new, changed with what the
 * previous roster said, cancelled, rejected; the first 500 of each) and the two decisions, apply or discard, each
 * after a confirmation.
 */
@Named
@ViewScoped
public class RosterSnapshotView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");
    static final int SHOWN = 500;

    @Inject
    transient RosterSnapshotRuns runs;

    @Inject
    transient RosterSnapshots snapshots;

    private Long id;
    private Comparison comparison;
    private List<Comparison> recent;
    private final Map<Change, List<Line>> lines = new EnumMap<>(Change.class);

    public void load() {
        if (id == null) {
            recent = runs.recent(0, 50);
            return;
        }
        refresh();
    }

    public void refresh() {
        lines.clear();
        try {
            comparison = runs.comparison(id);
        } catch (ProblemException problem) {
            comparison = null;
            ScreenMessages.refused(problem, "roster.field.", null);
        }
    }

    public boolean isEnded() {
        return comparison == null || ENDED.contains(comparison.batchStatus());
    }

    public boolean isDecidable() {
        return comparison != null && "COMPARED".equals(comparison.state());
    }

    public List<Line> lines(String change) {
        Change kind = Change.valueOf(change);
        if (comparison == null || !"COMPLETED".equals(comparison.batchStatus())) {
            return List.of();
        }
        return lines.computeIfAbsent(kind, k -> snapshots.lines(id, k, 0, SHOWN));
    }

    public void apply() {
        decide(true);
    }

    public void discard() {
        decide(false);
    }

    private void decide(boolean apply) {
        try {
            Comparison done = apply ? snapshots.apply(id) : snapshots.discard(id);
            ScreenMessages.info(apply
                    ? Texts.text("snapshot.applied", "Applied") + " " + done.identitiesAdded() + " / " + done.identitiesEnded()
                    : Texts.text("snapshot.discarded", "Discarded"));
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "roster.field.", null);
        }
        refresh();
    }

    /** The state in the user's language. */
    public String state(String state) {
        return state == null ? "" : Texts.text("snapshot.state." + state, state);
    }

    public String problem(String code) {
        return code == null ? "" : Texts.text("roster.reason." + code, code);
    }

    public int getShown() {
        return SHOWN;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Comparison getComparison() { return comparison; }
    public List<Comparison> getRecent() { return recent; }
}
