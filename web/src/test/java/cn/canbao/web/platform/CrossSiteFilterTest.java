package cn.canbao.web.platform;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossSiteFilterTest {

    private static final URI BASE = URI.create("http://canbao.example:8080/canbao/api/v1/");

    @Test
    void onlyThisServersOwnPagesMayChangeStateWithTheSessionCookie() {
        assertTrue(CrossSiteFilter.sameOrigin("http://canbao.example:8080", null, BASE));
        assertTrue(CrossSiteFilter.sameOrigin(null, "http://canbao.example:8080/canbao/counter/find.xhtml", BASE));
        assertFalse(CrossSiteFilter.sameOrigin("http://evil.example", null, BASE));
        assertFalse(CrossSiteFilter.sameOrigin("http://canbao.example:8081", null, BASE), "another port is another origin");
        assertFalse(CrossSiteFilter.sameOrigin("https://canbao.example:8080", null, BASE), "another scheme too");
        assertFalse(CrossSiteFilter.sameOrigin("null", null, BASE), "a sandboxed or file page");
        assertFalse(CrossSiteFilter.sameOrigin(null, null, BASE), "no evidence at all");
        assertFalse(CrossSiteFilter.sameOrigin("http://canbao.example:8080", "x", URI.create("https://canbao.example/canbao/")));
        assertTrue(CrossSiteFilter.sameOrigin("https://canbao.example", null, URI.create("https://canbao.example:443/canbao/")));
        assertFalse(CrossSiteFilter.sameOrigin("::not a uri::", null, BASE));
    }
}
