package cn.canbao.bench;

import cn.canbao.platform.entity.IdNumber;
import cn.canbao.policy.control.PolicyJson;
import cn.canbao.policy.entity.QuoteEngine;
import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRefusedException;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.policy.entity.Tier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A deterministic mix of quote requests over the five seed policies, as a counter would see them during a
 * campaign: every tier, payment dates drawn from every window (and a few from any day up to 31 Dec), residents, pupils, college students (graduates,
 * freshmen) and newborns (by birth date or ID number), with none, one or two subsidy identities.
 *
 * <p>Requests the policy refuses (e.g. a FULL_COST date where the notice states no fiscal subsidy) are counted
 * and left out: a refusal is a different code path (an exception) and would be a 422 over HTTP, not a quote.
 * The same seed gives the same mix in the JMH benchmark and in the HTTP load.
 */
public final class QuoteMix {

    public static final List<String> SEED_POLICIES =
            List.of("500101-2024", "500102-2023", "500118-2023", "500230-2024", "511903-2024");
    public static final long SEED = 20240315L;
    public static final int CANDIDATES = 4096;

    /** One accepted request, its JSON body (../shared/spec/API.md, Quote) and the engine's answer. */
    public record Case(Policy policy, QuoteRequest request, String body, Quote expected) {
    }

    private final Map<String, Policy> policies;
    private final List<Case> cases;
    private final Map<String, Integer> refused;

    private QuoteMix(Map<String, Policy> policies, List<Case> cases, Map<String, Integer> refused) {
        this.policies = policies;
        this.cases = cases;
        this.refused = refused;
    }

    public static QuoteMix generate() {
        return generate(SEED, CANDIDATES);
    }

    public static QuoteMix generate(long seed, int candidates) {
        Map<String, Policy> policies = new TreeMap<>();
        PolicyJson json = new PolicyJson();
        for (String id : SEED_POLICIES) {
            try (InputStream in = QuoteMix.class.getResourceAsStream("/policies/" + id + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("seed policy " + id + " is not on the classpath");
                }
                policies.put(id, json.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // every request carries its payment date, so the clock is never read
        QuoteEngine engine = new QuoteEngine(Clock.fixed(java.time.Instant.parse("2024-03-15T02:00:00Z"),
                ZoneId.of("Asia/Shanghai")));
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        Map<String, Integer> refused = new TreeMap<>();
        for (int i = 0; i < candidates; i++) {
            Policy policy = policies.get(SEED_POLICIES.get(i % SEED_POLICIES.size()));
            QuoteRequest request = candidate(policy, random);
            try {
                Quote quote = engine.quote(policy, request);
                cases.add(new Case(policy, request, QuoteBodies.toJson(request), quote));
            } catch (QuoteRefusedException e) {
                refused.merge(policy.policyId() + " " + e.code(), 1, Integer::sum);
            }
        }
        return new QuoteMix(policies, List.copyOf(cases), refused);
    }

    private static QuoteRequest candidate(Policy policy, Random random) {
        Tier tier = policy.tiers().get(random.nextInt(policy.tiers().size()));
        PaymentWindow window = policy.windows().get(random.nextInt(policy.windows().size()));
        LocalDate date = between(window.from(), window.to(), random);
        if (random.nextInt(100) < 8) {
            // any day of the campaign: reaches exemptions that extend the windows and newborn periods after the cutoff
            date = between(policy.opening(), policy.yearEnd(), random);
        }

        int kind = random.nextInt(100);
        ResidentType type = kind < 62 ? ResidentType.RESIDENT
                : kind < 74 ? ResidentType.PUPIL
                : kind < 86 ? ResidentType.COLLEGE_STUDENT
                : ResidentType.NEWBORN;
        QuoteRequest request = QuoteRequest.of(tier.tier(), date).withResidentType(type);

        if (type == ResidentType.NEWBORN) {
            // a newborn is paid for in the insurance year; born 0..150 days before payment, in that year
            if (date.isBefore(policy.yearStart())) {
                date = between(policy.yearStart(), min(policy.finalCutoff(), policy.yearEnd()), random);
                request = request.withPaymentDate(date);
            }
            LocalDate birth = max(policy.yearStart(), date.minusDays(random.nextInt(151)));
            request = random.nextInt(4) == 0
                    ? request.withIdNumber(idNumber(policy.regionCode(), birth, random))
                    : request.withBirthDate(birth);
        }

        int identities = random.nextInt(100);
        if (identities >= 55) {
            request = request.withIdentities(someCode(policy, random));
        }
        if (identities >= 85) {
            request = request.withIdentities(someCode(policy, random));
        }
        if (identities >= 97) {
            request = request.withIdentities("999"); // not in the catalogue: explained, not subsidised
        }

        int group = random.nextInt(100);
        if (type == ResidentType.COLLEGE_STUDENT && group < 20) {
            request = request.withGroups(group < 10 ? PersonGroup.GRADUATE : PersonGroup.FRESHMAN);
        } else if (group < 4) {
            request = request.withGroups(PersonGroup.values()[random.nextInt(4)]);
        }
        return request;
    }

    private static String someCode(Policy policy, Random random) {
        List<CatalogueEntry> catalogue = policy.catalogue();
        return catalogue.get(random.nextInt(catalogue.size())).code();
    }

    private static IdNumber idNumber(String region, LocalDate birth, Random random) {
        String first17 = region + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
        return IdNumber.withCheckCharacter(first17);
    }

    private static LocalDate between(LocalDate from, LocalDate to, Random random) {
        return from.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(from, to) + 1));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    public List<Case> cases() {
        return cases;
    }

    public Map<String, Policy> policies() {
        return policies;
    }

    /** Refused candidates by "policyId CODE". */
    public Map<String, Integer> refused() {
        return refused;
    }

    /** What the mix holds, for the benchmark log and docs/benchmarks.md. */
    public String describe() {
        int refusedTotal = refused.values().stream().mapToInt(Integer::intValue).sum();
        Map<ResidentType, Long> byType = new EnumMap<>(ResidentType.class);
        cases.forEach(c -> byType.merge(c.request().residentType(), 1L, Long::sum));
        Map<String, Long> byWindow = cases.stream().collect(Collectors.groupingBy(
                c -> c.policy().policyId() + " " + c.expected().window(), TreeMap::new, Collectors.counting()));
        long subsidised = cases.stream().filter(c -> c.expected().subsidyCode() != null).count();
        long withIdentities = cases.stream().filter(c -> !c.request().identities().isEmpty()).count();
        long withGroups = cases.stream().filter(c -> !c.request().groups().isEmpty()).count();
        long byIdNumber = cases.stream().filter(c -> c.request().idNumber() != null).count();
        long tier2 = cases.stream().filter(c -> c.request().tier() == 2).count();
        return "quote mix (seed " + SEED + "): " + cases.size() + " accepted of " + (cases.size() + refusedTotal)
                + " candidates; refused and left out: " + refused + "\n"
                + "  by resident type: " + byType + "; tier 2: " + tier2 + "; newborns by ID number: " + byIdNumber + "\n"
                + "  with identities: " + withIdentities + " (subsidised: " + subsidised + "); with groups: "
                + withGroups + "\n"
                + "  by policy and window: " + byWindow;
    }

    public static void main(String[] args) {
        System.out.println(generate().describe());
    }
}
