package cn.canbao.web.person;

import cn.canbao.person.entity.Person;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Assembles a person's record from the components that hold its parts (identities, enrollments, reasons). */
@ApplicationScoped
public class PersonRecords {

    @Inject
    SubsidyIdentities identities;

    public PersonView of(Person person) {
        return PersonView.of(person, identities.of(person).stream().map(IdentityView::of).toList(), List.of(), List.of());
    }
}
