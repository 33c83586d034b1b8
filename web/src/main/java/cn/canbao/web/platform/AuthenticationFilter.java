package cn.canbao.web.platform;

import cn.canbao.account.boundary.Accounts;
import jakarta.inject.Inject;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.Set;

/**
 * The API is outside the servlet security constraints (so browsers are not sent to the login form); this filter
 * makes it require an authenticated caller for everything but the public paths, answering 401 as problem+json.
 * Authentication itself is done by the server (Elytron, HTTP Basic) before the request reaches JAX-RS. An account
 * whose password an administrator set or reset may only read itself and change that password (403
 * PASSWORD_CHANGE_REQUIRED otherwise), as the screens send it to the password page.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    static final Set<String> PUBLIC_PATHS = Set.of("health");

    @Inject
    Accounts accounts;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().replaceFirst("^/+", "").replaceFirst("/+$", "");
        if (PUBLIC_PATHS.contains(path)) {
            return;
        }
        if (request.getSecurityContext().getUserPrincipal() == null) {
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(Problems.of(401, "Unauthorized", "NOT_AUTHENTICATED",
                            "请先登录（HTTP Basic） / authentication required (HTTP Basic)", null))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"canbao\"").build());
            return;
        }
        String me = request.getSecurityContext().getUserPrincipal().getName();
        boolean changingPassword = path.equals("accounts/me") || path.equals("accounts/" + me + "/password");
        Accounts.Standing standing = accounts.standing();
        if (standing == Accounts.Standing.DISABLED) {
            request.abortWith(jakarta.ws.rs.core.Response.fromResponse(Problems.of(401, "Unauthorized", "ACCOUNT_DISABLED",
                            "账户已停用，请联系管理员 / the account is disabled; ask your administrator", null))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"canbao\"").build());
            return;
        }
        if (!changingPassword && standing == Accounts.Standing.MUST_CHANGE_PASSWORD) {
            request.abortWith(Problems.of(403, "Forbidden", "PASSWORD_CHANGE_REQUIRED",
                    "请先修改管理员设置的密码（PUT /accounts/" + me + "/password） / change the password an administrator set first"
                            + " (PUT /accounts/" + me + "/password)", null));
        }
    }
}
