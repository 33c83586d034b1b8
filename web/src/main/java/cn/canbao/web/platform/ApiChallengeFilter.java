package cn.canbao.web.platform;

import cn.canbao.account.boundary.LoginThrottle;
import cn.canbao.web.account.ApiThrottleFilter;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Wrong HTTP Basic credentials on the API make the container fall back to its FORM challenge, i.e. forward to the
 * login page. A program calling the API wants a 401 problem+json, not a login page: this filter answers that instead
 * when the forward comes from {@code /api/}, and counts the failure for sign-in throttling (the next request of a
 * source refused for that name gets 429 with {@code Retry-After}, {@code SignInThrottling}).
 */
@WebFilter(urlPatterns = "/login.xhtml", dispatcherTypes = {DispatcherType.FORWARD})
public class ApiChallengeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    LoginThrottle throttle;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object original = request.getAttribute(RequestDispatcher.FORWARD_SERVLET_PATH);
        if (original instanceof String path && path.startsWith("/api/")) {
            ApiThrottleFilter.basicUsername(request.getHeader("Authorization"))
                    .ifPresent(u -> throttle.failed(request.getRemoteAddr(), u));
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"canbao\"");
            response.setContentType(Problems.MEDIA_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"status\":401,\"title\":\"Unauthorized\","
                    + "\"code\":\"BAD_CREDENTIALS\",\"detail\":\"用户名或密码错误 / wrong user name or password\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
