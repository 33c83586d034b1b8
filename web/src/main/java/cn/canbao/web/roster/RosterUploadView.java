package cn.canbao.web.roster;

import cn.canbao.web.platform.UploadForms;
import cn.canbao.web.roster.RosterLabels;
import cn.canbao.batch.boundary.RosterImports;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.roster.boundary.Rosters;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import cn.canbao.web.platform.UserSession;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.file.UploadedFile;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * {@code roster/upload.xhtml}: a department's roster file (CSV or XLSX) with what it certifies. Handed to the same
 * boundary as {@code POST /api/v1/rosters} ({@link RosterImports}), which checks it, keeps it and starts
 * {@code roster-import}; the screen then watches the import. A refused upload starts nothing.
 */
@Named
@ViewScoped
public class RosterUploadView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient RosterImports imports;

    @Inject
    transient cn.canbao.batch.boundary.RosterSnapshotRuns snapshots;

    @Inject
    RosterLabels labels;

    @Inject
    UserSession userSession;

    private String department;
    private String subsidyCode;
    private LocalDate validFrom;
    private LocalDate validTo;
    private transient UploadedFile file;
    private List<RosterLabels.Category> categories;

    public List<RosterLabels.Category> getCategories() {
        if (categories == null) {
            categories = labels.catalogue(userSession.getRegionCode());
        }
        return categories;
    }

    /** The category chosen: its certifying department fills an empty department field. */
    public void codeChosen() {
        if ((department == null || department.isBlank()) && subsidyCode != null) {
            getCategories().stream().filter(c -> c.code().equals(subsidyCode)).findFirst()
                    .ifPresent(c -> department = c.certifyingDepartment());
        }
    }

    public void upload() {
        byte[] content = file == null ? null : file.getContent();
        String fileName = file == null || file.getFileName() == null || file.getFileName().isBlank() ? null : file.getFileName();
        String contentType = file == null ? null : file.getContentType();
        Rosters.Upload upload = new Rosters.Upload(department, subsidyCode, validFrom, validTo,
                format(fileName, contentType, content), fileName, content);
        try {
            Rosters.Report report = imports.importRoster(upload, Duration.ZERO);
            ScreenMessages.info(Texts.text("roster.upload.started", "Import started") + " #" + report.importId());
            ScreenMessages.keepForRedirect();
            ScreenMessages.redirect("/roster/import.xhtml?id=" + report.importId());
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "roster.field.", null);
        }
    }

    /** The file as the department's full roster: compared with its previous one, applied only when confirmed. */
    public void compare() {
        byte[] content = file == null ? null : file.getContent();
        String fileName = file == null || file.getFileName() == null || file.getFileName().isBlank() ? null : file.getFileName();
        String contentType = file == null ? null : file.getContentType();
        Rosters.Upload upload = new Rosters.Upload(department, subsidyCode, validFrom, validTo,
                format(fileName, contentType, content), fileName, content);
        try {
            var comparison = snapshots.compare(upload, Duration.ZERO);
            ScreenMessages.info(Texts.text("snapshot.started", "Comparison started") + " #" + comparison.snapshotId());
            ScreenMessages.keepForRedirect();
            ScreenMessages.redirect("/roster/snapshot.xhtml?id=" + comparison.snapshotId());
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "roster.field.", null);
        }
    }

    /** As the REST upload decides (XLSX by name, type or signature, else CSV), but another file type is named as such. */
    static String format(String fileName, String contentType, byte[] content) {
        String decided = UploadForms.format(fileName, contentType, content);
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if ("CSV".equals(decided) && dot > 0 && !name.endsWith(".csv") && !name.endsWith(".txt")) {
            return name.substring(dot + 1).toUpperCase(Locale.ROOT); // refused by the boundary: not CSV or XLSX
        }
        return decided;
    }

    public String getDepartment() { return department; }
    public void setDepartment(String department) { this.department = department; }
    public String getSubsidyCode() { return subsidyCode; }
    public void setSubsidyCode(String subsidyCode) { this.subsidyCode = subsidyCode; }
    public LocalDate getValidFrom() { return validFrom; }
    public void setValidFrom(LocalDate validFrom) { this.validFrom = validFrom; }
    public LocalDate getValidTo() { return validTo; }
    public void setValidTo(LocalDate validTo) { this.validTo = validTo; }
    public UploadedFile getFile() { return file; }
    public void setFile(UploadedFile file) { this.file = file; }
}
