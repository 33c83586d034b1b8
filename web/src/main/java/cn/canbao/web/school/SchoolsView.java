package cn.canbao.web.school;

import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.school.boundary.Schools;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import cn.canbao.web.platform.UploadForms;
import cn.canbao.web.platform.UserSession;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.file.UploadedFile;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code supervision/schools.xhtml?policy=&school=}: schools and colleges as collection points — progress per school in
 * a policy (pupils, enrolled, paid, rate); for town officers and the district bureau also a new school, a school's
 * pupil file (all rows or none: every bad row listed), its pupils, and its collection recorded as payments with
 * channel SCHOOL after a confirmation. Supervisors see the progress only.
 */
@Named
@ViewScoped
public class SchoolsView implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int SHOWN = 500;

    @Inject
    transient Schools schools;

    @Inject
    transient Policies policies;

    @Inject
    transient Regions regions;

    @Inject
    UserSession userSession;

    private String policy;
    private String school;
    private String regionName;
    private List<Policies.Summary> policyChoices = List.of();
    private List<Schools.Progress> progress = List.of();
    private Schools.School selected;
    private List<Schools.Pupil> pupils = List.of();
    private long pupilTotal;
    private String refusal;

    private String newCode;
    private String newName;
    private String newKind = "SCHOOL";
    private String newRegion;
    private transient UploadedFile file;
    private String reference;
    private LocalDate paidOn;
    private Schools.Imported imported;
    private Schools.Collected collected;

    public void load() {
        String own = userSession.getRegionCode();
        regionName = regions.find(own).map(Region::getName).orElse(own);
        policyChoices = cn.canbao.web.platform.PolicyChoices.around(policies, regions, own);
        if ((policy == null || policy.isBlank()) && !policyChoices.isEmpty()) {
            policy = policyChoices.get(0).policyId();
        }
        refresh();
    }

    public void refresh() {
        refusal = null;
        try {
            progress = policy == null ? List.of() : schools.progress(policy, null, 0, SHOWN);
            if (school != null && !school.isBlank()) {
                selected = schools.school(school);
                pupils = schools.pupils(school, policy, 0, SHOWN);
                pupilTotal = schools.pupilCount(school, policy);
            } else {
                selected = null;
                pupils = List.of();
            }
        } catch (ProblemException problem) {
            progress = List.of();
            refusal = Texts.refusal(problem);
        }
    }

    public void choose(String code) {
        school = code;
        imported = null;
        collected = null;
        refresh();
    }

    public boolean isMayManage() {
        return userSession.hasRole("town_officer") || userSession.hasRole("district_admin");
    }

    public void create() {
        try {
            Schools.School created = schools.create(new Schools.NewSchool(newCode, newName, newKind, newRegion));
            ScreenMessages.info(Texts.text("school.created", "School registered") + " " + created.code() + " " + created.name());
            newCode = null;
            newName = null;
            school = created.code();
            refresh();
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "school.field.", null);
        }
    }

    public void upload() {
        imported = null;
        byte[] content = file == null ? null : file.getContent();
        String fileName = file == null ? null : file.getFileName();
        if (content == null || content.length == 0) {
            ScreenMessages.error(Texts.text("school.field.file", "File") + "：" + Texts.text("validation.required", "required"));
            return;
        }
        try {
            imported = schools.importPupils(school, policy, UploadForms.format(fileName, file.getContentType(), content), fileName, content);
            ScreenMessages.info(Texts.text("school.imported", "Pupil file imported") + " " + imported.rows());
            refresh();
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "school.field.", null);
        }
    }

    public void collect() {
        collected = null;
        try {
            java.time.OffsetDateTime paidAt = paidOn == null ? null
                    : paidOn.atTime(LocalTime.NOON).atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime();
            collected = schools.collect(school, policy, reference, paidAt, null);
            ScreenMessages.info(Texts.text("school.collected", "Collection recorded") + " " + collected.paid() + " / "
                    + collected.amount().toPlainString());
            refresh();
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "school.field.", null);
        }
    }

    public String kind(String kind) {
        return kind == null ? "" : Texts.text("school.kind." + kind, kind);
    }

    public String status(String status) {
        return status == null ? Texts.text("school.status.none", "not registered") : Texts.text("status." + status, status);
    }

    public String getPolicy() { return policy; }
    public void setPolicy(String policy) { this.policy = policy; }
    public String getSchool() { return school; }
    public void setSchool(String school) { this.school = school; }
    public String getRegionName() { return regionName; }
    public List<Policies.Summary> getPolicyChoices() { return policyChoices; }
    public List<Schools.Progress> getProgress() { return progress; }
    public Schools.School getSelected() { return selected; }
    public List<Schools.Pupil> getPupils() { return pupils; }
    public long getPupilTotal() { return pupilTotal; }
    public String getRefusal() { return refusal; }
    public String getNewCode() { return newCode; }
    public void setNewCode(String newCode) { this.newCode = newCode; }
    public String getNewName() { return newName; }
    public void setNewName(String newName) { this.newName = newName; }
    public String getNewKind() { return newKind; }
    public void setNewKind(String newKind) { this.newKind = newKind; }
    public String getNewRegion() { return newRegion; }
    public void setNewRegion(String newRegion) { this.newRegion = newRegion; }
    public UploadedFile getFile() { return file; }
    public void setFile(UploadedFile file) { this.file = file; }
    public String getReference() { return reference; }
    public void setReference(String reference) { this.reference = reference; }
    public LocalDate getPaidOn() { return paidOn; }
    public void setPaidOn(LocalDate paidOn) { this.paidOn = paidOn; }
    public Schools.Imported getImported() { return imported; }
    public Schools.Collected getCollected() { return collected; }
}
