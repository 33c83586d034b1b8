package cn.canbao.region.boundary;

import java.util.Map;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import jakarta.annotation.security.PermitAll;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The administrative tree as each caller may see it: their own region and everything below it. A clerk sees their
 * village, a town officer their town, a district admin the district.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX,
        Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATION})
public class Regions {

    @PersistenceContext
    EntityManager em;

    @Inject
    Callers callers;

    public Optional<Region> find(String code) {
        return Optional.ofNullable(code == null ? null : em.find(Region.class, code));
    }

    /** The top of the tree the caller may see: their own region. */
    public List<Region> visibleRoots() {
        return List.of(require(callers.current().getRegionCode()));
    }

    /**
     * The children of {@code parentCode} the caller may see. Below the caller's own region: all of them. Above it:
     * only the branch that leads to the caller's region. Elsewhere: refused.
     */
    public List<Region> children(String parentCode) {
        Region parent = require(parentCode);
        String own = callers.current().getRegionCode();
        List<Region> children = em.createNamedQuery(Region.CHILDREN, Region.class)
                .setParameter("parent", parent.getCode())
                .getResultList();
        if (isWithin(parent.getCode(), own)) {
            return children;
        }
        List<String> ownPath = pathToRoot(own);
        if (ownPath.contains(parent.getCode())) {
            return children.stream().filter(child -> ownPath.contains(child.getCode())).toList();
        }
        throw ProblemException.forbidden("REGION_NOT_VISIBLE",
                "无权查看辖区 " + parentCode, "region " + parentCode + " is outside your area");
    }

    /** Whether the caller may see data of {@code regionCode} (their region or below it). */
    public boolean callerMaySee(String regionCode) {
        return isWithin(regionCode, callers.current().getRegionCode());
    }

    /** Whether {@code code} lies above the caller's region (on the way from it to the root). */
    public boolean isAboveCaller(String code) {
        return pathToRoot(callers.current().getRegionCode()).contains(code);
    }

    /** Whether {@code code} is {@code ancestor} or lies below it. */
    public boolean isWithin(String code, String ancestor) {
        return pathToRoot(code).contains(ancestor);
    }

    /** The villages of the caller's area: the counter's searches are limited to them. */
    public List<String> visibleVillages() {
        return villagesUnder(callers.current().getRegionCode());
    }

    /**
     * The villages (communities) at or below {@code code}, ordered by code: the partitions of a batch job. Walks the
     * tree, so it does not rely on codes being prefixes of each other.
     */
    public List<String> villagesUnder(String code) {
        Region root = require(code);
        List<String> villages = new ArrayList<>();
        collectVillages(root, villages);
        villages.sort(null);
        return villages;
    }

    private void collectVillages(Region region, List<String> into) {
        if (region.getLevel() == cn.canbao.region.entity.RegionLevel.VILLAGE) {
            into.add(region.getCode());
            return;
        }
        for (Region child : em.createNamedQuery(Region.CHILDREN, Region.class).setParameter("parent", region.getCode())
                .getResultList()) {
            collectVillages(child, into);
        }
    }

    /** The codes from {@code code} up to the root of the tree, {@code code} first; empty for an unknown code. */
    public List<String> pathToRoot(String code) {
        List<String> path = new ArrayList<>();
        Region current = code == null ? null : em.find(Region.class, code);
        while (current != null && path.size() < 10) {
            path.add(current.getCode());
            current = current.getParentCode() == null ? null : em.find(Region.class, current.getParentCode());
        }
        return path;
    }

    private Region require(String code) {
        return find(code).orElseThrow(() -> ProblemException.notFound("REGION_UNKNOWN",
                "未知的行政区划代码 " + code, "unknown region code " + code));
    }

    /**
     * The villages at or below {@code code} (empty for an unknown code), from one read of the whole region table: for
     * callers that ask once per batch chunk, where {@link #villagesUnder}'s walk would cost a query per region.
     */
    @PermitAll
    public Set<String> villageSetUnder(String code) {
        Set<String> villages = new HashSet<>();
        for (Region r : subtree(code)) {
            if (r.getLevel() == RegionLevel.VILLAGE) {
                villages.add(r.getCode());
            }
        }
        return villages;
    }

    /** Every village target of a policy, by village code. */
    @PermitAll
    public Map<String, Long> targets(String policyId) {
        Map<String, Long> targets = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select region_code, target from canbao.region_target where policy_id = ?1")
                .setParameter(1, policyId).getResultList();
        for (Object[] row : rows) {
            targets.put((String) row[0], ((Number) row[1]).longValue());
        }
        return targets;
    }

    /** A village's target in a policy, 0 when it has none. */
    @PermitAll
    public long target(String policyId, String villageCode) {
        List<?> targets = em.createNativeQuery("select target from canbao.region_target where policy_id = ?1 and region_code = ?2")
                .setParameter(1, policyId).setParameter(2, villageCode).getResultList();
        return targets.isEmpty() ? 0 : ((Number) targets.get(0)).longValue();
    }

    /** The caller's region and every region below it, by code (the region pickers of the administrators' screens). */
    public List<Region> callersSubtree() {
        List<Region> subtree = subtree(require(callers.current().getRegionCode()).getCode());
        subtree.sort(java.util.Comparator.comparing(Region::getCode));
        return subtree;
    }

    /** {@code code}'s region and every region below it, from one read of the (small) region table; empty when unknown. */
    private List<Region> subtree(String code) {
        Map<String, List<Region>> children = new HashMap<>();
        Region root = null;
        for (Region r : em.createQuery("select r from Region r", Region.class).getResultList()) {
            if (r.getParentCode() != null && !r.isRetired()) { // a retired region's history stays, but it is in use no more
                children.computeIfAbsent(r.getParentCode(), k -> new ArrayList<>()).add(r);
            }
            if (r.getCode().equals(code)) {
                root = r;
            }
        }
        List<Region> subtree = new ArrayList<>();
        List<Region> open = root == null ? new ArrayList<>() : new ArrayList<>(List.of(root));
        while (!open.isEmpty()) {
            Region r = open.remove(open.size() - 1);
            subtree.add(r);
            open.addAll(children.getOrDefault(r.getCode(), List.of()));
        }
        return subtree;
    }
}
