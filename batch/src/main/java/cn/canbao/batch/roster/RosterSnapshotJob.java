package cn.canbao.batch.roster;

import cn.canbao.batch.boundary.JobDefinition;
import cn.canbao.batch.boundary.JobParameter;
import cn.canbao.roster.boundary.RosterSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

import static cn.canbao.batch.boundary.JobParameter.Type.UPLOAD;

/**
 * {@code roster-snapshot}: a department's full roster compared with its previous one (new, changed, cancelled) before
 * the department applies it. Started by the upload ({@code POST /rosters/snapshots}); an operator may restart a failed
 * comparison.
 */
@ApplicationScoped
public class RosterSnapshotJob implements JobDefinition {

    @Inject
    RosterSnapshots snapshots;

    @Override
    public String id() {
        return RosterSnapshots.JOB;
    }

    @Override
    public String titleZh() {
        return "资助对象名册比对";
    }

    @Override
    public String titleEn() {
        return "Roster comparison";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.required("snapshotId", UPLOAD));
    }

    @Override
    public Map<String, String> check(Map<String, String> p) {
        snapshots.comparison(Long.parseLong(p.get("snapshotId"))); // 404 ROSTER_SNAPSHOT_UNKNOWN
        return p;
    }

    @Override
    public void started(Map<String, String> p, long executionId) {
        snapshots.attachExecution(Long.parseLong(p.get("snapshotId")), executionId);
    }
}
