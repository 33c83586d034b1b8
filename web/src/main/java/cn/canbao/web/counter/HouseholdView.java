package cn.canbao.web.counter;

import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.web.platform.Texts;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code counter/household.xhtml}: a whole family registered at the counter in one step (the notices ask residents to
 * enroll 以家庭为单位): the household, then its members; any refused member refuses the household, and the screen
 * names the member and keeps everything typed.
 */
@Named
@ViewScoped
public class HouseholdView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern MEMBER_FIELD = Pattern.compile("members\\[(\\d+)]\\.?(.*)");

    /** One member line as typed. */
    public static class Member implements Serializable {
        private static final long serialVersionUID = 1L;
        private String idNumber;
        private String name;
        private String residentType = ResidentType.RESIDENT.name();
        private String guardianIdNumber;

        public String getIdNumber() { return idNumber; }
        public void setIdNumber(String idNumber) { this.idNumber = idNumber == null ? null : idNumber.trim().toUpperCase(); }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getResidentType() { return residentType; }
        public void setResidentType(String residentType) { this.residentType = residentType; }
        public String getGuardianIdNumber() { return guardianIdNumber; }
        public void setGuardianIdNumber(String guardianIdNumber) {
            this.guardianIdNumber = guardianIdNumber == null || guardianIdNumber.isBlank() ? null : guardianIdNumber.trim().toUpperCase();
        }

        boolean isBlank() {
            return (idNumber == null || idNumber.isBlank()) && (name == null || name.isBlank());
        }
    }

    @Inject
    transient Persons persons;

    @Inject
    transient Regions regions;

    private List<RegisterView.Village> villages = List.of();
    private String regionCode;
    private String householdNumber;
    private String address;
    private final List<Member> members = new ArrayList<>();

    @PostConstruct
    void load() {
        villages = regions.visibleVillages().stream()
                .map(code -> new RegisterView.Village(code, regions.find(code).map(Region::getName).orElse(code))).toList();
        if (villages.size() == 1) {
            regionCode = villages.get(0).code();
        }
        members.add(new Member());
        members.add(new Member());
    }

    /** Each member's ID number checked as typed, like the single registration. */
    public void validateIdNumber(FacesContext faces, jakarta.faces.component.UIComponent component, Object value) {
        RegisterView.checkIdNumber(value);
    }

    public void addMember() {
        members.add(new Member());
    }

    public void removeMember(Member member) {
        if (members.size() > 1) {
            members.remove(member);
        }
    }

    /** All members or none; the lines left blank are not members. */
    public String register() {
        List<Persons.Registration> registrations = new ArrayList<>();
        for (Member m : members) {
            if (!m.isBlank()) {
                registrations.add(new Persons.Registration(m.getIdNumber(), m.getName(), null, regionCode, null,
                        m.getResidentType(), m.getGuardianIdNumber()));
            }
        }
        try {
            List<Person> registered = persons.registerHousehold(new Persons.HouseholdRegistration(householdNumber, regionCode,
                    address, registrations));
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            Faces.info(Texts.text("household.done", "household registered") + "：" + registered.size() + " "
                    + Texts.text("household.persons", "person(s)"));
            return "/counter/person?faces-redirect=true&person=" + registered.get(0).getId();
        } catch (ProblemException problem) {
            refused(problem);
            return null;
        }
    }

    /** The refusal, each complaint naming the member line (第 2 人 · 身份证号码) rather than {@code members[1].idNumber}. */
    private static void refused(ProblemException problem) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Texts.refusal(problem), ""));
        for (ProblemException.FieldError error : problem.errors()) {
            Matcher member = MEMBER_FIELD.matcher(error.field());
            String field;
            if (member.matches()) {
                int line = Integer.parseInt(member.group(1)) + 1;
                field = Texts.text("household.member", "member {0}").replace("{0}", String.valueOf(line))
                        + (member.group(2).isEmpty() ? "" : " · " + Texts.text("field." + member.group(2), member.group(2)));
            } else {
                field = Texts.text("field." + error.field(), error.field());
            }
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, field + "：" + Texts.pick(error.message()), ""));
        }
        faces.validationFailed();
    }

    public ResidentType[] getResidentTypes() {
        return ResidentType.values();
    }

    public List<RegisterView.Village> getVillages() { return villages; }
    public String getRegionCode() { return regionCode; }
    public void setRegionCode(String regionCode) { this.regionCode = regionCode; }
    public String getHouseholdNumber() { return householdNumber; }
    public void setHouseholdNumber(String householdNumber) { this.householdNumber = householdNumber; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public List<Member> getMembers() { return members; }
}
