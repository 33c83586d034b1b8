package cn.canbao.web.taxchannel;

import cn.canbao.platform.boundary.Roles;
import cn.canbao.taxchannel.boundary.TaxFeed;
import cn.canbao.web.platform.Paging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/v1/tax-feed?policyId=&since=&limit=} (../shared/spec/API.md): the changes tax charges by, after the
 * cursor {@code since} (absent: from the beginning), at most {@code limit} (1–1000, default 500), and {@code next}
 * for the following call. The same cursor always gives the same items.
 */
@Path("tax-feed")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
public class TaxFeedResource {

    @Inject
    TaxFeed feed;

    @GET
    public TaxFeed.Page read(@QueryParam("policyId") String policyId, @QueryParam("since") String since,
                             @QueryParam("limit") String limit) {
        return feed.read(policyId, since, Paging.number("limit", limit, 500, 1, TaxFeed.MAX_LIMIT));
    }
}
