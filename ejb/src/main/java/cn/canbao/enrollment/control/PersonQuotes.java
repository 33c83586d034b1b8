package cn.canbao.enrollment.control;

import cn.canbao.person.entity.Person;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The quote request for a registered person: their resident type, birth date, ID number and every subsidy identity
 * on record (the engine keeps those valid on the payment date and takes the highest).
 */
@Dependent
public class PersonQuotes {

    @Inject
    SubsidyIdentities identities;

    public QuoteRequest request(Person person, int tier, LocalDate paymentDate) {
        return new QuoteRequest(tier, paymentDate, person.getResidentType(), person.getBirthDate(),
                person.idNumberValue(), identities.held(person), Set.of());
    }

    /** The quote request with identities already read (e.g. together with the person). */
    public QuoteRequest request(Person person, List<cn.canbao.policy.entity.HeldIdentity> held, int tier, LocalDate paymentDate) {
        return new QuoteRequest(tier, paymentDate, person.getResidentType(), person.getBirthDate(),
                person.idNumberValue(), held, Set.of());
    }

    public QuoteRequest requestWithout(Person person, int tier, LocalDate paymentDate) {
        return new QuoteRequest(tier, paymentDate, person.getResidentType(), person.getBirthDate(),
                person.idNumberValue(), List.of(), Set.of());
    }
}
