package cn.canbao.policy.entity;

import cn.canbao.platform.entity.IdNumber;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a person would pay on a date. {@code paymentDate} null = today by the engine's clock; residentType null =
 * RESIDENT; birthDate may be omitted when idNumber is given. {@code identities}: those on record (with validity)
 * plus the bare codes of the request. For a policy with a continuity rule (../shared/spec/DOMAIN.md §8):
 * {@code insuredYears} = years with any basic medical insurance, {@code repairedYears} = missed years paid for
 * afterwards (缴费修复), {@code events} = events that may waive the waiting period.
 */
public record QuoteRequest(Integer tier, LocalDate paymentDate, ResidentType residentType, LocalDate birthDate,
                           IdNumber idNumber, List<HeldIdentity> identities, Set<PersonGroup> groups,
                           Set<Integer> insuredYears, Set<Integer> repairedYears, List<LifeEvent> events) {

    public QuoteRequest {
        identities = identities == null ? List.of() : List.copyOf(identities);
        groups = groups == null ? Set.of() : Set.copyOf(groups);
        insuredYears = insuredYears == null ? Set.of() : Set.copyOf(insuredYears);
        repairedYears = repairedYears == null ? Set.of() : Set.copyOf(repairedYears);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** A request without insurance history (every caller before continuous enrollment). */
    public QuoteRequest(Integer tier, LocalDate paymentDate, ResidentType residentType, LocalDate birthDate,
                        IdNumber idNumber, List<HeldIdentity> identities, Set<PersonGroup> groups) {
        this(tier, paymentDate, residentType, birthDate, idNumber, identities, groups, Set.of(), Set.of(), List.of());
    }

    public static QuoteRequest of(int tier, LocalDate paymentDate) {
        return new QuoteRequest(tier, paymentDate, ResidentType.RESIDENT, null, null, List.of(), Set.of());
    }

    public QuoteRequest withResidentType(ResidentType type) {
        return new QuoteRequest(tier, paymentDate, type, birthDate, idNumber, identities, groups, insuredYears,
                repairedYears, events);
    }

    public QuoteRequest withBirthDate(LocalDate date) {
        return new QuoteRequest(tier, paymentDate, residentType, date, idNumber, identities, groups, insuredYears,
                repairedYears, events);
    }

    public QuoteRequest withIdNumber(IdNumber id) {
        return new QuoteRequest(tier, paymentDate, residentType, birthDate, id, identities, groups, insuredYears,
                repairedYears, events);
    }

    public QuoteRequest withPaymentDate(LocalDate date) {
        return new QuoteRequest(tier, date, residentType, birthDate, idNumber, identities, groups, insuredYears,
                repairedYears, events);
    }

    public QuoteRequest withTier(int number) {
        return new QuoteRequest(number, paymentDate, residentType, birthDate, idNumber, identities, groups,
                insuredYears, repairedYears, events);
    }

    /** Adds identities held; bare codes count as valid on the payment date. */
    public QuoteRequest withIdentities(String... codes) {
        List<HeldIdentity> all = new ArrayList<>(identities);
        for (String c : codes) {
            all.add(HeldIdentity.bare(c));
        }
        return new QuoteRequest(tier, paymentDate, residentType, birthDate, idNumber, all, groups, insuredYears,
                repairedYears, events);
    }

    public QuoteRequest withIdentity(HeldIdentity identity) {
        List<HeldIdentity> all = new ArrayList<>(identities);
        all.add(identity);
        return new QuoteRequest(tier, paymentDate, residentType, birthDate, idNumber, all, groups, insuredYears,
                repairedYears, events);
    }

    public QuoteRequest withGroups(PersonGroup... more) {
        Set<PersonGroup> all = new HashSet<>(groups);
        all.addAll(List.of(more));
        return new QuoteRequest(tier, paymentDate, residentType, birthDate, idNumber, identities, all, insuredYears,
                repairedYears, events);
    }

    /**
     * Adds the groups on record that hold on the payment date (a person's groups have dates, the request's do not);
     * none without a payment date, so that a group never counts on a day it does not hold.
     */
    public QuoteRequest withHeldGroups(java.util.Collection<HeldGroup> held) {
        if (paymentDate == null || held == null) {
            return this;
        }
        PersonGroup[] valid = held.stream().filter(g -> g.validOn(paymentDate)).map(HeldGroup::group)
                .toArray(PersonGroup[]::new);
        return valid.length == 0 ? this : withGroups(valid);
    }

    /** Adds years with basic medical insurance (resident or employee, anywhere). */
    public QuoteRequest withInsuredYears(Integer... years) {
        Set<Integer> all = new HashSet<>(insuredYears);
        all.addAll(List.of(years));
        return new QuoteRequest(tier, paymentDate, residentType, birthDate, idNumber, identities, groups, all,
                repairedYears, events);
    }

    /** Adds missed years the person has paid for afterwards (缴费修复). */
    public QuoteRequest withRepairedYears(Integer... years) {
        Set<Integer> all = new HashSet<>(repairedYears);
        all.addAll(List.of(years));
        return new QuoteRequest(tier, paymentDate, residentType, birthDate, idNumber, identities, groups,
                insuredYears, all, events);
    }

    public QuoteRequest withEvent(LifeEvent.Type type, LocalDate date) {
        List<LifeEvent> all = new ArrayList<>(events);
        all.add(new LifeEvent(type, date));
        return new QuoteRequest(tier, paymentDate, residentType, birthDate, idNumber, identities, groups,
                insuredYears, repairedYears, all);
    }
}
