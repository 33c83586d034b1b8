package cn.canbao.policy.entity;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A special group a person belongs to on record, with the dates it holds (a null end: open). What the quote of a real
 * payment adds to its request: the groups valid on the payment date ({@link QuoteRequest#withHeldGroups}).
 */
public record HeldGroup(PersonGroup group, LocalDate validFrom, LocalDate validTo) implements Serializable {

    public HeldGroup {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(validFrom, "validFrom");
    }

    public boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }
}
