package cn.canbao.platform.entity;

import java.util.Optional;

/**
 * The one rule for a short free text a person types — a name, a rule, a leader, a phone: present when required, at
 * most {@code max} characters once trimmed, no control or format (bidi) characters. The refusal is bilingual, as the
 * screens and problem+json show it.
 */
public final class FreeText {

    private FreeText() {
    }

    /** Why {@code value} is refused, or empty; a blank optional value is accepted. */
    public static Optional<String> refusal(String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? Optional.of("必填 / required") : Optional.empty();
        }
        if (value.trim().length() > max) {
            return Optional.of("至多 " + max + " 个字符 / at most " + max + " characters");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            return Optional.of("不能含控制字符 / must not contain control characters");
        }
        return Optional.empty();
    }
}
