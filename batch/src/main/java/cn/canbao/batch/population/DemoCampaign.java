package cn.canbao.batch.population;

import cn.canbao.batch.boundary.BatchJobs;
import cn.canbao.demo.boundary.DemoPopulation;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.boundary.Regions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The living demo campaign of the embedded default (issue 17): on the first start of a server with demo data, a
 * campaign in progress is generated in the background — the {@code demo-population} job over the town and policy of
 * {@code canbao/demo/campaign.properties} (config/demo), as many residents as its villages' targets add up to, about
 * half of them paid over the weeks since the window opened, some subsidised — and, once it has completed, contacts,
 * signed reasons and a refund in review in the villages named there ({@link DemoPopulation#liven}). The screens are
 * never held up: the job runs on the batch threads, one partition at a time; the dashboard shows it filling in.
 * <p>
 * Where it stands is read from the job repository, so a restart goes on where it was: no execution yet → start one;
 * the last one FAILED or STOPPED (a server stopped while generating) → restart it (at most {@value #RESTARTS} times);
 * COMPLETED → liven the villages (nothing the second time). Only when the system properties {@code canbao.demo-data}
 * and {@code canbao.demo-campaign} are both true (config/cli/90-demo.cli; the test servers, benches and CI scripts set
 * {@code CANBAO_DEMO_CAMPAIGN=false}). Runs as {@code operator}; its audit lines name "system".
 */
@Singleton
@Startup
@RunAs(Roles.OPERATOR)
@DeclareRoles(Roles.OPERATOR)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoCampaign {

    public static final String PROPERTY = "canbao.demo-campaign";
    static final String SETTINGS = "canbao/demo/campaign.properties";
    static final int RESTARTS = 3;
    private static final long FIRST_LOOK_MS = 10_000;
    private static final long NEXT_LOOK_MS = 10_000;
    private static final int MAX_LOOKS = 360;       // an hour of looks at most, whatever happens
    private static final Logger LOG = Logger.getLogger(DemoCampaign.class.getName());

    @Resource
    TimerService timers;

    @Inject
    BatchJobs jobs;

    @Inject
    DemoPopulation population;

    @Inject
    Regions regions;

    private int looks;
    private int restarts;

    @PostConstruct
    void plan() {
        if (enabled()) {
            timers.createSingleActionTimer(FIRST_LOOK_MS, new TimerConfig("demo campaign", false));
        }
    }

    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("canbao.demo-data", "false"))
                && Boolean.parseBoolean(System.getProperty(PROPERTY, "false"));
    }

    @Timeout
    void look(Timer timer) {
        boolean more;
        try {
            more = advance(settings());
        } catch (RuntimeException failed) {
            LOG.warning(() -> "demo campaign: " + failed);
            more = true;
        }
        if (more && ++looks < MAX_LOOKS) {
            timers.createSingleActionTimer(NEXT_LOOK_MS, new TimerConfig("demo campaign", false));
        }
    }

    /** One step toward the living campaign; whether there is more to do. */
    boolean advance(Properties settings) {
        List<BatchJobs.Execution> runs = jobs.executions(DemoPopulation.JOB, 1);
        if (runs.isEmpty()) {
            long id = jobs.start(DemoPopulation.JOB, parameters(settings));
            LOG.info(() -> "demo campaign: generating " + settings.getProperty("regionCode") + " for "
                    + settings.getProperty("policyId") + " in the background, execution " + id);
            return true;
        }
        BatchJobs.Execution last = runs.get(0);
        switch (last.batchStatus()) {
            case "COMPLETED" -> {
                for (String village : settings.getProperty("livenVillages", "").split(",")) {
                    if (!village.isBlank()) {
                        DemoPopulation.Livened done = population.liven(settings.getProperty("policyId"), village.trim(),
                                Long.parseLong(settings.getProperty("seed", "2024")) + village.trim().hashCode());
                        if (done.contacts() + done.signedReasons() + done.refunds() > 0) {
                            LOG.info(() -> "demo campaign: " + village.trim() + " livened: " + done);
                        }
                    }
                }
                return false;
            }
            case "FAILED", "STOPPED" -> {
                if (restarts++ >= RESTARTS) {
                    LOG.warning(() -> "demo campaign: execution " + last.executionId() + " " + last.batchStatus()
                            + ", left alone after " + RESTARTS + " restarts (the batch console shows why)");
                    return false;
                }
                try {
                    long id = jobs.restart(last.executionId());
                    LOG.info(() -> "demo campaign: execution " + last.executionId() + " was " + last.batchStatus() + ", restarted as " + id);
                } catch (ProblemException refused) {
                    LOG.warning(() -> "demo campaign: restart of " + last.executionId() + " refused: " + refused.getMessage());
                    return false;
                }
                return true;
            }
            default -> {
                return true;    // STARTING, STARTED, STOPPING
            }
        }
    }

    /** The job's parameters: the town, the policy, and as many residents as the town's villages' targets add up to. */
    Map<String, String> parameters(Properties settings) {
        String policyId = settings.getProperty("policyId");
        String town = settings.getProperty("regionCode");
        Map<String, Long> targets = regions.targets(policyId);
        long count = regions.villagesUnder(town).stream().mapToLong(v -> targets.getOrDefault(v, 0L)).sum();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("regionCode", town);
        parameters.put("policyId", policyId);
        parameters.put("count", String.valueOf(Math.max(count, 2L * regions.villagesUnder(town).size())));
        parameters.put("seed", settings.getProperty("seed", "2024"));
        for (String optional : List.of("paidShare", "threads", "spread")) {
            if (settings.getProperty(optional) != null) {
                parameters.put(optional, settings.getProperty(optional));
            }
        }
        return parameters;
    }

    static Properties settings() {
        try (InputStream in = DemoCampaign.class.getClassLoader().getResourceAsStream(SETTINGS)) {
            if (in == null) {
                throw new IllegalStateException(SETTINGS + " is missing from canbao-config.jar");
            }
            Properties settings = new Properties();
            settings.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return settings;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SETTINGS + ": " + e.getMessage(), e);
        }
    }
}
