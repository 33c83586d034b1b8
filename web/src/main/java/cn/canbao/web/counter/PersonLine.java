package cn.canbao.web.counter;

import cn.canbao.person.entity.Person;

import java.io.Serializable;
import java.time.LocalDate;

/** A person as a counter list shows them: the ID number masked; the screens link to the person by its key. */
public record PersonLine(Long personId, String maskedIdNumber, String name, String gender, LocalDate birthDate,
                         String regionCode, String phone) implements Serializable {

    public static PersonLine of(Person p) {
        return new PersonLine(p.getId(), p.maskedIdNumber(), p.getName(), p.getGender().name(), p.getBirthDate(),
                p.getHouseholdRegionCode(), p.getPhone());
    }
}
