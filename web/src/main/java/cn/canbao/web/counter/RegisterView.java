package cn.canbao.web.counter;

import cn.canbao.enrollment.boundary.NewbornCovers;
import cn.canbao.person.boundary.Persons;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.web.platform.Texts;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.validator.ValidatorException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;

/** {@code counter/register.xhtml}: a new resident of the caller's area; the ID number checked as typed. */
@Named
@ViewScoped
public class RegisterView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A village the caller may register residents in. */
    public record Village(String code, String name) implements Serializable {
    }

    @Inject
    transient Persons persons;

    @Inject
    transient Regions regions;

    @Inject
    transient NewbornCovers newbornCovers;

    private List<Village> villages = List.of();
    private String idNumber;
    private String name;
    private String gender;
    private String householdRegionCode;
    private String residentType = ResidentType.RESIDENT.name();
    private String guardianIdNumber;

    @PostConstruct
    void load() {
        villages = regions.visibleVillages().stream()
                .map(code -> new Village(code, regions.find(code).map(Region::getName).orElse(code))).toList();
        if (villages.size() == 1) {
            householdRegionCode = villages.get(0).code();
        }
    }

    /** The ID number's own check (length, region, birth date, check character) before anything is sent. */
    public void validateIdNumber(FacesContext faces, UIComponent component, Object value) {
        checkIdNumber(value);
    }

    /** The same check for any input of an ID number (the household page's member lines). */
    static void checkIdNumber(Object value) {
        if (value == null || value.toString().isBlank()) {
            return;
        }
        try {
            IdNumber.of(value.toString());
        } catch (IdNumber.InvalidIdNumberException e) {
            String text = Texts.text("register.invalidId", "Invalid ID number: ") + (Texts.english() ? e.messageEn() : e.messageZh());
            throw new ValidatorException(new FacesMessage(FacesMessage.SEVERITY_ERROR, text, ""));
        }
    }

    private String phone;

    public String register() {
        try {
            Person person = persons.register(new Persons.Registration(idNumber, name, gender, householdRegionCode, null,
                    residentType, guardianIdNumber), phone);
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            Faces.info(Texts.text("register.done", "registered") + " " + person.getName());
            // covered through the insured guardian in the registration's transaction (decision 49)
            if (person.getGuardian() != null) {
                newbornCovers.coverOf(person).ifPresent(c -> Faces.info(Texts.text("counter.newbornCover.applied",
                        "Covered through the insured guardian, nothing to pay:") + " " + c.getReason()));
            }
            return "/counter/person?faces-redirect=true&person=" + person.getId();
        } catch (ProblemException problem) {
            Faces.refused(problem);
            return null;
        }
    }

    public ResidentType[] getResidentTypes() {
        return ResidentType.values();
    }

    public List<Village> getVillages() { return villages; }
    public String getIdNumber() { return idNumber; }
    public void setIdNumber(String idNumber) { this.idNumber = idNumber == null ? null : idNumber.trim().toUpperCase(); }
    public String getName() { return name; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public void setName(String name) { this.name = name; }
    public String getGender() { return gender; }
    public void setGender(String gender) { this.gender = gender; }
    public String getHouseholdRegionCode() { return householdRegionCode; }
    public void setHouseholdRegionCode(String householdRegionCode) { this.householdRegionCode = householdRegionCode; }
    public String getResidentType() { return residentType; }
    public void setResidentType(String residentType) { this.residentType = residentType; }
    public String getGuardianIdNumber() { return guardianIdNumber; }
    public void setGuardianIdNumber(String guardianIdNumber) { this.guardianIdNumber = guardianIdNumber; }
}
