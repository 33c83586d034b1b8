package cn.canbao.web.counter;

import cn.canbao.enrollment.boundary.NewbornCovers;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.web.platform.Texts;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code counter/household.xhtml}: a whole family registered at the counter in one step (the notices ask residents to
 * enroll 以家庭为单位): the household, then its members; any refused member refuses the household, and the screen
 * names the member and keeps everything typed.
 */
@Named
@ViewScoped
public class HouseholdView implements Serializable {

    private static final long serialVersionUID = 1L;

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

    @Inject
    transient NewbornCovers newbornCovers;

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
            // members covered through their insured guardian in the registration's transaction (decision 49)
            for (Person member : registered) {
                if (member.getGuardian() != null) {
                    newbornCovers.coverOf(member).ifPresent(c -> Faces.info(Texts.text("counter.newbornCover.applied",
                            "Covered through the insured guardian, nothing to pay:") + " " + member.getName() + " " + c.getReason()));
                }
            }
            return "/counter/person?faces-redirect=true&person=" + registered.get(0).getId();
        } catch (ProblemException problem) {
            Faces.refused(problem);
            return null;
        }
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
