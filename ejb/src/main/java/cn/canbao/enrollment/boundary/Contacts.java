package cn.canbao.enrollment.boundary;

import cn.canbao.enrollment.entity.ContactAttempt;
import cn.canbao.enrollment.entity.ContactChannel;
import cn.canbao.enrollment.entity.ContactOutcome;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Jsons;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Policy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The follow-up of the unpaid list (催缴): a clerk records each call or house visit to a resident who has not paid for
 * the campaign year and what came of it; the unpaid list shows the latest. Residents of the caller's area only.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR})
public class Contacts {

    private static final int NOTE_MAX = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    Persons persons;

    @Inject
    Policies policies;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Records a contact with the person (by database id, as the screens link them) about paying for the policy's year. */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER})
    public ContactAttempt record(Long personId, String policyId, String channel, String outcome, String note) {
        return recordFor(personId == null ? null : () -> persons.byKey(personId), policyId, channel, outcome, note);
    }

    /** The same, the person given by resident ID number (the REST API). */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER})
    public ContactAttempt recordByIdNumber(String idNumber, String policyId, String channel, String outcome, String note) {
        return recordFor(idNumber == null || idNumber.isBlank() ? null : () -> persons.byIdNumber(idNumber), policyId, channel,
                outcome, note);
    }

    private ContactAttempt recordFor(PersonLookup lookup, String policyId, String channelText, String outcomeText, String note) {
        List<FieldError> errors = new ArrayList<>();
        if (lookup == null) {
            errors.add(new FieldError("idNumber", "必填 / required"));
        }
        if (policyId == null || policyId.isBlank()) {
            errors.add(new FieldError("policyId", "必填 / required"));
        }
        ContactChannel channel = parse(ContactChannel.class, channelText, "channel", errors);
        ContactOutcome outcome = parse(ContactOutcome.class, outcomeText, "outcome", errors);
        String trimmed = note == null || note.isBlank() ? null : note.trim();
        if (outcome == ContactOutcome.OTHER && trimmed == null) {
            errors.add(new FieldError("note", "结果为“其他”时须说明 / required when the outcome is OTHER"));
        }
        if (trimmed != null && trimmed.length() > NOTE_MAX) {
            errors.add(new FieldError("note", "最多 " + NOTE_MAX + " 字 / at most " + NOTE_MAX + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "联系记录不完整", "incomplete contact record", errors);
        }
        Person person = lookup.find();
        Policy policy = policies.policy(policyId.trim());
        boolean paid = em.createQuery("select e from Enrollment e where e.personId = :person and e.insuranceYear = :year",
                        Enrollment.class)
                .setParameter("person", person.getId()).setParameter("year", policy.insuranceYear())
                .getResultStream().anyMatch(Enrollment::isPaid);
        if (paid) {
            throw ProblemException.conflict("ALREADY_PAID", "参保人本年度已缴费，无须催缴",
                    "the person has paid for this year; there is nothing to follow up");
        }
        ContactAttempt contact = new ContactAttempt(person.getId(), policy.policyId(), policy.insuranceYear(), channel,
                outcome, trimmed, person.getHouseholdRegionCode(), audit.currentActor(), OffsetDateTime.now(clock));
        em.persist(contact);
        em.flush();
        audit.record("CONTACT_RECORDED", "person", String.valueOf(person.getId()), null, Jsons.PROVIDER.createObjectBuilder()
                        .add("contactId", contact.getId()).add("policyId", policy.policyId()).add("channel", channel.name())
                        .add("outcome", outcome.name()).build().toString(),
                channel + " " + outcome + " " + policy.policyId());
        return contact;
    }

    /** The person's contacts for the policy's year, newest first. */
    public List<ContactAttempt> of(Long personId, String policyId) {
        Person person = persons.byKey(personId);
        Policy policy = policies.policy(policyId);
        return em.createNamedQuery(ContactAttempt.OF_PERSON_YEAR, ContactAttempt.class)
                .setParameter("person", person.getId()).setParameter("year", policy.insuranceYear()).getResultList();
    }

    /**
     * The latest contact of each of these persons in the year, for a page of the unpaid list (whose persons the
     * caller's area check has already let through).
     */
    public Map<Long, ContactAttempt> latest(Collection<Long> personIds, int insuranceYear) {
        Map<Long, ContactAttempt> latest = new HashMap<>();
        if (personIds.isEmpty()) {
            return latest;
        }
        em.createNamedQuery(ContactAttempt.LATEST_OF_PERSONS, ContactAttempt.class)
                .setParameter("persons", List.copyOf(personIds)).setParameter("year", insuranceYear)
                .getResultList().forEach(c -> latest.put(c.getPersonId(), c));
        return latest;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "必填 / required"));
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "应为 / one of " + String.join(" | ",
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
            return null;
        }
    }

    @FunctionalInterface
    private interface PersonLookup {
        Person find();
    }
}
