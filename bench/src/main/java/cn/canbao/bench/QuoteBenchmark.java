package cn.canbao.bench;

import cn.canbao.policy.entity.QuoteEngine;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.Yuan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Quotes per second of the quote engine on one thread, over {@link QuoteMix} (the five seed policies, every
 * window, tiers, identities, newborns, college students), cycling through the mix. Two baselines in the same
 * run express the engine as ratios (docs/benchmarks.md):
 * <ul>
 *   <li>{@link #readRequest}: reading the same requests' JSON bodies into {@code QuoteRequest}s, the work every
 *       quote over HTTP does before the engine (the primary baseline);</li>
 *   <li>{@link #amountOnly}: the BigDecimal sum standard − subsidy + fiscal share for the same cases, the
 *       arithmetic floor of any quote.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class QuoteBenchmark {

    private Policy[] policies;
    private QuoteRequest[] requests;
    private String[] bodies;
    private BigDecimal[] standards;
    private BigDecimal[] subsidies;
    private BigDecimal[] fiscalShares;
    private QuoteEngine engine;
    private int next;

    @Setup(Level.Trial)
    public void generateMix() {
        List<QuoteMix.Case> cases = QuoteMix.generate().cases();
        int n = cases.size();
        policies = new Policy[n];
        requests = new QuoteRequest[n];
        bodies = new String[n];
        standards = new BigDecimal[n];
        subsidies = new BigDecimal[n];
        fiscalShares = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            QuoteMix.Case c = cases.get(i);
            policies[i] = c.policy();
            requests[i] = c.request();
            bodies[i] = c.body();
            standards[i] = c.expected().standardAmount();
            subsidies[i] = c.expected().subsidyAmount();
            fiscalShares[i] = c.expected().fiscalShareAmount();
        }
        engine = new QuoteEngine(Clock.fixed(Instant.parse("2024-03-15T02:00:00Z"), ZoneId.of("Asia/Shanghai")));
        next = 0;
    }

    private int nextCase() {
        int i = next;
        next = i + 1 == requests.length ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public Quote quote() {
        int i = nextCase();
        return engine.quote(policies[i], requests[i]);
    }

    @Benchmark
    public QuoteRequest readRequest() {
        return QuoteBodies.read(bodies[nextCase()]);
    }

    @Benchmark
    public BigDecimal amountOnly() {
        int i = nextCase();
        return standards[i].subtract(subsidies[i]).add(fiscalShares[i]).max(Yuan.ZERO);
    }
}
