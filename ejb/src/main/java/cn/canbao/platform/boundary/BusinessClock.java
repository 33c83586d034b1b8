package cn.canbao.platform.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.logging.Logger;

/**
 * The one source of "now" for business code. Production runs on the system clock in China time. The embedded
 * demo sets the system property {@code canbao.business-date} (e.g. 2023-11-20) because the seed campaigns lie in
 * the past: the clock then starts on that date at the current time of day and runs forward normally.
 */
@ApplicationScoped
public class BusinessClock {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final String BUSINESS_DATE_PROPERTY = "canbao.business-date";

    private static final Logger LOG = Logger.getLogger(BusinessClock.class.getName());

    private Clock clock;

    @PostConstruct
    void init() {
        clock = fromConfiguration(System.getProperty(BUSINESS_DATE_PROPERTY), Clock.system(CHINA));
        LOG.info(() -> "Business clock: " + LocalDate.now(clock) + (clock.equals(Clock.system(CHINA)) ? " (system)" : " (configured by " + BUSINESS_DATE_PROPERTY + ")"));
    }

    /** A clock whose date is {@code businessDate} now, ticking from there; the system clock when none is set. */
    static Clock fromConfiguration(String businessDate, Clock system) {
        if (businessDate == null || businessDate.isBlank()) {
            return system;
        }
        LocalDate date = LocalDate.parse(businessDate.trim());
        ZonedDateTime now = ZonedDateTime.now(system);
        Instant target = date.atTime(now.toLocalTime()).atZone(system.getZone()).toInstant();
        return Clock.offset(system, Duration.between(now.toInstant(), target));
    }

    @Produces
    public Clock clock() {
        return clock;
    }
}
