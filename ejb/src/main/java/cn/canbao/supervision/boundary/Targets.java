package cn.canbao.supervision.boundary;

import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.region.boundary.RegionTree;
import cn.canbao.region.boundary.RegionTree.TargetLine;
import cn.canbao.region.boundary.Regions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Village targets of a policy (目标任务, ../shared/spec/API.md "Going live"): read by those who watch progress in their
 * area, set by the administrators of the policy's own district, each with the rule that set it.
 */
@Stateless
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
public class Targets {

    @Inject
    Policies policies;

    @Inject
    RegionTree tree;

    @Inject
    Regions regions;

    @Inject
    Callers callers;

    public List<TargetLine> of(String policyId, String regionCode) {
        policies.policy(policyId); // 404 POLICY_UNKNOWN
        return tree.targets(policyId, regionCode);
    }

    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public TargetLine set(String policyId, String villageCode, Integer target, String rule) {
        String pooling = policies.policy(policyId).regionCode();
        if (!regions.isWithin(pooling, callers.current().getRegionCode())) {
            throw ProblemException.forbidden("POLICY_OUTSIDE_AREA", "政策 " + policyId + " 不属于您的辖区，不能设定其目标任务",
                    "the targets of " + policyId + " belong to another district");
        }
        if (!regions.isWithin(villageCode, pooling)) {
            throw ProblemException.unprocessable("REGION_OUTSIDE_POLICY", villageCode + " 不在 " + policyId + " 的统筹区内",
                    villageCode + " lies outside " + policyId + "'s pooling region");
        }
        return tree.setTarget(policyId, villageCode, target, rule);
    }
}
