package cn.canbao.platform.boundary;

import cn.canbao.platform.entity.AppUser;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.Principal;
import java.util.Optional;

/** Who is calling: the authenticated user and the region they work for. */
@Stateless
@PermitAll
public class Callers {

    @Resource
    SessionContext context;

    @PersistenceContext
    EntityManager em;

    public Optional<String> username() {
        Principal principal = context.getCallerPrincipal();
        if (principal == null || "anonymous".equals(principal.getName())) {
            return Optional.empty();
        }
        return Optional.of(principal.getName());
    }

    /** The calling user's profile; a user known to the realm but not to Canbao is refused. */
    public AppUser current() {
        String username = username().orElseThrow(() -> ProblemException.forbidden("NOT_AUTHENTICATED",
                "未登录", "not authenticated"));
        AppUser user = em.find(AppUser.class, username);
        if (user == null) {
            throw ProblemException.forbidden("USER_WITHOUT_REGION",
                    "用户 " + username + " 未分配辖区，请联系区医保局管理员",
                    "user " + username + " has no region assigned; ask the district administrator");
        }
        return user;
    }

    public boolean isCallerInRole(String role) {
        return context.isCallerInRole(role);
    }
}
