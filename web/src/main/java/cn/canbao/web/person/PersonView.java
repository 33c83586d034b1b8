package cn.canbao.web.person;

import cn.canbao.person.entity.Person;

import java.time.LocalDate;
import java.util.List;

/**
 * The API shape of a person's own record: the full ID number (the caller asked for this person by it); anyone else's
 * number in it (the guardian) is masked.
 */
public record PersonView(String idNumber, String documentType, String name, String gender, LocalDate birthDate,
                         String householdRegionCode, String residenceRegionCode, String residentType,
                         String guardianIdNumber, Long householdId, LocalDate deceasedOn, boolean employeeInsured,
                         boolean insuredElsewhere, List<?> identities, List<?> enrollments, List<?> nonEnrollments,
                         NewbornCoverInfo newbornCover) {

    /** {@code newbornCover}: the cover through the guardian (decision 49), null when the person has none. */
    public static PersonView of(Person p, List<?> identities, List<?> enrollments, List<?> nonEnrollments,
                                NewbornCoverInfo newbornCover) {
        return new PersonView(p.getIdNumber(), p.getDocumentType().name(), p.getName(), p.getGender().name(),
                p.getBirthDate(), p.getHouseholdRegionCode(), p.getResidenceRegionCode(), p.getResidentType().name(),
                p.getGuardian() == null ? null : p.getGuardian().maskedIdNumber(),
                p.getHousehold() == null ? null : p.getHousehold().getId(), p.getDeceasedOn(), p.isEmployeeInsured(),
                p.isInsuredElsewhere(), identities, enrollments, nonEnrollments, newbornCover);
    }

    /** A line of a list: the ID number masked. */
    public record Line(String idNumber, String name, String gender, LocalDate birthDate, String householdRegionCode,
                       String residentType) {
        public static Line of(Person p) {
            return new Line(p.maskedIdNumber(), p.getName(), p.getGender().name(), p.getBirthDate(),
                    p.getHouseholdRegionCode(), p.getResidentType().name());
        }
    }
}
