package cn.canbao.web.account;

import cn.canbao.account.boundary.Accounts;
import cn.canbao.account.boundary.LoginThrottle;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The login form's target ({@code POST /signin}): the sign-in is made here, not by the container's
 * {@code j_security_check}, so that failures are throttled by source and user name
 * ({@link LoginThrottle}), a refused source is told how long to wait, the sign-in is recorded (last login), and an
 * account whose password must change goes to the password page first. {@code request.login} authenticates against
 * the same Elytron domain and keeps the identity in the session as the FORM mechanism does. Reachable without a
 * session (web.xml); answers only POST.
 */
@WebServlet(urlPatterns = "/signin")
public class SignInServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    LoginThrottle throttle;

    @Inject
    Accounts accounts;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String username = trimmed(request.getParameter("j_username"));
        String password = request.getParameter("j_password");
        String next = safeNext(request, request.getParameter("next"));
        String source = request.getRemoteAddr();
        Optional<Duration> blocked = throttle.blocked(source, username);
        if (blocked.isPresent()) {
            back(request, response, "locked", username, blocked.get(), next);
            return;
        }
        if (username.isEmpty() || password == null || password.isEmpty()) {
            back(request, response, "true", username, null, next);
            return;
        }
        try {
            if (request.getUserPrincipal() != null) {
                request.logout();
            }
            request.login(username, password);
        } catch (ServletException failed) {
            Optional<Duration> now = throttle.failed(source, username);
            back(request, response, now.isPresent() ? "locked" : "true", username, now.orElse(null), next);
            return;
        }
        throttle.succeeded(source, username);
        request.changeSessionId(); // a new session id for the signed-in session (session fixation)
        boolean mustChange = accounts.signedIn().mustChangePassword();
        response.sendRedirect(request.getContextPath() + (mustChange ? "/account/password.xhtml" : next));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + "/");
    }

    private static void back(HttpServletRequest request, HttpServletResponse response, String error, String username,
                             Duration wait, String next) throws IOException {
        StringBuilder url = new StringBuilder(request.getContextPath()).append("/login.xhtml?error=").append(error);
        if (wait != null) {
            long seconds = LoginThrottle.retryAfterSeconds(wait);
            url.append("&retry=").append(seconds);
            response.setHeader("Retry-After", String.valueOf(seconds));
        }
        if (!username.isEmpty()) {
            url.append("&user=").append(URLEncoder.encode(username, StandardCharsets.UTF_8));
        }
        url.append("&next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
        response.sendRedirect(url.toString());
    }

    /** Only a path of this application, never another site (an open redirect). */
    static String safeNext(HttpServletRequest request, String next) {
        String path = next == null ? "" : next.trim();
        String context = request.getContextPath();
        if (path.startsWith(context + "/")) {
            path = path.substring(context.length());
        }
        if (!path.startsWith("/") || path.startsWith("//") || path.contains("\\") || path.contains("\r") || path.contains("\n")
                || path.startsWith("/signin") || path.startsWith("/login.xhtml") || path.length() > 500) {
            return "/";
        }
        return path;
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }
}
