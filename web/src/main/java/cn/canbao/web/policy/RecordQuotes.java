package cn.canbao.web.policy;

import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * A quote for a person on record (API.md, Quote): with an ID number the engine takes the birth date from it, and the
 * subsidy identities on record of a person the caller may see count too (the bare codes of the request are added).
 * Shared by {@code POST /policies/{id}/quotes} and the quote calculator.
 */
@ApplicationScoped
public class RecordQuotes {

    @Inject
    Persons persons;

    @Inject
    SubsidyIdentities identities;

    @Inject
    Policies policies;

    /** The person of the request's ID number, if registered and in the caller's area. */
    public Optional<Person> person(QuoteRequest request) {
        return request.idNumber() == null ? Optional.empty()
                : persons.find(request.idNumber()).filter(persons::callerMaySee);
    }

    /** The request with the identities on record of {@code person} added. */
    public QuoteRequest withRecord(QuoteRequest request, Optional<Person> person) {
        QuoteRequest result = request;
        if (person.isPresent()) {
            for (HeldIdentity held : identities.held(person.get())) {
                result = result.withIdentity(held);
            }
        }
        return result;
    }

    public Quote quote(String policyId, QuoteRequest request) {
        return policies.quote(policyId, withRecord(request, person(request)));
    }
}
