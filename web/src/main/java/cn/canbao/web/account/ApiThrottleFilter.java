package cn.canbao.web.account;

import cn.canbao.account.boundary.LoginThrottle;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Sign-in throttling for programs (HTTP Basic on the API): a request that authenticated clears its source's failures
 * for that name. Failures are counted where the container reports them ({@code ApiChallengeFilter}: a wrong Basic
 * password is forwarded to the login page); a refused source is answered before authentication
 * ({@link SignInThrottling}).
 */
@WebFilter(urlPatterns = "/api/*")
public class ApiThrottleFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    LoginThrottle throttle;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() != null) {
            basicUsername(request.getHeader("Authorization")).ifPresent(u -> throttle.succeeded(request.getRemoteAddr(), u));
        }
        chain.doFilter(request, response);
    }

    /** The user name of an HTTP Basic header; empty when there is none or it cannot be read. */
    public static Optional<String> basicUsername(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** The 429 problem for a source that must wait {@code seconds}. */
    static String tooManyAttemptsBody(long seconds) {
        return "{\"type\":\"about:blank\",\"status\":429,\"title\":\"Too Many Requests\","
                + "\"code\":\"TOO_MANY_FAILED_SIGN_INS\",\"detail\":\"登录失败次数过多，请 " + seconds + " 秒后再试，或请管理员解锁 / "
                + "too many failed sign-ins: try again in " + seconds + " s, or ask an administrator to unlock\","
                + "\"retryAfter\":" + seconds + "}";
    }
}
