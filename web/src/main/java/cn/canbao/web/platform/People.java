package cn.canbao.web.platform;

import cn.canbao.account.boundary.UserNames;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code #{people.name(username)}}: the person behind a user name on the screens — the account's display name, the
 * system for the application's own work, the user name itself only when no account has it (any more). Looked up once
 * per name and request.
 */
@Named
@RequestScoped
public class People {

    private static final Set<String> SYSTEM = Set.of("system", "anonymous");

    @Inject
    UserNames userNames;

    private final Map<String, String> known = new HashMap<>();

    public String name(String username) {
        if (username == null || username.isBlank()) {
            return "—";
        }
        if (SYSTEM.contains(username)) {
            return Texts.text("people.system", "the system");
        }
        return known.computeIfAbsent(username, u -> userNames.displayNames(Set.of(u)).getOrDefault(u, u));
    }
}
