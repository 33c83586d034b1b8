package cn.canbao.platform.boundary;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;

/**
 * A date a person could mean in this system — a birth, a payment, a validity — from 1900 to 2199: {@code -999999999-01-01}
 * is refused as input rather than met by the database. For {@link LocalDate} and {@link OffsetDateTime}.
 */
@Documented
@Target({FIELD, ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SaneDate.Check.class)
public @interface SaneDate {

    int FIRST_YEAR = 1900;
    int LAST_YEAR = 2199;

    String message() default "日期须在 1900 年至 2199 年之间 / the date must lie between 1900 and 2199";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The same range for dates read from query parameters and files: out of it, a {@link java.time.format.DateTimeParseException}. */
    final class Parse {
        private Parse() {
        }

        public static LocalDate date(CharSequence text) {
            LocalDate date = LocalDate.parse(text);
            inRange(date.getYear(), text);
            return date;
        }

        public static OffsetDateTime instant(CharSequence text) {
            OffsetDateTime instant = OffsetDateTime.parse(text);
            inRange(instant.getYear(), text);
            return instant;
        }

        private static void inRange(int year, CharSequence text) {
            if (year < FIRST_YEAR || year > LAST_YEAR) {
                throw new java.time.format.DateTimeParseException("year outside " + FIRST_YEAR + "–" + LAST_YEAR, text, 0);
            }
        }
    }

    /** The check behind the annotation. */
    class Check implements ConstraintValidator<SaneDate, Temporal> {

        @Override
        public boolean isValid(Temporal value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int year = value instanceof OffsetDateTime t ? t.getYear() : LocalDate.from(value).getYear();
            return year >= FIRST_YEAR && year <= LAST_YEAR;
        }
    }
}
