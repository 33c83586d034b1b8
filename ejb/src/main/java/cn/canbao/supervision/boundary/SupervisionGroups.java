package cn.canbao.supervision.boundary;

import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import cn.canbao.supervision.entity.SupervisionGroup;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Supervision groups (督导组, ../shared/spec/DOMAIN.md §6, seed 001) as data: a district's administrators name a group,
 * its leader and the villages it watches (each village in one group at most); progress shows each village's group.
 * Read by everyone who watches progress in the area. Every change is audited.
 */
@Stateless
@RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
public class SupervisionGroups {

    /** A group as the API and the screens show it. */
    public record Group(long id, String regionCode, String name, String leader, String phone, List<String> villages) {
        static Group of(SupervisionGroup g) {
            // by code: the collection the database returns has no order of its own
            return new Group(g.getId(), g.getRegionCode(), g.getName(), g.getLeader(), g.getPhone(),
                    g.getVillages().stream().sorted().toList());
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Callers callers;

    @Inject
    Regions regions;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** The groups whose district lies in the caller's area or above it (a town officer sees the district's groups). */
    public List<Group> list() {
        String own = callers.current().getRegionCode();
        return em.createQuery("select g from SupervisionGroup g order by g.regionCode, g.name", SupervisionGroup.class)
                .getResultList().stream()
                .filter(g -> regions.isWithin(g.getRegionCode(), own) || regions.isWithin(own, g.getRegionCode()))
                .map(Group::of).toList();
    }

    /** Each village's group name, for the progress table. */
    @jakarta.annotation.security.PermitAll
    public Map<String, String> byVillage() {
        Map<String, String> names = new HashMap<>();
        for (SupervisionGroup g : em.createQuery("select g from SupervisionGroup g", SupervisionGroup.class).getResultList()) {
            g.getVillages().forEach(v -> names.put(v, g.getName()));
        }
        return names;
    }

    /** Creates ({@code id} null) or replaces a group of the caller's district. */
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Group save(Long id, String name, String leader, String phone, List<String> villages) {
        String own = callers.current().getRegionCode();
        List<FieldError> errors = new ArrayList<>();
        text("name", name, 50, true, errors);
        text("leader", leader, 50, true, errors);
        text("phone", phone, 20, false, errors);
        List<String> codes = new ArrayList<>(new LinkedHashSet<>(villages == null ? List.<String>of() : villages));
        if (codes.isEmpty() || codes.size() > 2_000) {
            errors.add(new FieldError("villages", "须列出 1 至 2000 个村（社区） / list 1 to 2000 villages"));
        }
        for (String code : codes) {
            Region village = code == null ? null : regions.find(code).orElse(null);
            if (village == null || village.getLevel() != RegionLevel.VILLAGE || village.isRetired() || !regions.isWithin(code, own)) {
                errors.add(new FieldError("villages", code + " 不是您辖区内在用的村（社区） / not a village in use in your area"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "督导组信息有误", "malformed supervision group", errors);
        }
        SupervisionGroup group;
        String before = null;
        if (id == null) {
            group = new SupervisionGroup(own, callers.current().getUsername(), OffsetDateTime.now(clock));
        } else {
            group = em.find(SupervisionGroup.class, id);
            if (group == null || !regions.isWithin(group.getRegionCode(), own)) {
                throw ProblemException.notFound("GROUP_UNKNOWN", "没有督导组 " + id, "no supervision group " + id);
            }
            before = group.getName() + " " + group.getLeader() + " " + group.getVillages();
        }
        for (SupervisionGroup other : em.createQuery("select g from SupervisionGroup g where g.regionCode = :r", SupervisionGroup.class)
                .setParameter("r", group.getRegionCode()).getResultList()) {
            if (other != group && other.getName().equals(name.trim())) {
                throw ProblemException.conflict("GROUP_NAME_TAKEN", "已有同名督导组 " + name.trim(), "a group named " + name.trim() + " exists");
            }
            for (String code : codes) {
                if (other != group && other.getVillages().contains(code)) {
                    throw ProblemException.conflict("VILLAGE_IN_OTHER_GROUP", code + " 已由督导组 " + other.getName() + " 负责",
                            code + " is already watched by " + other.getName());
                }
            }
        }
        group.describe(name.trim(), leader.trim(), phone == null || phone.isBlank() ? null : phone.trim(), codes);
        if (id == null) {
            em.persist(group);
        }
        em.flush();
        audit.record(id == null ? "SUPERVISION_GROUP_CREATED" : "SUPERVISION_GROUP_CHANGED", "supervision_group",
                String.valueOf(group.getId()), before, group.getName() + " " + group.getLeader() + " " + group.getVillages(), null);
        return Group.of(group);
    }

    private static void text(String field, String value, int max, boolean required, List<FieldError> errors) {
        cn.canbao.platform.entity.FreeText.refusal(value, max, required).ifPresent(m -> errors.add(new FieldError(field, m)));
    }
}
