package cn.canbao.policy.entity;

import java.time.LocalDate;

/** A date window of the campaign, both ends inclusive, with its price and how cover starts and ends. */
public record PaymentWindow(String name, LocalDate from, LocalDate to, boolean paymentAllowed, PriceMode priceMode,
                            CoverStart coverStart, LocalDate coverEnd, String description) {

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}
