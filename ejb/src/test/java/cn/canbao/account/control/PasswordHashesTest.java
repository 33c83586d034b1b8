package cn.canbao.account.control;

import cn.canbao.platform.entity.AppUser.PasswordHash;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHashesTest {

    @Test
    void aHashVerifiesItsPasswordOnlyAndIsSalted() {
        PasswordHash first = PasswordHashes.hash("Qianjiang2026", 4);
        PasswordHash second = PasswordHashes.hash("Qianjiang2026", 4);
        assertTrue(PasswordHashes.matches("Qianjiang2026", first));
        assertFalse(PasswordHashes.matches("qianjiang2026", first));
        assertFalse(PasswordHashes.matches("", first));
        assertNotEquals(first.salt(), second.salt(), "a new salt for every hash");
        assertNotEquals(first.hash(), second.hash());
        assertEquals(4, first.cost());
        assertEquals(16, Base64.getDecoder().decode(first.salt()).length, "bcrypt's 16-byte salt, standard Base64");
        assertEquals(23, Base64.getDecoder().decode(first.hash()).length, "bcrypt's 23-byte hash, standard Base64");
        assertFalse(first.hash().contains("Qianjiang"));
    }

    @Test
    void theCostComesFromThePropertyWithinBcryptsRange() {
        String before = System.getProperty(PasswordHashes.COST_PROPERTY);
        try {
            System.setProperty(PasswordHashes.COST_PROPERTY, "12");
            assertEquals(12, PasswordHashes.configuredCost());
            System.setProperty(PasswordHashes.COST_PROPERTY, "3");
            assertEquals(10, PasswordHashes.configuredCost());
            System.setProperty(PasswordHashes.COST_PROPERTY, "ten");
            assertEquals(10, PasswordHashes.configuredCost());
        } finally {
            if (before == null) {
                System.clearProperty(PasswordHashes.COST_PROPERTY);
            } else {
                System.setProperty(PasswordHashes.COST_PROPERTY, before);
            }
        }
    }

    @Test
    void passwordRules() {
        assertTrue(PasswordRules.refusal("clerk7", "Baiyang2026").isEmpty());
        assertTrue(PasswordRules.refusal("clerk7", "short1").isPresent());
        assertTrue(PasswordRules.refusal("clerk7", "onlyletters").isPresent());
        assertTrue(PasswordRules.refusal("clerk7", "1234567890123").isPresent());
        assertTrue(PasswordRules.refusal("clerk7", "myclerk7pass").isPresent(), "contains the user name");
        assertTrue(PasswordRules.refusal("clerk7", "Password1").isPresent(), "well known");
        assertTrue(PasswordRules.refusal("clerk7", "a1".repeat(33)).isPresent(), "too long");
        assertTrue(PasswordRules.refusal("clerk7", "Baiyang\u00002026").isPresent(), "control character");
    }
}
