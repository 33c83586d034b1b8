package cn.canbao.policy.control;

import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.CollegeRule;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRefusedException;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of the engine over random persons and dates on the five seed policies. */
class QuotePropertiesTest {

    record Case(String policyId, QuoteRequest request, String extraCode) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> ids = Arbitraries.of(Seeds.IDS);
        return ids.flatMap(id -> {
            Policy p = Seeds.policy(id);
            List<String> codes = new java.util.ArrayList<>(p.catalogue().stream().map(CatalogueEntry::code).toList());
            codes.add("999");
            LocalDate from = p.opening().minusDays(10);
            Arbitrary<LocalDate> dates = Arbitraries.integers().between(0, (int) (p.yearEnd().toEpochDay()
                    - from.toEpochDay()) + 10).map(from::plusDays);
            Arbitrary<Integer> tiers = Arbitraries.integers().between(1, 2);
            Arbitrary<ResidentType> types = Arbitraries.of(ResidentType.class);
            Arbitrary<Integer> ages = Arbitraries.integers().between(0, 200);
            Arbitrary<Set<String>> held = Arbitraries.of(codes).set().ofMaxSize(3);
            Arbitrary<Set<PersonGroup>> groups = Arbitraries.of(PersonGroup.class).set().ofMaxSize(2);
            Arbitrary<String> extra = Arbitraries.of(codes);
            return Combinators.combine(tiers, dates, types, ages, held, groups, extra).as((t, d, type, age, h, g, x) ->
                    new Case(id, new QuoteRequest(t, d, type, d.minusDays(age), null,
                            h.stream().map(cn.canbao.policy.entity.HeldIdentity::bare).toList(), g), x));
        });
    }

    private static Optional<Quote> quote(String id, QuoteRequest r) {
        try {
            return Optional.of(Seeds.ENGINE.quote(Seeds.policy(id), r));
        } catch (QuoteRefusedException e) {
            return Optional.empty();
        }
    }

    @Property(tries = 400)
    void personalAmountNeverNegativeAndSubsidyNeverAboveStandard(@ForAll("cases") Case c) {
        quote(c.policyId(), c.request()).ifPresent(q -> {
            assertTrue(q.personalAmount().signum() >= 0, q.toString());
            assertTrue(q.subsidyAmount().compareTo(q.standardAmount()) <= 0, q.toString());
            assertTrue(q.subsidyAmount().signum() >= 0, q.toString());
            assertTrue(q.personalAmount().scale() == 2 && q.subsidyAmount().scale() == 2, q.toString());
            assertTrue(q.personalAmount().compareTo(q.standardAmount().subtract(q.subsidyAmount())
                    .add(q.fiscalShareAmount()).max(BigDecimal.ZERO)) == 0, q.toString());
            assertTrue(!q.benefitStart().isAfter(q.benefitEnd()), q.toString());
        });
    }

    @Property(tries = 400)
    void addingAnIdentityNeverRaisesThePersonalAmount(@ForAll("cases") Case c) {
        Optional<Quote> before = quote(c.policyId(), c.request());
        Optional<Quote> after = quote(c.policyId(), c.request().withIdentities(c.extraCode()));
        before.ifPresent(b -> {
            assertTrue(after.isPresent(), "an identity made a payable quote unpayable: " + c);
            assertTrue(after.get().personalAmount().compareTo(b.personalAmount()) <= 0,
                    b.personalAmount() + " → " + after.get().personalAmount() + " for " + c);
        });
    }

    @Property(tries = 400)
    void coverNeverStartsBeforePaymentUnlessNewbornOrAcademicYearSaysSo(@ForAll("cases") Case c) {
        Policy p = Seeds.policy(c.policyId());
        quote(c.policyId(), c.request()).ifPresent(q -> {
            boolean newborn = c.request().residentType() == ResidentType.NEWBORN && p.newborn() != null
                    && p.newborn().coverFromBirth();
            boolean academic = c.request().residentType() == ResidentType.COLLEGE_STUDENT && p.college() != null
                    && p.college().yearMode() == CollegeRule.YearMode.ACADEMIC;
            if (!newborn && !academic) {
                assertTrue(!q.benefitStart().isBefore(c.request().paymentDate()), q + " for " + c);
            }
            if (newborn) {
                assertTrue(!q.benefitStart().isBefore(c.request().birthDate()), q + " for " + c);
            }
        });
    }

    @Property(tries = 200)
    void sameRequestSameQuote(@ForAll("cases") Case c) {
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            seen.add(quote(c.policyId(), c.request()).map(Quote::toString).orElse("refused"));
        }
        assertTrue(seen.size() == 1);
    }
}
