package cn.canbao.policy.entity;

import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How cover starts for a payment. Written in policy documents as {@code YEAR_START}, {@code NEXT_MONTH_FIRST},
 * {@code PAYMENT_DATE}, {@code PAYMENT_DATE_PLUS_DAYS(90)} or {@code PAYMENT_DATE_PLUS_MONTHS(3)}.
 */
public record CoverStart(Kind kind, int amount) {

    public enum Kind {
        YEAR_START,
        NEXT_MONTH_FIRST,
        PAYMENT_DATE,
        PAYMENT_DATE_PLUS_DAYS,
        PAYMENT_DATE_PLUS_MONTHS;

        boolean takesAmount() {
            return this == PAYMENT_DATE_PLUS_DAYS || this == PAYMENT_DATE_PLUS_MONTHS;
        }
    }

    private static final Pattern FORM = Pattern.compile("([A-Z_]+)(?:\\((\\d{1,4})\\))?");

    public CoverStart {
        Objects.requireNonNull(kind, "kind");
        if (!kind.takesAmount() && amount != 0) {
            throw new IllegalArgumentException(kind + " takes no amount");
        }
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be >= 0");
        }
    }

    public static CoverStart yearStart() {
        return new CoverStart(Kind.YEAR_START, 0);
    }

    public static CoverStart nextMonthFirst() {
        return new CoverStart(Kind.NEXT_MONTH_FIRST, 0);
    }

    public static CoverStart paymentDate() {
        return new CoverStart(Kind.PAYMENT_DATE, 0);
    }

    public static CoverStart plusDays(int days) {
        return new CoverStart(Kind.PAYMENT_DATE_PLUS_DAYS, days);
    }

    public static CoverStart plusMonths(int months) {
        return new CoverStart(Kind.PAYMENT_DATE_PLUS_MONTHS, months);
    }

    /** @throws IllegalArgumentException when the text is not one of the documented forms */
    public static CoverStart parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown cover-start rule '" + text + "'");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown cover-start rule '" + text + "'");
        }
        if (kind.takesAmount() != (m.group(2) != null)) {
            throw new IllegalArgumentException(kind.takesAmount()
                    ? kind + " needs a number, e.g. " + kind + "(90)"
                    : kind + " takes no number");
        }
        return new CoverStart(kind, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /** First day of cover for a payment on {@code paymentDate} in a policy whose insurance year starts {@code yearStart}. */
    public LocalDate startFor(LocalDate paymentDate, LocalDate yearStart) {
        return switch (kind) {
            case YEAR_START -> yearStart;
            case NEXT_MONTH_FIRST -> paymentDate.withDayOfMonth(1).plusMonths(1);
            case PAYMENT_DATE -> paymentDate;
            case PAYMENT_DATE_PLUS_DAYS -> paymentDate.plusDays(amount);
            case PAYMENT_DATE_PLUS_MONTHS -> paymentDate.plusMonths(amount);
        };
    }

    /** A Chinese phrase for explanations, e.g. "等待期90天". */
    public String describeZh() {
        return switch (kind) {
            case YEAR_START -> "待遇自参保年度1月1日起";
            case NEXT_MONTH_FIRST -> "待遇自缴费次月1日起";
            case PAYMENT_DATE -> "不设等待期，待遇自缴费之日起";
            case PAYMENT_DATE_PLUS_DAYS -> "等待期" + amount + "天";
            case PAYMENT_DATE_PLUS_MONTHS -> "等待期" + amount + "个月";
        };
    }

    @Override
    public String toString() {
        return kind.takesAmount() ? kind + "(" + amount + ")" : kind.name();
    }
}
