package cn.canbao.account.control;

import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.SaltedSimpleDigestPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.SaltedHashPasswordSpec;
import org.wildfly.security.password.spec.SaltedPasswordAlgorithmSpec;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A program's key (docs/decisions.md, "Keys for programs"): 40 random letters and digits (~238 bits) made by the server
 * and shown once. A secret that long cannot be guessed, so — unlike a person's password, which needs bcrypt's slowness
 * against guessing — it is kept as a salted SHA-256 digest ({@code password-salt-digest-sha-256}, the realm's
 * salted-simple-digest-mapper reads it), which the realm checks in microseconds on every HTTP Basic request.
 */
public final class ApiKeys {

    public static final String ALGORITHM = SaltedSimpleDigestPassword.ALGORITHM_PASSWORD_SALT_DIGEST_SHA_256;
    static final int LENGTH = 40;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key and its digest and salt (Base64) as the table keeps them. */
    public record Issued(String key, String digest, String salt) {
    }

    private ApiKeys() {
    }

    public static Issued issue() {
        StringBuilder key = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        try {
            SaltedSimpleDigestPassword digest = (SaltedSimpleDigestPassword) factory().generatePassword(
                    new EncryptablePasswordSpec(key.toString().toCharArray(), new SaltedPasswordAlgorithmSpec(salt)));
            return new Issued(key.toString(), Base64.getEncoder().encodeToString(digest.getDigest()),
                    Base64.getEncoder().encodeToString(digest.getSalt()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    public static boolean matches(String key, String digest, String salt) {
        if (key == null || digest == null || salt == null) {
            return false;
        }
        try {
            PasswordFactory factory = factory();
            SaltedSimpleDigestPassword stored = (SaltedSimpleDigestPassword) factory.generatePassword(new SaltedHashPasswordSpec(
                    Base64.getDecoder().decode(digest), Base64.getDecoder().decode(salt)));
            return factory.verify(stored, key.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static PasswordFactory factory() throws GeneralSecurityException {
        return PasswordFactory.getInstance(ALGORITHM, WildFlyElytronPasswordProvider.getInstance());
    }
}
