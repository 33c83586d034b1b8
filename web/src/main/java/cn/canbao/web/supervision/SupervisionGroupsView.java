package cn.canbao.web.supervision;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import cn.canbao.supervision.boundary.SupervisionGroups;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code supervision/groups.xhtml}: the district's supervision groups (督导组) — leader, phone, villages; district
 * administrators create and change them in a dialog, town officers and supervisors read. Through {@link SupervisionGroups}
 * (the rules and audit of {@code /api/v1/supervision-groups}).
 */
@Named
@ViewScoped
public class SupervisionGroupsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A village as the picker and the table show it. */
    public record VillageOption(String code, String label) implements Serializable {
    }

    @Inject
    transient SupervisionGroups groups;

    @Inject
    transient Regions regions;

    private List<SupervisionGroups.Group> lines;
    private List<VillageOption> villageOptions;
    private Map<String, String> villageNames;
    private Long editing;
    private String name;
    private String leader;
    private String phone;
    private List<String> villages = new ArrayList<>();

    @PostConstruct
    void init() {
        List<Region> area = regions.callersSubtree();
        villageOptions = area.stream().filter(r -> r.getLevel() == RegionLevel.VILLAGE)
                .map(r -> new VillageOption(r.getCode(), r.getName() + "（" + r.getCode() + "）")).toList();
        villageNames = area.stream().collect(Collectors.toMap(Region::getCode, Region::getName));
        load();
    }

    private void load() {
        lines = groups.list();
    }

    public boolean isEditor() {
        return FacesContext.getCurrentInstance().getExternalContext().isUserInRole(Roles.DISTRICT_ADMIN);
    }

    public void startCreate() {
        editing = null;
        name = leader = phone = null;
        villages = new ArrayList<>();
    }

    public void startEdit(SupervisionGroups.Group g) {
        editing = g.id();
        name = g.name();
        leader = g.leader();
        phone = g.phone();
        villages = new ArrayList<>(g.villages());
    }

    public void save() {
        try {
            SupervisionGroups.Group saved = groups.save(editing, name, leader, phone, villages);
            ScreenMessages.info(MessageFormat.format(Texts.text("groups.saved"), saved.name(), saved.villages().size()));
            load();
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "groups.field.", null);
        }
    }

    /** The group's villages by name, as one line. */
    public String villageNames(SupervisionGroups.Group g) {
        return g.villages().stream().map(v -> villageNames.getOrDefault(v, v)).collect(Collectors.joining("、"));
    }

    public List<SupervisionGroups.Group> getLines() { return lines; }
    public List<VillageOption> getVillageOptions() { return villageOptions; }
    public boolean isCreating() { return editing == null; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getLeader() { return leader; }
    public void setLeader(String leader) { this.leader = leader; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public List<String> getVillages() { return villages; }
    public void setVillages(List<String> villages) { this.villages = villages; }
}
