package cn.canbao.demo.control;

import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.account.boundary.SystemAccounts;
import cn.canbao.policy.boundary.SeedPolicies;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import cn.canbao.region.entity.RegionTarget;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Loads the demo data of the embedded default on its first start: the region tree of the five seed districts, the
 * village targets of seeds 000 and 001, the demo accounts (role, region, the README's demo password) and the five seed policies of config/policies. Only when {@code canbao.demo-data=true}
 * (set by config/cli/90-demo.cli) and the region table is still empty, so a restart never loads twice.
 * The data are files in config/demo, packaged as canbao-config.jar in the EAR's lib/.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class DemoData {

    public static final String DEMO_DATA_PROPERTY = "canbao.demo-data";
    private static final String BASE = "canbao/demo/";
    static final String DEMO_PASSWORD = "demo123";
    static final int DEMO_COST = 4;
    private static final Logger LOG = Logger.getLogger(DemoData.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    SeedPolicies seedPolicies;

    @Inject
    SystemAccounts accounts;

    @PostConstruct
    void loadOnFirstStart() {
        if (!Boolean.parseBoolean(System.getProperty(DEMO_DATA_PROPERTY, "false"))) {
            return;
        }
        long regions = em.createQuery("select count(r) from Region r", Long.class).getSingleResult();
        if (regions > 0) {
            long hashed = csv("users.csv").stream().filter(this::demoAccount).count();
            LOG.info("Demo data already present (" + regions + " regions); " + hashed + " demo account(s) given a password");
            return;
        }
        List<Map<String, String>> regionRows = csv("regions.csv");
        // parents before children: the unit of work does not order rows linked only by a code column
        for (RegionLevel level : RegionLevel.values()) {
            for (Map<String, String> row : regionRows) {
                if (RegionLevel.valueOf(row.get("level")) == level) {
                    String parent = row.get("parent_code");
                    em.persist(new Region(row.get("code"), row.get("name"), level,
                            parent == null || parent.isBlank() ? null : parent));
                }
            }
            em.flush();
        }
        List<Map<String, String>> targetRows = csv("targets.csv");
        for (Map<String, String> row : targetRows) {
            em.persist(new RegionTarget(row.get("policy_id"), row.get("region_code"), Integer.parseInt(row.get("target"))));
            String population = row.get("household_population");
            if (population != null && !population.isBlank()) {
                em.find(Region.class, row.get("region_code")).recordHouseholdPopulation(Integer.parseInt(population));
            }
        }
        List<Map<String, String>> userRows = csv("users.csv");
        userRows.forEach(this::demoAccount);
        long policies = csv("seed-policies.csv").stream()
                .filter(row -> seedPolicies.loadIfAbsent(text("canbao/policies/" + row.get("file"))))
                .count();
        audit.record("DEMO_DATA_LOADED", "system", "demo", null, null,
                regionRows.size() + " regions, " + targetRows.size() + " targets, " + userRows.size() + " users, "
                        + policies + " policies");
        LOG.info(() -> "Demo data loaded: " + regionRows.size() + " regions, " + targetRows.size() + " village targets, "
                + userRows.size() + " users, " + policies + " seed policies");
    }

    /**
     * A demo account with the documented demo password (README.md), hashed with bcrypt like any other but at the
     * lowest cost: the password is public, and the tests sign in thousands of times. Never forced to change it.
     */
    private boolean demoAccount(Map<String, String> row) {
        return accounts.ensure(row.get("username"), row.get("display_name"), row.get("role"), row.get("region_code"),
                DEMO_PASSWORD, DEMO_COST, false);
    }

    static String text(String resource) {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from canbao-config.jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of a simple comma-separated file with a header line (no quoting: the demo files need none). */
    static List<Map<String, String>> csv(String name) {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("demo data file " + BASE + name + " is missing from canbao-config.jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = reader.readLine().split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i].trim(), i < cells.length ? cells[i].trim() : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
