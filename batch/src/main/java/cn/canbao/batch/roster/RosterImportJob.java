package cn.canbao.batch.roster;

import cn.canbao.batch.boundary.JobDefinition;
import cn.canbao.batch.boundary.JobParameter;
import cn.canbao.roster.boundary.Rosters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

import static cn.canbao.batch.boundary.JobParameter.Type.UPLOAD;

/**
 * {@code roster-import}: a stored department roster read row by row into subsidy identities, in partitions of
 * consecutive rows. Started by the upload ({@code POST /rosters}); an operator may run an import again (each row is
 * reported once).
 */
@ApplicationScoped
public class RosterImportJob implements JobDefinition {

    @Inject
    Rosters rosters;

    @Override
    public String id() {
        return Rosters.JOB;
    }

    @Override
    public String titleZh() {
        return "资助对象名册导入";
    }

    @Override
    public String titleEn() {
        return "Roster import";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.required("importId", UPLOAD), JobParameter.TUNING.get(0), JobParameter.PARTITIONS,
                JobParameter.TUNING.get(1));
    }

    @Override
    public Map<String, String> check(Map<String, String> p) {
        rosters.report(Long.parseLong(p.get("importId"))); // 404 ROSTER_IMPORT_UNKNOWN
        return p;
    }

    @Override
    public void started(Map<String, String> p, long executionId) {
        rosters.attachExecution(Long.parseLong(p.get("importId")), executionId); // its report follows the latest run
    }
}
