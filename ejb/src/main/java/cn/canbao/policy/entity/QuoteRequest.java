package cn.canbao.policy.entity;

import cn.canbao.platform.entity.IdNumber;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a person would pay on a date. {@code paymentDate} null = today by the engine's clock; residentType null =
 * RESIDENT; birthDate may be omitted when idNumber is given. {@code identities}: those on record (with validity)
 * plus the bare codes of the request.
 */
public record QuoteRequest(Integer tier, LocalDate paymentDate, ResidentType residentType, LocalDate birthDate,
                           IdNumber idNumber, List<HeldIdentity> identities, Set<PersonGroup> groups) {

    public QuoteRequest {
        identities = identities == null ? List.of() : List.copyOf(identities);
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    public static QuoteRequest of(int tier, LocalDate paymentDate) {
        return new QuoteRequest(tier, paymentDate, ResidentType.RESIDENT, null, null, List.of(), Set.of());
    }

    public QuoteRequest withResidentType(ResidentType type) {
        return new QuoteRequest(tier, paymentDate, type, birthDate, idNumber, identities, groups);
    }

    public QuoteRequest withBirthDate(LocalDate date) {
        return new QuoteRequest(tier, paymentDate, residentType, date, idNumber, identities, groups);
    }

    public QuoteRequest withIdNumber(IdNumber id) {
        return new QuoteRequest(tier, paymentDate, residentType, birthDate, id, identities, groups);
    }

    public QuoteRequest withPaymentDate(LocalDate date) {
        return new QuoteRequest(tier, date, residentType, birthDate, idNumber, identities, groups);
    }

    public QuoteRequest withTier(int number) {
        return new QuoteRequest(number, paymentDate, residentType, birthDate, idNumber, identities, groups);
    }

    /** Adds identities held; bare codes count as valid on the payment date. */
    public QuoteRequest withIdentities(String... codes) {
        List<HeldIdentity> all = new java.util.ArrayList<>(identities);
        for (String c : codes) {
            all.add(HeldIdentity.bare(c));
        }
        return new QuoteRequest(tier, paymentDate, residentType, birthDate, idNumber, all, groups);
    }

    public QuoteRequest withIdentity(HeldIdentity identity) {
        List<HeldIdentity> all = new java.util.ArrayList<>(identities);
        all.add(identity);
        return new QuoteRequest(tier, paymentDate, residentType, birthDate, idNumber, all, groups);
    }

    public QuoteRequest withGroups(PersonGroup... more) {
        Set<PersonGroup> all = new java.util.HashSet<>(groups);
        all.addAll(List.of(more));
        return new QuoteRequest(tier, paymentDate, residentType, birthDate, idNumber, identities, all);
    }
}
