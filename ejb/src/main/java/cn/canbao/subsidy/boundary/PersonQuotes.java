package cn.canbao.subsidy.boundary;

import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRequest;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The quote request for a person on record: their resident type, birth date, ID number and every subsidy identity on
 * record (the engine keeps those valid on the payment date and takes the highest). Built by
 * {@code QuotedPerson.request}, the one builder the payment path, the API's and calculator's quotes and the batch jobs
 * share. Also the quote of {@code POST /policies/{id}/quotes} (../shared/spec/API.md, Quote) with an ID number: the identities on
 * record of a person the caller may see are added to the request's own. The person's insurance history (continuity,
 * DOMAIN.md §8) lives a component above and is added by the callers that price for a policy with a continuity or
 * incentive rule: {@code enrollment.boundary.InsuranceHistories.withHistory} (or its bulk reads for batches and jobs),
 * which also adds the person's groups valid on the payment date for a policy with rules for groups
 * ({@code person.boundary.PersonGroups}; the bulk paths read them with {@code PersonGroups.heldOf} / {@code held}).
 */
@Dependent
public class PersonQuotes {

    @Inject
    SubsidyIdentities identities;

    @Inject
    Persons persons;

    @Inject
    Policies policies;

    public QuoteRequest request(Person person, int tier, LocalDate paymentDate) {
        return person.quoted().request(identities.held(person), tier, paymentDate);
    }

    /** The quote request with identities already read (e.g. together with the person). */
    public QuoteRequest request(Person person, List<HeldIdentity> held, int tier, LocalDate paymentDate) {
        return person.quoted().request(held, tier, paymentDate);
    }

    public QuoteRequest requestWithout(Person person, int tier, LocalDate paymentDate) {
        return person.quoted().request(List.of(), tier, paymentDate);
    }

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

    /** A quote of {@code policyId} for the request, with the identities on record of the person it names. */
    public Quote quote(String policyId, QuoteRequest request) {
        return policies.quote(policyId, withRecord(request, person(request)));
    }
}
