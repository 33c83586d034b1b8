package cn.canbao.policy.entity;

import java.time.LocalDate;
import java.util.Objects;

/** A subsidy identity a person holds, with its validity from the department's roster (null ends: unbounded). */
public record HeldIdentity(String code, LocalDate validFrom, LocalDate validTo) {

    public HeldIdentity {
        Objects.requireNonNull(code, "code");
    }

    /** A code passed bare in a request: counts as valid on the payment date. */
    public static HeldIdentity bare(String code) {
        return new HeldIdentity(code, null, null);
    }

    public boolean validOn(LocalDate date) {
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
    }
}
