package cn.canbao.batch.taxchannel;

import cn.canbao.batch.boundary.JobDefinition;
import cn.canbao.batch.boundary.JobParameter;
import cn.canbao.taxchannel.boundary.Collections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

import static cn.canbao.batch.boundary.JobParameter.Type.UPLOAD;

/**
 * {@code collection-import}: a stored tax collection file taken line by line as payments, in partitions of
 * consecutive lines. Started by the upload ({@code POST /collections}); an operator may restart a failed run (each
 * line is reported once, and a payment is never recorded twice).
 */
@ApplicationScoped
public class CollectionImportJob implements JobDefinition {

    @Inject
    Collections collections;

    @Inject
    cn.canbao.platform.boundary.Callers callers;

    @Override
    public String id() {
        return Collections.JOB;
    }

    @Override
    public String titleZh() {
        return "征收明细导入";
    }

    @Override
    public String titleEn() {
        return "Tax collection file import";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.required("collectionId", UPLOAD), JobParameter.TUNING.get(0), JobParameter.PARTITIONS,
                JobParameter.TUNING.get(1));
    }

    @Override
    public Map<String, String> check(Map<String, String> p) {
        collections.report(Long.parseLong(p.get("collectionId"))); // 404 COLLECTION_UNKNOWN
        return p;
    }

    /**
     * The lines become payments under the identity of whoever runs the job: a restart needs a role that records tax
     * payments (the district bureau; the tax bureau restarts by sending the file again, which replays what was taken).
     */
    @Override
    public void checkRestart(Map<String, String> p) {
        if (!callers.isCallerInRole(cn.canbao.platform.boundary.Roles.DISTRICT_ADMIN)) {
            throw cn.canbao.platform.boundary.ProblemException.forbidden("RESTART_MOVES_MONEY",
                    "征收明细导入会记录缴费，须由区医保局管理员重新启动", "a collection import records payments: the district bureau's administrator restarts it");
        }
        collections.report(Long.parseLong(p.get("collectionId"))); // 404 COLLECTION_UNKNOWN outside the area
    }

    @Override
    public void started(Map<String, String> p, long executionId) {
        collections.attachExecution(Long.parseLong(p.get("collectionId")), executionId);
    }
}
