package cn.canbao.account.control;

import cn.canbao.platform.entity.AppUser.PasswordHash;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedHashPasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * bcrypt hashes made with Elytron's own password factory, so that the jdbc-realm's bcrypt-mapper verifies exactly what
 * was stored: 16 random bytes of salt, the 23-byte hash and the salt in standard Base64, the cost (log2 of the rounds)
 * beside them. The cost of people's passwords comes from {@code canbao.password.bcrypt-cost} (default 10).
 */
public final class PasswordHashes {

    public static final String COST_PROPERTY = "canbao.password.bcrypt-cost";
    public static final int DEFAULT_COST = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {
    }

    /** The cost for people's passwords: the property when it is a valid bcrypt cost (4..31), else 10. */
    public static int configuredCost() {
        try {
            int cost = Integer.parseInt(System.getProperty(COST_PROPERTY, String.valueOf(DEFAULT_COST)).trim());
            return cost >= 4 && cost <= 31 ? cost : DEFAULT_COST;
        } catch (NumberFormatException e) {
            return DEFAULT_COST;
        }
    }

    public static PasswordHash hash(String password, int cost) {
        byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
        RANDOM.nextBytes(salt);
        try {
            BCryptPassword bcrypt = (BCryptPassword) factory().generatePassword(new EncryptablePasswordSpec(
                    password.toCharArray(), new IteratedSaltedPasswordAlgorithmSpec(cost, salt)));
            return new PasswordHash(Base64.getEncoder().encodeToString(bcrypt.getHash()),
                    Base64.getEncoder().encodeToString(bcrypt.getSalt()), bcrypt.getIterationCount());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is not available", e);
        }
    }

    public static boolean matches(String password, PasswordHash stored) {
        if (password == null || stored == null) {
            return false;
        }
        try {
            PasswordFactory factory = factory();
            BCryptPassword bcrypt = (BCryptPassword) factory.generatePassword(new IteratedSaltedHashPasswordSpec(
                    Base64.getDecoder().decode(stored.hash()), Base64.getDecoder().decode(stored.salt()), stored.cost()));
            return factory.verify(bcrypt, password.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static PasswordFactory factory() throws GeneralSecurityException {
        return PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, WildFlyElytronPasswordProvider.getInstance());
    }
}
