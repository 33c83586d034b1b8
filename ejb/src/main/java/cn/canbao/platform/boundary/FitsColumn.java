package cn.canbao.platform.boundary;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;

/**
 * A text a request carries into a column: no longer than the column itself — its width is read from the database's
 * own catalogue ({@link ColumnWidths}), so the schema Flyway keeps is the one source of truth — and without control or
 * format (bidi) characters; {@code lines} lets a note keep its line breaks and tabs. A null value is left to the
 * rules that say whether the field is required.
 *
 * <p>Put on a request record's component it lands on the field only (its target), so it is checked once.
 */
@Documented
@Target({FIELD, ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = FitsColumn.Check.class)
public @interface FitsColumn {

    /** {@code table.column}, as in the migrations. */
    String value();

    boolean lines() default false;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check behind the annotation. */
    class Check implements ConstraintValidator<FitsColumn, String> {

        private int width;
        private boolean lines;

        @Override
        public void initialize(FitsColumn annotation) {
            width = ColumnWidths.of(annotation.value());
            lines = annotation.lines();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String refusal = null;
            if (value.length() > width) {
                refusal = "至多 " + width + " 个字符 / at most " + width + " characters";
            } else if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT
                    || (Character.isISOControl(c) && !(lines && (c == '\n' || c == '\r' || c == '\t'))))) {
                refusal = "不能含控制字符 / must not contain control characters";
            }
            if (refusal == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(refusal.replace("{", "\\{")).addConstraintViolation();
            return false;
        }
    }
}
