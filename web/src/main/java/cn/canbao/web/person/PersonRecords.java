package cn.canbao.web.person;

import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.boundary.NewbornCovers;
import cn.canbao.person.entity.Person;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import cn.canbao.web.enrollment.EnrollmentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/** Assembles a person's record from the components that hold its parts (identities, enrollments, reasons). */
@ApplicationScoped
public class PersonRecords {

    @Inject
    SubsidyIdentities identities;

    @Inject
    Enrollments enrollments;

    @Inject
    NewbornCovers newbornCovers;

    public PersonView of(Person person) {
        List<Enrollments.Reading> readings = enrollments.of(person);
        return PersonView.of(person,
                identities.of(person).stream().map(IdentityView::of).toList(),
                readings.stream().map(EnrollmentView::of).toList(),
                enrollments.nonEnrollments(person).stream().map(NonEnrollmentView::of).toList(),
                newbornCover(person, readings).orElse(null));
    }

    /** The person's cover through the guardian, if any (only a person with a guardian on record is looked up). */
    public Optional<NewbornCoverInfo> newbornCover(Person person) {
        return person.getGuardian() == null ? Optional.empty() : newbornCover(person, enrollments.of(person));
    }

    private Optional<NewbornCoverInfo> newbornCover(Person person, List<Enrollments.Reading> readings) {
        if (person.getGuardian() == null) {
            return Optional.empty();
        }
        return newbornCovers.coverOf(person).map(c -> NewbornCoverInfo.of(c, person, readings));
    }
}
