package cn.canbao.account.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest {

    @Test
    void aKeyMatchesOnlyItsOwnDigest() {
        ApiKeys.Issued one = ApiKeys.issue();
        ApiKeys.Issued two = ApiKeys.issue();
        assertEquals(ApiKeys.LENGTH, one.key().length());
        assertNotEquals(one.key(), two.key());
        assertNotEquals(one.salt(), two.salt());
        assertTrue(ApiKeys.matches(one.key(), one.digest(), one.salt()));
        assertFalse(ApiKeys.matches(two.key(), one.digest(), one.salt()));
        assertFalse(ApiKeys.matches(one.key().substring(1), one.digest(), one.salt()));
        assertFalse(ApiKeys.matches(one.key(), "not base64!", one.salt()));
    }
}
