package cn.canbao.account.boundary;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins slow down and then refuse the source that makes them, never the account as such (docs/access.md,
 * "Sign-in throttling"): failures are counted per source and user name, so a stranger elsewhere cannot keep the real
 * user out, and per source over all names, so one source cannot try many accounts. After
 * {@code canbao.login.max-failures} (5) failures of one source and name within 15 minutes that pair is refused for
 * {@code canbao.login.block-seconds} (30), doubling with each further failure up to
 * {@code canbao.login.max-block-seconds} (300); after {@code canbao.login.source-max-failures} (50) failures of one
 * source it is refused for the longest block. A success clears the pair; an administrator's unlock clears every pair
 * of the name. Real time (not the business clock), in memory on each node, bounded in size.
 */
@ApplicationScoped
public class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int MAX_ENTRIES = 100_000;

    private final Map<String, Attempts> pairs = new ConcurrentHashMap<>();
    private final Map<String, Attempts> sources = new ConcurrentHashMap<>();
    private final int maxFailures = property("canbao.login.max-failures", 5);
    private final int blockSeconds = property("canbao.login.block-seconds", 30);
    private final int maxBlockSeconds = property("canbao.login.max-block-seconds", 300);
    private final int sourceMaxFailures = property("canbao.login.source-max-failures", 50);
    private final Clock clock = Clock.systemUTC();

    /** How long {@code source} must still wait before trying {@code username}, if it is refused now. */
    public Optional<Duration> blocked(String source, String username) {
        Instant now = clock.instant();
        Duration pair = remaining(pairs.get(key(source, username)), now);
        Duration all = remaining(sources.get(source), now);
        Duration longer = pair.compareTo(all) >= 0 ? pair : all;
        return longer.isZero() ? Optional.empty() : Optional.of(longer);
    }

    /** Records a failure; returns how long the source is now refused for this name, if it is. */
    public Optional<Duration> failed(String source, String username) {
        Instant now = clock.instant();
        prune(now);
        Attempts pair = pairs.computeIfAbsent(key(source, username), k -> new Attempts());
        Attempts all = sources.computeIfAbsent(source, k -> new Attempts());
        synchronized (pair) {
            int failures = pair.fail(now);
            if (failures >= maxFailures) {
                long seconds = Math.min((long) maxBlockSeconds, (long) blockSeconds << Math.min(20, failures - maxFailures));
                pair.blockedUntil = now.plusSeconds(seconds);
            }
        }
        synchronized (all) {
            if (all.fail(now) >= sourceMaxFailures) {
                all.blockedUntil = now.plusSeconds(maxBlockSeconds);
            }
        }
        return blocked(source, username);
    }

    /** A wait as the whole seconds of {@code Retry-After}: rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }

    public void succeeded(String source, String username) {
        pairs.remove(key(source, username));
    }

    /** Lifts every refusal of this name (all sources). */
    public void unlock(String username) {
        pairs.keySet().removeIf(k -> k.endsWith("\u0000" + username));
    }

    /** Whether some source is refused for this name now (shown to administrators as 锁定). */
    public boolean isLocked(String username) {
        Instant now = clock.instant();
        return pairs.entrySet().stream().anyMatch(e -> e.getKey().endsWith("\u0000" + username) && !remaining(e.getValue(), now).isZero());
    }

    private static Duration remaining(Attempts attempts, Instant now) {
        if (attempts == null || attempts.blockedUntil == null || !attempts.blockedUntil.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, attempts.blockedUntil);
    }

    private void prune(Instant now) {
        if (pairs.size() + sources.size() < MAX_ENTRIES) {
            return;
        }
        pairs.values().removeIf(a -> a.stale(now));
        sources.values().removeIf(a -> a.stale(now));
        if (pairs.size() + sources.size() >= MAX_ENTRIES) {
            pairs.clear(); // an attack on memory itself: forget rather than grow
            sources.clear();
        }
    }

    private static String key(String source, String username) {
        return source + "\u0000" + username;
    }

    private static int property(String name, int fallback) {
        try {
            return Math.max(1, Integer.parseInt(System.getProperty(name, String.valueOf(fallback)).trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static final class Attempts {
        private final Deque<Instant> failures = new ArrayDeque<>();
        private volatile Instant blockedUntil;

        synchronized int fail(Instant now) {
            while (!failures.isEmpty() && failures.peekFirst().isBefore(now.minus(WINDOW))) {
                failures.pollFirst();
            }
            failures.addLast(now);
            return failures.size();
        }

        synchronized boolean stale(Instant now) {
            return (blockedUntil == null || blockedUntil.isBefore(now))
                    && (failures.isEmpty() || failures.peekLast().isBefore(now.minus(WINDOW)));
        }
    }
}
