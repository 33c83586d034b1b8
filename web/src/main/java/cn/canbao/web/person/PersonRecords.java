package cn.canbao.web.person;

import cn.canbao.person.entity.Person;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Assembles a person's record from the components that hold its parts (identities, enrollments, reasons). */
@ApplicationScoped
public class PersonRecords {

    public PersonView of(Person person) {
        return PersonView.of(person, List.of(), List.of(), List.of());
    }
}
