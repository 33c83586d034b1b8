package cn.canbao.web.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site requests refused (issue "Hardening"): a state-changing API request that authenticates by the browser's
 * session cookie — no {@code Authorization} header — must come from a page of this server: its {@code Origin} (or,
 * when a browser sends none, its {@code Referer}) names this server's own scheme, host and port; otherwise 403
 * {@code CROSS_SITE_REFUSED} before anything is read or written. Programs send HTTP Basic and are not affected; the
 * session cookie is also {@code SameSite=Strict} (WEB-INF/undertow-handlers.conf), this is the second wall.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CrossSiteFilter implements ContainerRequestFilter {

    static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || !request.getCookies().containsKey("JSESSIONID")) {
            return;
        }
        URI base = request.getUriInfo().getBaseUri();
        if (!sameOrigin(request.getHeaderString("Origin"), request.getHeaderString("Referer"), base)) {
            request.abortWith(Problems.of(403, "Forbidden", "CROSS_SITE_REFUSED",
                    "拒绝来自其他网站的请求 / a request from another site is refused", null));
        }
    }

    /** Whether the request's Origin (else Referer) has the scheme, host and port of {@code base}. */
    static boolean sameOrigin(String origin, String referer, URI base) {
        String claimed = origin != null && !origin.isBlank() && !"null".equals(origin) ? origin : referer;
        if (claimed == null || claimed.isBlank()) {
            return false;
        }
        try {
            URI from = URI.create(claimed.trim());
            return from.getScheme() != null && from.getHost() != null
                    && from.getScheme().toLowerCase(Locale.ROOT).equals(base.getScheme().toLowerCase(Locale.ROOT))
                    && from.getHost().equalsIgnoreCase(base.getHost())
                    && port(from) == port(base);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
