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
    /**
     * With a signed-in browser's session cookie, a state-changing API request from another site is refused before
     * anything happens — JSON or multipart, with a foreign Origin or with no Origin or Referer at all; from the
     * server's own pages it goes on to the usual checks. Programs (HTTP Basic) are not affected.
     */
    @Test
    void crossSiteRequestsWithTheSessionCookieAreRefused() throws Exception {
        Http.Reply signedIn = Http.anonymous().postForm("/signin", Map.of("j_username", "district_admin", "j_password", "demo123", "next", "/"));
        String session = signedIn.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID"))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        String own = Http.BASE.substring(0, Http.BASE.indexOf("/canbao"));
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> contact = (origin, referer) -> {
            var builder = java.net.http.HttpRequest.newBuilder(java.net.URI.create(Http.BASE + "/api/v1/accounts"))
                    .header("Cookie", session).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
            if (origin != null) {
                builder.header("Origin", origin);
            }
            if (referer != null) {
                builder.header("Referer", referer);
            }
            try {
                return client.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        for (var refused : List.of(contact.apply("http://evil.example", null), contact.apply(null, null),
                contact.apply(null, "http://evil.example/page.html"))) {
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("CROSS_SITE_REFUSED"), refused.body());
        }
        var fromOwnPage = contact.apply(own, null);
        assertEquals(400, fromOwnPage.statusCode(), "from the server's own page the request reaches its checks: " + fromOwnPage.body());

        String boundary = "----crosssite";
        var roster = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Http.BASE + "/api/v1/rosters"))
                .header("Cookie", session).header("Origin", "http://evil.example")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\";"
                        + " filename=\"r.csv\"\r\nContent-Type: text/csv\r\n\r\n身份证号,姓名\r\n--" + boundary + "--\r\n"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, roster.statusCode(), roster.body());
        assertTrue(roster.body().contains("CROSS_SITE_REFUSED"), roster.body());
        assertEquals(400, Http.as("district_admin").post("/api/v1/accounts", "{}").status(), "a program's Basic request is not affected");
    }
}
