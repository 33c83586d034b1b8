package cn.canbao.web.counter;

import cn.canbao.enrollment.boundary.NewbornCovers;
import cn.canbao.person.boundary.PersonGroups;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.web.platform.Texts;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The person page's groups panel (issue 14): the resident's special groups with their dates and evidence, a form for
 * clerks, district administrators and departments to add one (read-only for officers), and for a newborn with a
 * guardian the automatic cover through the insured guardian (seed 002, decision 49). Its own form on the page, so
 * Enter in its fields records a group and never reaches the payment form (decision 43).
 */
@Named
@ViewScoped
public class PersonGroupsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A line of the panel. */
    public record Row(String group, LocalDate validFrom, LocalDate validTo, LocalDate eventDate, String source,
                      String evidence, String recordedBy, OffsetDateTime recordedAt, boolean validToday)
            implements Serializable {
    }

    @Inject
    transient PersonGroups groups;

    @Inject
    transient NewbornCovers newbornCovers;

    @Inject
    transient cn.canbao.enrollment.boundary.CollegeTransitionCovers transitionCovers;

    @Inject
    transient Persons persons;

    @Inject
    ResidentView resident;

    @Inject
    transient java.time.Clock clock;

    private List<Row> lines;
    private transient Person person;
    private String group;
    private LocalDate validFrom;
    private LocalDate validTo;
    private LocalDate eventDate;
    private String evidence;
    private String coverPolicy;

    public List<Row> getLines() {
        if (lines == null) {
            load();
        }
        return lines;
    }

    private void load() {
        Person person = person();
        LocalDate today = LocalDate.now(clock);
        lines = person == null ? List.of() : groups.list(person.getIdNumber()).groups().stream()
                .map(g -> new Row(g.group().name(), g.validFrom(), g.validTo(), g.eventDate(), g.source().name(),
                        g.evidence(), g.recordedBy(), g.recordedAt(), g.validOn(today))).toList();
    }

    /** Whether the caller may add a group (clerks, district administrators, departments; officers only read). */
    public boolean isMayRecord() {
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        return context.isUserInRole(Roles.CLERK) || context.isUserInRole(Roles.DISTRICT_ADMIN)
                || context.isUserInRole(Roles.DEPARTMENT);
    }

    /** Whether the newborn cover is offered: a newborn with a guardian on record, to a role that enrolls. */
    public boolean isNewbornCoverOffered() {
        Person person = person();
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        return person != null && person.getResidentType() == ResidentType.NEWBORN && person.getGuardian() != null
                && (context.isUserInRole(Roles.CLERK) || context.isUserInRole(Roles.TOWN_OFFICER)
                || context.isUserInRole(Roles.DISTRICT_ADMIN));
    }

    /**
     * Whether the college transition cover is offered: a college student holding ACADEMIC_YEAR_INSURED, to a role
     * that enrolls (the policy chosen says whether it has a transition).
     */
    public boolean isTransitionCoverOffered() {
        Person person = person();
        ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
        return person != null && person.getResidentType() == ResidentType.COLLEGE_STUDENT
                && getLines().stream().anyMatch(l -> PersonGroup.ACADEMIC_YEAR_INSURED.name().equals(l.group()))
                && (context.isUserInRole(Roles.CLERK) || context.isUserInRole(Roles.TOWN_OFFICER)
                || context.isUserInRole(Roles.DISTRICT_ADMIN));
    }

    /** The college transition cover in the chosen policy (seeds 000, 002; decision 52). */
    public void coverTransition() {
        Person person = person();
        if (person == null) {
            return;
        }
        try {
            var covered = transitionCovers.cover(person.getIdNumber(), coverPolicy, null);
            Faces.info(covered.created() ? covered.cover().getReason()
                    : Texts.text("counter.transitionCover.already", "transition cover already recorded"));
            ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
            context.getFlash().setKeepMessages(true);
            context.redirect(context.getRequestContextPath() + "/counter/person.xhtml?person=" + person.getId());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    public PersonGroup[] getGroupChoices() {
        return PersonGroup.values();
    }

    public void record() {
        Person person = person();
        if (person == null) {
            return;
        }
        try {
            groups.record(person.getIdNumber(), new PersonGroups.Entry(group, text(validFrom), text(validTo), text(eventDate),
                    null, evidence));
            Faces.info(Texts.text("counter.groups.recorded", "group recorded"));
            group = null;
            validFrom = null;
            validTo = null;
            eventDate = null;
            evidence = null;
            load();
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    /** The newborn's automatic cover through the insured guardian, in the chosen policy. */
    public void coverNewborn() {
        Person person = person();
        if (person == null) {
            return;
        }
        try {
            NewbornCovers.Covered covered = newbornCovers.cover(person.getIdNumber(), coverPolicy);
            Faces.info(covered.created() ? covered.cover().getReason()
                    : Texts.text("counter.newbornCover.already", "already covered through the guardian"));
            // the whole page again: the enrollment now stands in its list
            ExternalContext context = FacesContext.getCurrentInstance().getExternalContext();
            context.getFlash().setKeepMessages(true);
            context.redirect(context.getRequestContextPath() + "/counter/person.xhtml?person=" + person.getId());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (ProblemException problem) {
            Faces.refused(problem);
        }
    }

    /** The page's person, read once for the view (the panel asks several times while it renders). */
    private Person person() {
        if (person == null && resident.getPersonId() != null) {
            person = persons.byKey(resident.getPersonId());
        }
        return person;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    public String getGroup() { return group; }
    public void setGroup(String group) { this.group = group; }
    public LocalDate getValidFrom() { return validFrom; }
    public void setValidFrom(LocalDate validFrom) { this.validFrom = validFrom; }
    public LocalDate getValidTo() { return validTo; }
    public void setValidTo(LocalDate validTo) { this.validTo = validTo; }
    public LocalDate getEventDate() { return eventDate; }
    public void setEventDate(LocalDate eventDate) { this.eventDate = eventDate; }
    public String getEvidence() { return evidence; }
    public void setEvidence(String evidence) { this.evidence = evidence; }
    public String getCoverPolicy() { return coverPolicy; }
    public void setCoverPolicy(String coverPolicy) { this.coverPolicy = coverPolicy; }
}
