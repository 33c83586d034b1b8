package cn.canbao.platform.entity;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An 18-character resident ID number (居民身份证号码, GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd = male), check character. A lowercase x is normalised to X.
 */
public final class IdNumber implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";

    public enum Gender {
        MALE,
        FEMALE
    }

    private final String value;

    private IdNumber(String value) {
        this.value = value;
    }

    /** @throws InvalidIdNumberException naming what is wrong (length, characters, birth date, check character) */
    public static IdNumber of(String text) {
        if (text == null) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Reason.LENGTH, null,
                    "身份证号码为空", "ID number is missing");
        }
        String v = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (v.length() != 18) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Reason.LENGTH, text,
                    "身份证号码应为18位，实为" + v.length() + "位",
                    "ID number must have 18 characters, has " + v.length());
        }
        for (int i = 0; i < 17; i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                throw new InvalidIdNumberException(InvalidIdNumberException.Reason.CHARACTERS, text,
                        "身份证号码前17位须为数字，第" + (i + 1) + "位为'" + v.charAt(i) + "'",
                        "the first 17 characters must be digits; position " + (i + 1) + " is '" + v.charAt(i) + "'");
            }
        }
        char last = v.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            throw new InvalidIdNumberException(InvalidIdNumberException.Reason.CHARACTERS, text,
                    "身份证号码第18位须为数字或X，实为'" + last + "'",
                    "the 18th character must be a digit or X, is '" + last + "'");
        }
        parseBirthDate(v, text);
        char expected = checkCharacter(v.substring(0, 17));
        if (last != expected) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Reason.CHECK_CHARACTER, text,
                    "身份证号码校验码错误：应为" + expected + "，实为" + last,
                    "wrong check character: expected " + expected + ", found " + last);
        }
        return new IdNumber(v);
    }

    /** The GB 11643 check character for the first 17 digits; for tests and demo data. */
    public static char checkCharacter(String first17) {
        if (first17 == null || !first17.matches("\\d{17}")) {
            throw new IllegalArgumentException("need exactly 17 digits: " + first17);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /** The first 17 digits completed with their check character. */
    public static IdNumber withCheckCharacter(String first17) {
        return of(first17 + checkCharacter(first17));
    }

    private static LocalDate parseBirthDate(String v, String original) {
        try {
            return LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)),
                    Integer.parseInt(v.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Reason.BIRTH_DATE, original,
                    "身份证号码第7-14位不是有效的出生日期：" + v.substring(6, 14),
                    "characters 7-14 are not a valid birth date: " + v.substring(6, 14));
        }
    }

    public String value() {
        return value;
    }

    public LocalDate birthDate() {
        return parseBirthDate(value, value);
    }

    public Gender gender() {
        return (value.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
    }

    /** The 6-digit administrative region code of the place of first registration (GB/T 2260). */
    public String regionCode() {
        return value.substring(0, 6);
    }

    /** For display and logs: first 4 and last 4 characters, e.g. 5001**********123X. */
    public String masked() {
        return mask(value);
    }

    /**
     * A text as lists show ID numbers: an 18-character one masked like {@link #masked()} (checked or not — a report
     * shows what was sent), any other text, or null, as given.
     */
    public static String mask(String text) {
        return text == null || text.length() != 18 ? text : text.substring(0, 4) + "*".repeat(10) + text.substring(14);
    }

    /** @throws InvalidIdNumberException when the birth date lies after {@code today} */
    public IdNumber requireBornBy(LocalDate today) {
        if (birthDate().isAfter(today)) {
            throw new InvalidIdNumberException(InvalidIdNumberException.Reason.BIRTH_DATE_IN_FUTURE, value,
                    "身份证号码中的出生日期" + birthDate() + "晚于今天" + today,
                    "birth date " + birthDate() + " lies after today " + today);
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdNumber other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    /** Masked, so that a number never reaches a log by accident; use {@link #value()} for the full number. */
    @Override
    public String toString() {
        return masked();
    }

    /** An ID number that is not a valid GB 11643 number; the message names what is wrong in Chinese and English. */
    public static class InvalidIdNumberException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        public enum Reason {
            LENGTH,
            CHARACTERS,
            BIRTH_DATE,
            BIRTH_DATE_IN_FUTURE,
            CHECK_CHARACTER
        }

        private final Reason reason;
        private final String messageZh;
        private final String messageEn;

        InvalidIdNumberException(Reason reason, String input, String messageZh, String messageEn) {
            super(messageZh + " / " + messageEn);
            this.reason = reason;
            this.messageZh = messageZh;
            this.messageEn = messageEn;
        }

        public Reason reason() {
            return reason;
        }

        public String messageZh() {
            return messageZh;
        }

        public String messageEn() {
            return messageEn;
        }
    }
}
