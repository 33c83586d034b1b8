package cn.canbao.region.boundary;

import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.SpreadsheetTable;
import cn.canbao.region.entity.RegionRules;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import cn.canbao.region.entity.RegionTarget;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A district's own region tree and village targets as managed data (../shared/spec/DOMAIN.md §6, API.md "Going live"):
 * towns and villages added or renamed one at a time or imported from a file — all or nothing, every bad row named —,
 * inside the caller's area only; a village's target per policy with the rule that set it. Every change is audited.
 */
@Stateless
@RolesAllowed(Roles.DISTRICT_ADMIN)
public class RegionTree {

    public static final int MAX_ROWS = 20_000;

    /** A row of a region file (header = row 1) or of a single PUT (row 0). */
    public record RegionRow(int row, String code, String name, String level, String parentCode, String householdPopulation) {
        public RegionRow(int row, String code, String name, String level, String parentCode) {
            this(row, code, name, level, parentCode, null);
        }
    }

    public record Imported(int read, int created, int updated) {
    }

    public record Saved(boolean created, Region region) {
    }

    /** A village's target in a policy, with the rule that set it. */
    public record TargetLine(String regionCode, String regionName, long target, String rule) {
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
    VillageResidents residents;

    @Inject
    Event<VillagesMerged> merges;

    @Inject
    Clock clock;

    /** What a merge moved, by kind (persons, households, enrollments, targets, accounts …). */
    public record Merged(Region from, Region into, Map<String, Integer> moved) {
    }

    /** Creates or renames one region; 403 outside the caller's area, 422 for a code or level that does not fit. */
    public Saved put(String code, String name, String level, String parentCode) {
        Region existing = em.find(Region.class, code);
        String own = callers.current().getRegionCode();
        boolean inArea = existing != null ? regions.isWithin(code, own)
                : parentCode != null && em.find(Region.class, parentCode) != null && regions.isWithin(parentCode, own);
        if (!inArea) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "辖区 " + code + " 不在您的管理范围内", "region " + code + " is outside your area");
        }
        List<FieldError> errors = new ArrayList<>();
        List<Region> created = new ArrayList<>();
        List<Region> renamed = new ArrayList<>();
        check(List.of(new RegionRow(0, code, name, level, parentCode)), own, errors, created, renamed);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "REGION_INVALID", "行政区划不符合规则："
                    + errors.get(0).message(), "the region does not fit the tree", errors);
        }
        apply(created, renamed);
        Region region = em.find(Region.class, code);
        audit.record(created.isEmpty() ? "REGION_RENAMED" : "REGION_CREATED", "region", code,
                existing == null ? null : existing.getName(), region.getName(), region.getLevel() + " under " + region.getParentCode());
        return new Saved(!created.isEmpty(), region);
    }

    /** Imports a file's regions: every row checked first; any bad row → 422 naming each, nothing changed. */
    public Imported importRows(List<RegionRow> rows) {
        if (rows.isEmpty()) {
            throw ProblemException.badRequest("EMPTY_FILE", "文件中没有行政区划", "the file holds no regions",
                    List.of(new FieldError("file", "没有数据行 / no data rows")));
        }
        if (rows.size() > MAX_ROWS) {
            throw ProblemException.badRequest("FILE_TOO_LARGE", "一次至多导入 " + MAX_ROWS + " 个行政区划",
                    "at most " + MAX_ROWS + " regions per file", List.of(new FieldError("file", "too many rows")));
        }
        String own = callers.current().getRegionCode();
        List<FieldError> errors = new ArrayList<>();
        List<Region> created = new ArrayList<>();
        List<Region> renamed = new ArrayList<>();
        check(rows, own, errors, created, renamed);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "REGION_FILE_INVALID",
                    "行政区划文件有 " + errors.size() + " 处错误，未导入任何数据", "the region file has " + errors.size()
                    + " problem(s); nothing was imported", errors.size() > 500 ? errors.subList(0, 500) : errors);
        }
        apply(created, renamed);
        audit.record("REGIONS_IMPORTED", "region", own, null, null,
                rows.size() + " row(s): " + created.size() + " created, " + renamed.size() + " renamed");
        return new Imported(rows.size(), created.size(), renamed.size());
    }

    /** A region file (CSV or XLSX, columns by name {@code code,name,level,parentCode}) imported as {@link #importRows} does. */
    public Imported importFile(String format, byte[] content) {
        SpreadsheetTable table = SpreadsheetTable.upload(format, content, "region file");
        int code = table.column(List.of("code", "代码", "区划代码", "统计用区划代码"));
        int name = table.column(List.of("name", "名称", "区划名称"));
        int level = table.column(List.of("level", "级别", "层级"));
        int parent = table.column(List.of("parentcode", "parent_code", "上级代码"));
        int population = table.column(List.of("householdpopulation", "household_population", "户籍人口", "户籍人口数"));
        List<FieldError> missing = new ArrayList<>();
        if (code < 0) {
            missing.add(new FieldError("file", "缺少列 code / column code missing"));
        }
        if (name < 0) {
            missing.add(new FieldError("file", "缺少列 name / column name missing"));
        }
        if (level < 0) {
            missing.add(new FieldError("file", "缺少列 level / column level missing"));
        }
        if (parent < 0) {
            missing.add(new FieldError("file", "缺少列 parentCode / column parentCode missing"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "行政区划文件缺少列", "the region file lacks columns", missing);
        }
        List<RegionRow> rows = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> row : table.rows().entrySet()) {
            List<String> cells = row.getValue();
            rows.add(new RegionRow(row.getKey(), SpreadsheetTable.cell(cells, code), SpreadsheetTable.cell(cells, name),
                    SpreadsheetTable.cell(cells, level), SpreadsheetTable.cell(cells, parent),
                    population < 0 ? null : SpreadsheetTable.cell(cells, population)));
        }
        return importRows(rows);
    }

    /** The villages at or below {@code regionCode} (default: the caller's region) with their target in the policy. */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.TOWN_OFFICER, Roles.SUPERVISOR})
    public List<TargetLine> targets(String policyId, String regionCode) {
        String code = regionCode == null || regionCode.isBlank() ? callers.current().getRegionCode() : regionCode.trim();
        if (regions.find(code).isEmpty() || !regions.callerMaySee(code)) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "无权查看辖区 " + code, "region " + code + " is outside your area");
        }
        Map<String, RegionTarget> byVillage = new HashMap<>();
        em.createQuery("select t from RegionTarget t where t.policyId = :p", RegionTarget.class).setParameter("p", policyId)
                .getResultList().forEach(t -> byVillage.put(t.getRegionCode(), t));
        List<TargetLine> lines = new ArrayList<>();
        for (String village : regions.villagesUnder(code)) {
            RegionTarget t = byVillage.get(village);
            lines.add(new TargetLine(village, em.find(Region.class, village).getName(), t == null ? 0 : t.getTarget(),
                    t == null ? null : t.getRule()));
        }
        return lines;
    }

    /** Sets a village's target in a policy (whose pooling region the caller's boundary has checked). */
    public TargetLine setTarget(String policyId, String villageCode, Integer target, String rule) {
        Region village = regions.find(villageCode).orElse(null);
        if (village == null || !regions.callerMaySee(villageCode)) {
            throw ProblemException.notFound("REGION_UNKNOWN", "未知的村（社区）" + villageCode, "unknown village " + villageCode);
        }
        List<FieldError> errors = new ArrayList<>();
        if (village.getLevel() != RegionLevel.VILLAGE) {
            errors.add(new FieldError("regionCode", "目标任务设在村（社区） / targets belong to villages"));
        }
        if (target == null || target < 0 || target > 10_000_000) {
            errors.add(new FieldError("target", "须为 0 至 10000000 的整数 / a whole number 0..10000000"));
        }
        cn.canbao.platform.entity.FreeText.refusal(rule, 200, false).ifPresent(m -> errors.add(new FieldError("rule", m)));
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "目标任务格式错误", "malformed target", errors);
        }
        String why = rule == null || rule.isBlank() ? "TYPED" : rule.trim();
        RegionTarget existing = em.find(RegionTarget.class, new RegionTarget.Key(policyId, villageCode));
        String before = existing == null ? null : String.valueOf(existing.getTarget());
        if (existing == null) {
            existing = new RegionTarget(policyId, villageCode, target);
            existing.set(target, why);
            em.persist(existing);
        } else {
            existing.set(target, why);
        }
        audit.record("TARGET_SET", "region_target", policyId + "/" + villageCode, before, String.valueOf(target), why);
        return new TargetLine(villageCode, village.getName(), target, why);
    }

    /** The caller's region and everything below it, retired regions included (the administrators' region screen). */
    public List<Region> area() {
        String own = callers.current().getRegionCode();
        List<Region> all = em.createQuery("select r from Region r order by r.code", Region.class).getResultList();
        return all.stream().filter(r -> regions.isWithin(r.getCode(), own)).toList();
    }

    /**
     * Retires a village that no person is registered in: it stays with its history, but no longer appears among its
     * town's villages, in pickers, targets, lists or jobs. A village with persons is merged instead (409).
     */
    public Region retire(String code) {
        Region village = villageInArea(code, "code");
        long registered = residents.registeredIn(code);
        if (registered > 0) {
            throw ProblemException.conflict("REGION_HAS_PERSONS", village.getName() + " 还有 " + registered
                    + " 名登记居民，不能撤销；请将其合并到另一个村（社区）", village.getName() + " still has " + registered
                    + " registered person(s); merge it into another village instead");
        }
        village.retire(LocalDate.now(clock), null);
        audit.record("REGION_RETIRED", "region", code, village.getName(), null, "no registered person");
        return village;
    }

    /**
     * Merges village {@code from} into village {@code into} of the caller's area, all or nothing: each component moves
     * its rows of {@code from} (persons, households, enrollments and their follow-up, accounts — {@link VillagesMerged}),
     * {@code from}'s targets are added to {@code into}'s per policy with the rule saying so, and {@code from} is retired
     * with a pointer to {@code into}. Nothing is deleted; one audit line names every count.
     */
    public Merged merge(String fromCode, String intoCode) {
        Region from = villageInArea(fromCode, "code");
        Region into = villageInArea(intoCode, "into");
        if (from.getCode().equals(into.getCode())) {
            throw ProblemException.badRequest("INVALID_INPUT", "不能合并到自身", "a village cannot be merged into itself",
                    List.of(new FieldError("into", "须为另一个村（社区） / another village")));
        }
        VillagesMerged merged = new VillagesMerged(from.getCode(), into.getCode());
        merges.fire(merged);
        int targets = 0;
        for (RegionTarget t : em.createQuery("select t from RegionTarget t where t.regionCode = :v", RegionTarget.class)
                .setParameter("v", from.getCode()).getResultList()) {
            RegionTarget kept = em.find(RegionTarget.class, new RegionTarget.Key(t.getPolicyId(), into.getCode()));
            String rule = "合并 " + from.getName() + "（" + from.getCode() + "）" + t.getTarget() + " 人";
            if (kept == null) {
                kept = new RegionTarget(t.getPolicyId(), into.getCode(), t.getTarget());
                kept.set(t.getTarget(), rule);
                em.persist(kept);
            } else {
                kept.set(kept.getTarget() + t.getTarget(), clip((kept.getRule() == null ? "" : kept.getRule() + "；") + rule));
            }
            em.remove(t);
            targets++;
        }
        merged.moved("targets", targets);
        from.retire(LocalDate.now(clock), into.getCode());
        Map<String, Integer> moved = merged.counts();
        audit.record("REGIONS_MERGED", "region", from.getCode(), from.getName(), into.getCode() + " " + into.getName(),
                moved.toString());
        return new Merged(from, into, moved);
    }

    private Region villageInArea(String code, String field) {
        Region village = code == null ? null : em.find(Region.class, code.trim());
        if (village == null || !regions.isWithin(village.getCode(), callers.current().getRegionCode())) {
            throw ProblemException.notFound("REGION_UNKNOWN", "您的辖区内没有村（社区）" + code, "no village " + code + " in your area");
        }
        if (village.getLevel() != RegionLevel.VILLAGE || village.isRetired()) {
            throw ProblemException.badRequest("INVALID_INPUT", village.getName() + " 不是在用的村（社区）",
                    village.getCode() + " is not a village in use",
                    List.of(new FieldError(field, "须为在用的村（社区） / must be a village in use")));
        }
        return village;
    }

    private static String clip(String rule) {
        return rule.length() <= 200 ? rule : rule.substring(0, 197) + "…";
    }

    // ---- the checks --------------------------------------------------------------------------------------------

    private void check(List<RegionRow> rows, String own, List<FieldError> errors, List<Region> created, List<Region> renamed) {
        Map<String, RegionRow> inFile = new LinkedHashMap<>();
        for (RegionRow row : rows) {
            if (row.code() != null && inFile.putIfAbsent(row.code().trim(), row) != null) {
                errors.add(error(row, "代码 " + row.code() + " 在文件中重复 / the code appears twice in the file"));
            }
        }
        for (RegionRow row : rows) {
            int before = errors.size();
            Optional<RegionLevel> level = level(row.level());
            String code = row.code() == null ? "" : row.code().trim();
            String parent = row.parentCode() == null || row.parentCode().isBlank() ? null : row.parentCode().trim();
            if (level.isEmpty()) {
                errors.add(error(row, "level 须为 PROVINCE、DISTRICT、TOWN 或 VILLAGE / unknown level " + row.level()));
                continue;
            }
            RegionRules.code(code, level.get()).ifPresent(m -> errors.add(error(row, m)));
            RegionRules.name(row.name()).ifPresent(m -> errors.add(error(row, "name " + m)));
            RegionLevel parentLevel = RegionRules.parentLevel(level.get()).orElse(null);
            Region parentOnRecord = parent == null ? null : em.find(Region.class, parent);
            RegionRow parentInFile = parent == null ? null : inFile.get(parent);
            RegionLevel actualParentLevel = parentOnRecord != null ? parentOnRecord.getLevel()
                    : parentInFile != null ? level(parentInFile.level()).orElse(null) : null;
            if (parentLevel != null && parent == null) {
                errors.add(error(row, "上级代码必填 / parentCode required"));
            } else if (parentLevel != null && actualParentLevel == null) {
                errors.add(error(row, "上级 " + parent + " 既不在系统中也不在文件中 / parent " + parent + " is unknown"));
            } else if (parentLevel != null && actualParentLevel != parentLevel) {
                errors.add(error(row, "上级 " + parent + " 为 " + actualParentLevel + "，" + level.get() + " 的上级须为 " + parentLevel
                        + " / the level must follow the parent's (" + parentLevel + " → " + level.get() + ")"));
            } else if (errors.size() == before && !RegionRules.extendsParent(code, parent, level.get())) {
                errors.add(error(row, "代码 " + code + " 须以上级代码 " + parent + " 开头 / the code must extend the parent's code"));
            }
            Region existing = code.isEmpty() ? null : em.find(Region.class, code);
            if (existing != null) {
                if (existing.getLevel() != level.get() || !java.util.Objects.equals(existing.getParentCode(), parent)) {
                    errors.add(error(row, "已有的 " + code + " 不能改变级别或上级（合并请用合并功能） / an existing region keeps its level and parent"));
                } else if (!regions.isWithin(code, own)) {
                    errors.add(error(row, code + " 不在您的辖区内 / outside your area"));
                }
            } else if (parent != null && !(parentOnRecord != null ? regions.isWithin(parent, own) : inFile.containsKey(parent))) {
                errors.add(error(row, "上级 " + parent + " 不在您的辖区内 / the parent is outside your area"));
            } else if (parent == null) {
                errors.add(error(row, "只能在本辖区内添加 / regions are added inside your area only"));
            }
            Integer households = null;
            String populationText = row.householdPopulation() == null ? "" : row.householdPopulation().trim();
            if (!populationText.isEmpty()) {
                try {
                    households = Integer.valueOf(populationText);
                } catch (NumberFormatException e) {
                    households = -1;
                }
                if (households < 0 || households > 10_000_000) {
                    errors.add(error(row, "householdPopulation 须为 0 至 10000000 的整数 / a whole number 0..10000000"));
                }
            }
            if (errors.size() == before) {
                if (existing == null) {
                    Region region = new Region(code, row.name().trim(), level.get(), parent);
                    region.recordHouseholdPopulation(households);
                    created.add(region);
                } else if (!existing.getName().equals(row.name().trim())
                        || (households != null && !households.equals(existing.getHouseholdPopulation()))) {
                    existing.rename(row.name().trim());
                    if (households != null) {
                        existing.recordHouseholdPopulation(households);
                    }
                    renamed.add(existing);
                }
            }
        }
        if (!errors.isEmpty()) {
            renamed.forEach(em::detach); // nothing of a refused file is kept
        }
    }

    private void apply(List<Region> created, List<Region> renamed) {
        for (RegionLevel level : RegionLevel.values()) {
            for (Region r : created) {
                if (r.getLevel() == level) {
                    em.persist(r);
                }
            }
            em.flush(); // parents before children: the unit of work does not order rows linked only by a code column
        }
    }

    private static Optional<RegionLevel> level(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RegionLevel.valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static FieldError error(RegionRow row, String message) {
        return new FieldError(row.row() == 0 ? "region" : "row " + row.row(), message);
    }
}
