package cn.canbao.account.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the environment must say for the first administrator of a new server (FirstAdministrator). */
class FirstAdministratorTest {

    private static Map<String, String> env(String username, String password, String region, String regionName) {
        Map<String, String> env = new HashMap<>();
        env.put(FirstAdministrator.USERNAME, username);
        env.put(FirstAdministrator.PASSWORD, password);
        env.put(FirstAdministrator.REGION, region);
        env.put(FirstAdministrator.REGION_NAME, regionName);
        return env;
    }

    @Test
    void aDistrictAdministratorWithAGoodPasswordIsAccepted() {
        List<String> problems = new ArrayList<>();
        Optional<FirstAdministrator.Request> request = FirstAdministrator.check(env("qj_admin", "Qianjiang2026", "500114", "黔江区")::get, problems);
        assertTrue(request.isPresent(), problems.toString());
        assertEquals("500114", request.get().regionCode());
        assertEquals("系统管理员", request.get().displayName());
    }

    @Test
    void everyProblemIsNamedAndThePasswordNeverShown() {
        List<String> problems = new ArrayList<>();
        Optional<FirstAdministrator.Request> request = FirstAdministrator.check(env("Admin!", "12345678", "990114", "黔\u0007江")::get, problems);
        assertTrue(request.isEmpty());
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(FirstAdministrator.USERNAME));
        assertTrue(problems.get(1).startsWith(FirstAdministrator.PASSWORD));
        assertTrue(problems.get(2).contains("未知的省级代码"), problems.toString());
        assertFalse(String.join(" ", problems).contains("12345678"));
    }

    @Test
    void aTownOrVillageCodeIsNotAFirstAdministratorsRegion() {
        List<String> problems = new ArrayList<>();
        assertTrue(FirstAdministrator.check(env("qj_admin", "Qianjiang2026", "500114101", null)::get, problems).isEmpty());
        assertEquals(1, problems.size(), problems.toString());
    }
}
