package cn.canbao.web.region;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.region.boundary.RegionTree;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import cn.canbao.web.platform.UploadForms;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.file.UploadedFile;

import java.io.Serializable;
import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code region/regions.xhtml}: a district administrator's towns and villages (../shared/spec/DOMAIN.md §6) — the tree
 * of the area with retired regions marked; import a file (all or nothing, every bad row listed), add or rename one
 * region, retire an empty village, merge a village into another. Everything goes through {@link RegionTree}, the same
 * rules and audit as {@code /api/v1/regions}.
 */
@Named
@ViewScoped
public class RegionsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A region as the table and the pickers show it. */
    public record Line(String code, String name, String level, String parentCode, String indent, boolean village,
                       boolean retired, String state) implements Serializable {
    }

    @Inject
    transient RegionTree tree;

    private List<Line> lines;
    private transient UploadedFile file;
    private String code;
    private String name;
    private String level = RegionLevel.VILLAGE.name();
    private String parentCode;
    private String mergeFrom;
    private String mergeInto;

    @PostConstruct
    void init() {
        load();
    }

    private void load() {
        List<Region> area = tree.area();
        Map<String, String> names = area.stream().collect(Collectors.toMap(Region::getCode, Region::getName));
        lines = area.stream().map(r -> new Line(r.getCode(), r.getName(), r.getLevel().name(), r.getParentCode(),
                switch (r.getLevel()) {
                    case PROVINCE, DISTRICT -> "";
                    case TOWN -> "· ";
                    case VILLAGE -> "· · ";
                }, r.getLevel() == RegionLevel.VILLAGE, r.isRetired(), state(r, names))).toList();
    }

    private static String state(Region r, Map<String, String> names) {
        if (!r.isRetired()) {
            return Texts.text("regions.inUse");
        }
        if (r.getMergedInto() != null) {
            return MessageFormat.format(Texts.text("regions.mergedInto"), r.getRetiredOn().toString(),
                    names.getOrDefault(r.getMergedInto(), r.getMergedInto()), r.getMergedInto());
        }
        return MessageFormat.format(Texts.text("regions.retiredOn"), r.getRetiredOn().toString());
    }

    /** The file form (a full-page post, as uploads are). */
    public void importFile() {
        byte[] content = file == null ? null : file.getContent();
        if (content == null || content.length == 0) {
            ScreenMessages.error(Texts.text("regions.import.noFile"));
            return;
        }
        String format = UploadForms.format(file.getFileName(), file.getContentType(), content);
        if (!"CSV".equals(format) && !"XLSX".equals(format)) {
            ScreenMessages.error(Texts.text("regions.import.format"));
            return;
        }
        try {
            RegionTree.Imported imported = tree.importFile(format, content);
            ScreenMessages.info(MessageFormat.format(Texts.text("regions.imported"), imported.read(), imported.created(), imported.updated()));
            load();
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "regions.field.", null);
        }
    }

    public void save() {
        try {
            RegionTree.Saved saved = tree.put(trim(code), name, level, trim(parentCode));
            ScreenMessages.info(MessageFormat.format(Texts.text(saved.created() ? "regions.created" : "regions.renamed"),
                    saved.region().getName(), saved.region().getCode()));
            code = name = null;
            load();
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "regions.field.", null);
        }
    }

    /** Fills the form with a region to rename. */
    public void startRename(Line line) {
        code = line.code();
        name = line.name();
        level = line.level();
        parentCode = line.parentCode();
    }

    public void retire(Line line) {
        try {
            Region retired = tree.retire(line.code());
            ScreenMessages.info(MessageFormat.format(Texts.text("regions.retired"), retired.getName(), retired.getCode()));
            load();
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "regions.field.", null);
        }
    }

    public void startMerge(Line line) {
        mergeFrom = line.code();
        mergeInto = null;
    }

    public void merge() {
        try {
            RegionTree.Merged merged = tree.merge(mergeFrom, mergeInto);
            ScreenMessages.info(MessageFormat.format(Texts.text("regions.merged"), merged.from().getName(), merged.into().getName(),
                    merged.moved().getOrDefault("persons", 0), merged.moved().getOrDefault("enrollments", 0),
                    merged.moved().getOrDefault("targets", 0), merged.moved().getOrDefault("accounts", 0)));
            load();
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "regions.field.", null);
        }
    }

    /** The towns (and the district) a new region may hang under. */
    public List<Line> getParents() {
        return lines.stream().filter(l -> !l.retired() && !l.village()).toList();
    }

    /** The villages in use other than the one being merged. */
    public List<Line> getMergeTargets() {
        return lines.stream().filter(l -> l.village() && !l.retired() && !l.code().equals(mergeFrom)).toList();
    }

    public String levelName(String level) {
        return Texts.text("regions.level." + level, level);
    }

    public String getMergeFromLabel() {
        return lines.stream().filter(l -> l.code().equals(mergeFrom)).map(l -> l.name() + "（" + l.code() + "）").findFirst().orElse("");
    }

    private static String trim(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public List<Line> getLines() { return lines; }
    public UploadedFile getFile() { return file; }
    public void setFile(UploadedFile file) { this.file = file; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getLevel() { return level; }
    public void setLevel(String level) { this.level = level; }
    public String getParentCode() { return parentCode; }
    public void setParentCode(String parentCode) { this.parentCode = parentCode; }
    public String getMergeInto() { return mergeInto; }
    public void setMergeInto(String mergeInto) { this.mergeInto = mergeInto; }
}
