package cn.canbao.web.account;

import cn.canbao.account.boundary.Accounts;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;

/**
 * A person whose password was set or reset by an administrator sees only the password page until they choose their
 * own (../shared/spec/DOMAIN.md §6). Asked once per session, then remembered; JSF resources pass.
 */
@WebFilter(urlPatterns = "*.xhtml")
public class MustChangePasswordFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String MUST_CHANGE = "cn.canbao.mustChangePassword";
    static final String PAGE = "/account/password.xhtml";

    @Inject
    Accounts accounts;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath();
        if (request.getUserPrincipal() != null && !PAGE.equals(path) && !path.startsWith("/jakarta.faces.resource")
                && !"/login.xhtml".equals(path) && !path.startsWith("/error/")) {
            HttpSession session = request.getSession();
            Object known = session.getAttribute(MUST_CHANGE);
            boolean mustChange = known instanceof Boolean b ? b : accounts.mustChangePassword();
            session.setAttribute(MUST_CHANGE, mustChange);
            if (mustChange) {
                response.sendRedirect(request.getContextPath() + PAGE);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The caller has just chosen their own password. */
    static void changed() {
        Object session = FacesContext.getCurrentInstance().getExternalContext().getSession(false);
        if (session instanceof HttpSession s) {
            s.setAttribute(MUST_CHANGE, false);
        }
    }
}
