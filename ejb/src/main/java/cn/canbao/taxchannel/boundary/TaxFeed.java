package cn.canbao.taxchannel.boundary;

import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ChangeFeed;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.region.boundary.Regions;
import cn.canbao.taxchannel.control.FeedPublisher;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The feed to tax (DOMAIN.md §7, API.md {@code GET /tax-feed}): who is registered, with which subsidy mark and what is
 * due per tier, and every change — registrations, identities from rosters or the counter, amount changes from the
 * deadline rollover and the full-cost switchover, refunds — in the order they became visible, with a cursor. The same
 * cursor always gives the same items: positions are given once, by one publisher at a time ({@link FeedPublisher}),
 * and only ever grow. Only persons of the caller's area are shown; the cursor still moves past the others.
 */
@Stateless
@RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN, Roles.INTEGRATION})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TaxFeed {

    public static final int MAX_LIMIT = 1000;

    public record Due(int tier, BigDecimal amount) {
    }

    public record Item(String idNumber, String name, String policyId, String change, String subsidyCode, List<Due> amountDue,
                       OffsetDateTime at) {
    }

    /** A page of the feed and the cursor for the next call (the same cursor when nothing new has come). */
    public record Page(List<Item> items, String next) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    ChangeFeed feed;

    @Inject
    FeedPublisher publisher;

    @Inject
    Policies policies;

    @Inject
    Regions regions;

    public Page read(String policyId, String since, int limit) {
        if (policyId == null || policyId.isBlank()) {
            throw ProblemException.badRequest("INVALID_INPUT", "须提供 policyId", "policyId is required",
                    List.of(new FieldError("policyId", "必填 / required")));
        }
        policies.policy(policyId.trim()); // 404 POLICY_UNKNOWN
        long after = cursor(since);
        // publish what has come in (a large job's changes over several reads), then read
        for (int i = 0; i < 10 && publisher.publish() > 0; i++) {
            // each call publishes one batch in its own transaction
        }
        List<ChangeFeed.Published> rows = feed.after(policyId.trim(), after, Math.max(1, Math.min(limit, MAX_LIMIT)));
        List<Item> items = new ArrayList<>(rows.size());
        for (ChangeFeed.Published row : rows) {
            Person person = em.find(Person.class, row.personId());
            if (person == null || !regions.callerMaySee(person.getHouseholdRegionCode())) {
                continue;
            }
            items.add(new Item(person.getIdNumber(), person.getName(), row.policyId(), row.change().name(), row.subsidyCode(),
                    dues(row.amountDue()), row.at()));
        }
        long next = rows.isEmpty() ? after : rows.get(rows.size() - 1).position();
        return new Page(items, String.valueOf(next));
    }

    private static long cursor(String since) {
        if (since == null || since.isBlank()) {
            return 0;
        }
        if (!since.trim().matches("[0-9]{1,18}")) {
            throw ProblemException.badRequest("INVALID_CURSOR", "since 须为上次应答的 next", "since must be the next of an earlier answer",
                    List.of(new FieldError("since", "游标 / cursor")));
        }
        return Long.parseLong(since.trim());
    }

    private static List<Due> dues(String json) {
        if (json == null) {
            return List.of();
        }
        List<Due> dues = new ArrayList<>();
        try (jakarta.json.JsonReader reader = cn.canbao.platform.boundary.Jsons.PROVIDER.createReader(new StringReader(json))) {
            JsonArray array = reader.readArray();
            for (JsonValue v : array) {
                dues.add(new Due(v.asJsonObject().getInt("tier"), v.asJsonObject().getJsonNumber("amount").bigDecimalValue()));
            }
        }
        return dues;
    }
}
