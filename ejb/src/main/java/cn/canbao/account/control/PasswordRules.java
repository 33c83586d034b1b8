package cn.canbao.account.control;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a person's password must be: 8 to 64 characters, letters and digits both, not the user name or a part of it,
 * not a well-known password. Each refusal in Chinese and English, for the form field or the API's errors.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 64;

    private static final Set<String> COMMON = Set.of("password", "password1", "12345678", "123456789", "1234567890",
            "qwerty123", "abc12345", "abcd1234", "a1234567", "11111111", "88888888", "iloveyou1", "admin123", "admin1234",
            "demo1234", "canbao123", "welcome1", "passw0rd", "p@ssw0rd", "1qaz2wsx", "zaq12wsx", "woaini1314");

    private PasswordRules() {
    }

    /** Why {@code password} is refused for {@code username}, or empty when it is acceptable. */
    public static Optional<String> refusal(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("至少 " + MIN_LENGTH + " 个字符 / at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("至多 " + MAX_LENGTH + " 个字符 / at most " + MAX_LENGTH + " characters");
        }
        if (password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)) {
            return Optional.of("须同时含有字母和数字 / must contain both letters and digits");
        }
        if (password.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("不能含控制字符 / must not contain control characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("不能包含用户名 / must not contain the user name");
        }
        if (COMMON.contains(lower)) {
            return Optional.of("过于常见，容易被猜中 / too common, easily guessed");
        }
        return Optional.empty();
    }
}
