package cn.canbao.web.subsidy;

import cn.canbao.web.roster.RosterLabels;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.region.boundary.Regions;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import cn.canbao.subsidy.entity.SubsidyIdentity;
import cn.canbao.web.platform.ScreenMessages;
import cn.canbao.web.platform.Texts;
import cn.canbao.web.platform.UserSession;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code roster/identities.xhtml}: a person's subsidy identities by ID number — code, the category's name, department,
 * validity, source, evidence. Only persons of the caller's area (the person boundary refuses others: 403 code shown).
 */
@Named
@ViewScoped
public class IdentityLookupView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** An identity as the lookup lists it. */
    public record Line(long id, String code, String categoryName, String certifyingDepartment, LocalDate validFrom,
                       LocalDate validTo, String source, String evidence) implements Serializable {
    }

    /** Who was found: the ID number masked, as in every list. */
    public record Holder(String maskedIdNumber, String name, String regionCode, String regionName) implements Serializable {
    }

    @Inject
    transient Persons persons;

    @Inject
    transient SubsidyIdentities identities;

    @Inject
    transient Regions regions;

    @Inject
    RosterLabels labels;

    @Inject
    UserSession userSession;

    private String idNumber;
    private Holder holder;
    private List<Line> lines = List.of();
    private List<SubsidyIdentities.Revoked> revoked = List.of();

    /** The identity being corrected or revoked, and how ({@code REVOKE} or {@code CORRECT}). */
    private Line selected;
    private String action;
    private LocalDate newFrom;
    private LocalDate newTo;
    private String reason;

    /** Whether the caller may correct identities (district bureau, certifying departments). */
    public boolean isMayCorrect() {
        return userSession.hasRole(cn.canbao.platform.boundary.Roles.DISTRICT_ADMIN)
                || userSession.hasRole(cn.canbao.platform.boundary.Roles.DEPARTMENT);
    }

    public void startRevoke(Line line) {
        start(line, "REVOKE");
    }

    public void startCorrect(Line line) {
        start(line, "CORRECT");
    }

    private void start(Line line, String how) {
        selected = line;
        action = how;
        newFrom = line.validFrom();
        newTo = line.validTo();
        reason = null;
    }

    public void cancelCorrection() {
        selected = null;
        action = null;
    }

    /** Carries out the chosen correction; refused → the message, nothing changed, the panel stays open. */
    public void confirmCorrection() {
        if (selected == null) {
            return;
        }
        try {
            if ("REVOKE".equals(action)) {
                identities.revoke(selected.id(), reason);
                ScreenMessages.info(Texts.text("identity.done.revoked", "Revoked") + " " + selected.code());
            } else {
                identities.correct(selected.id(), new SubsidyIdentities.Correction(newFrom, newTo, reason));
                ScreenMessages.info(Texts.text("identity.done.corrected", "Corrected") + " " + selected.code());
            }
            selected = null;
            action = null;
            lookup();
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "identity.", null);
        }
    }

    public void lookup() {
        holder = null;
        lines = List.of();
        revoked = List.of();
        if (idNumber == null || idNumber.isBlank()) {
            ScreenMessages.error(Texts.text("roster.lookup.idNumber", "ID number") + "：" + Texts.text("validation.required", "required"));
            return;
        }
        try {
            Person person = persons.byIdNumber(idNumber.trim());
            Map<String, RosterLabels.Category> catalogue = labels.catalogue(userSession.getRegionCode()).stream()
                    .collect(Collectors.toMap(RosterLabels.Category::code, Function.identity()));
            holder = new Holder(person.maskedIdNumber(), person.getName(), person.getHouseholdRegionCode(),
                    regions.find(person.getHouseholdRegionCode()).map(r -> r.getName()).orElse(""));
            lines = identities.of(person).stream().map(s -> line(s, catalogue.get(s.getCode()))).toList();
            revoked = identities.revoked(person);
        } catch (ProblemException problem) {
            ScreenMessages.refused(problem, "roster.field.", null);
        }
    }

    private static Line line(SubsidyIdentity s, RosterLabels.Category category) {
        return new Line(s.getId(), s.getCode(), category == null ? "" : category.name(), s.getCertifyingDepartment(), s.getValidFrom(),
                s.getValidTo(), s.getSource().name(), s.getEvidence());
    }

    public String getIdNumber() { return idNumber; }
    public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
    public Holder getHolder() { return holder; }
    public List<Line> getLines() { return lines; }
    public List<SubsidyIdentities.Revoked> getRevoked() { return revoked; }
    public Line getSelected() { return selected; }
    public String getAction() { return action; }
    public LocalDate getNewFrom() { return newFrom; }
    public void setNewFrom(LocalDate newFrom) { this.newFrom = newFrom; }
    public LocalDate getNewTo() { return newTo; }
    public void setNewTo(LocalDate newTo) { this.newTo = newTo; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
