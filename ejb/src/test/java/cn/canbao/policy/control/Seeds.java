package cn.canbao.policy.control;

import cn.canbao.policy.entity.QuoteEngine;
import cn.canbao.policy.entity.Policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The seed policies as shipped in config/policies (copied to the test classpath under policies/). */
public final class Seeds {

    public static final String[] IDS = {"500101-2024", "500118-2023", "500230-2024", "511903-2024", "500102-2023"};
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final QuoteEngine ENGINE = new QuoteEngine(Clock.fixed(Instant.parse("2024-03-15T02:00:00Z"), CHINA));

    private static final Map<String, Policy> CACHE = new ConcurrentHashMap<>();

    private Seeds() {
    }

    public static Policy policy(String id) {
        return CACHE.computeIfAbsent(id, Seeds::load);
    }

    public static InputStream stream(String id) {
        InputStream in = Seeds.class.getResourceAsStream("/policies/" + id + ".json");
        if (in == null) {
            throw new IllegalStateException("seed policy not on the test classpath: " + id);
        }
        return in;
    }

    private static Policy load(String id) {
        try (InputStream in = stream(id)) {
            return new PolicyJson().read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
