package cn.canbao.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Security headers on pages and API answers, and a session cookie a cross-site request does not carry. */
@ExtendWith(ArquillianExtension.class)
class SecurityHeadersIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void pagesAndApiAnswersCarryTheSecurityHeaders() {
        for (Http.Reply reply : List.of(Http.anonymous().get("/"), Http.anonymous().get("/api/v1/health"),
                Http.as("clerk").get("/api/v1/regions"), Http.anonymous().get("/api/v1/regions"))) {
            HttpHeaders headers = reply.raw().headers();
            String where = reply.raw().uri() + " " + reply.status();
            assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null), where);
            assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(null), where);
            assertEquals("same-origin", headers.firstValue("Referrer-Policy").orElse(null), where);
            String csp = headers.firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'"), where + " " + csp);
        }
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrict() {
        Http.Reply signedIn = Http.anonymous().postForm("/signin", Map.of("j_username", "clerk", "j_password", "demo123", "next", "/"));
        assertEquals(302, signedIn.status());
        String cookie = signedIn.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID"))
                .findFirst().orElse("");
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=strict"), cookie);
    }

    @Test
    void theServersRootShowsNoWelcomePage() {
        Http.Reply root = Http.anonymous().getAbsolute(Http.BASE.substring(0, Http.BASE.lastIndexOf("/canbao")) + "/");
        assertEquals(404, root.status(), root.body());
        assertTrue(!root.body().contains("WildFly") && !root.body().contains("Welcome"), root.body());
    }
}
