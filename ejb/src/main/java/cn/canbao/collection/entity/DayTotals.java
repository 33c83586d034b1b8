package cn.canbao.collection.entity;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one collector recorded on one business day, by channel group: cash, POS, and everything else. Reversals are
 * netted: their amounts are negative in {@code payment}, and {@link Line#count()} is payments minus reversals.
 */
public record DayTotals(Line cash, Line pos, Line other) {

    /** Rows of one channel group: how many payments, how many reversals, the net amount. */
    public record Line(int payments, int reversals, BigDecimal amount) {
        public static final Line NONE = new Line(0, 0, BigDecimal.ZERO.setScale(2));

        public Line {
            Objects.requireNonNull(amount);
            amount = amount.setScale(2);
        }

        public int count() {
            return payments - reversals;
        }

        public Line plus(Payment.Kind kind, int rows, BigDecimal rowsAmount) {
            return new Line(payments + (kind != Payment.Kind.REVERSAL ? rows : 0),
                    reversals + (kind == Payment.Kind.REVERSAL ? rows : 0), amount.add(rowsAmount));
        }
    }

    public static final DayTotals NONE = new DayTotals(Line.NONE, Line.NONE, Line.NONE);

    /** The totals with {@code rows} more rows of {@code channel} and {@code kind}, together {@code amount}. */
    public DayTotals plus(Channel channel, Payment.Kind kind, int rows, BigDecimal amount) {
        return switch (channel) {
            case CASH -> new DayTotals(cash.plus(kind, rows, amount), pos, other);
            case POS -> new DayTotals(cash, pos.plus(kind, rows, amount), other);
            default -> new DayTotals(cash, pos, other.plus(kind, rows, amount));
        };
    }

    public int count() {
        return cash.count() + pos.count() + other.count();
    }

    public BigDecimal amount() {
        return cash.amount().add(pos.amount()).add(other.amount());
    }
}
