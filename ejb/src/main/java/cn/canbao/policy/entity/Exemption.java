package cn.canbao.policy.entity;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Overrides the payment windows for some persons on payment dates {@code from..to}: persons holding one of
 * {@code subsidyCodes} (valid on the payment date) or belonging to one of {@code groups}. Null priceMode or
 * coverStart keeps the window's. {@code extendsWindow}: these persons may also pay on dates of the range where
 * no window allows payment (seed 004's low-income persons, 1 Jul–31 Dec); such a payment is reported under
 * {@code windowName} and then needs its own priceMode and coverStart.
 */
public record Exemption(String name, String description, List<String> subsidyCodes, Set<PersonGroup> groups,
                        LocalDate from, LocalDate to, PriceMode priceMode, CoverStart coverStart,
                        boolean extendsWindow, String windowName) {

    public Exemption {
        subsidyCodes = List.copyOf(subsidyCodes);
        groups = Set.copyOf(groups);
    }

    public boolean inForceOn(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
