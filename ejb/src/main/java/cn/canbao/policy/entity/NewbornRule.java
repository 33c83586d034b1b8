package cn.canbao.policy.entity;

/**
 * Newborns born in the insurance year and enrolled on their own within {@code withinDays} days of birth
 * (age in days = payment date − birth date, so 90 days after a 1 Jan birth is 31 Mar).
 * priceMode null keeps the window's price; lateCoverStart null keeps the window's cover rule for later payers.
 * {@code enrollAnyDateWithinDays}: the N-day period is itself a payment window (seed 002), even after the cutoff.
 */
public record NewbornRule(int withinDays, PriceMode priceMode, boolean coverFromBirth,
                          boolean enrollAnyDateWithinDays, CoverStart lateCoverStart,
                          boolean guardianCoverAutomatic, String description) {
}
