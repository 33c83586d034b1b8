package cn.canbao.web.person;

import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.person.entity.Person;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import cn.canbao.web.enrollment.EnrollmentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Assembles a person's record from the components that hold its parts (identities, enrollments, reasons). */
@ApplicationScoped
public class PersonRecords {

    @Inject
    SubsidyIdentities identities;

    @Inject
    Enrollments enrollments;

    public PersonView of(Person person) {
        return PersonView.of(person,
                identities.of(person).stream().map(IdentityView::of).toList(),
                enrollments.of(person).stream().map(EnrollmentView::of).toList(),
                enrollments.nonEnrollments(person).stream().map(NonEnrollmentView::of).toList());
    }
}
