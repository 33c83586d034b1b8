package cn.canbao.account.control;

import cn.canbao.account.boundary.SystemAccounts;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.region.entity.RegionRules;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The first administrator of a new server (docs/operations.md, "A new district goes live"): when the account table is
 * empty at start-up and the environment names one, an administrator of that province or district is created — with
 * its region (and the province above a district) when the tree does not hold it yet — and must change the password at
 * the first sign-in. Everything else (towns, villages, policies, targets, the other accounts) that administrator
 * enters through the API or the screens. Nothing happens once any account exists, so a restart never repeats it and
 * the environment's password is never used again.
 * <pre>
 * CANBAO_ADMIN_USERNAME     the user name, e.g. qj_admin
 * CANBAO_ADMIN_PASSWORD     a first password (the password rules apply; changed at the first sign-in)
 * CANBAO_ADMIN_REGION       a province or district code of 6 digits, e.g. 500114
 * CANBAO_ADMIN_REGION_NAME  its name when it is not in the tree yet, e.g. 黔江区
 * CANBAO_ADMIN_NAME         the display name (optional, default 系统管理员)
 * </pre>
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class FirstAdministrator {

    static final String USERNAME = "CANBAO_ADMIN_USERNAME";
    static final String PASSWORD = "CANBAO_ADMIN_PASSWORD";
    static final String REGION = "CANBAO_ADMIN_REGION";
    static final String REGION_NAME = "CANBAO_ADMIN_REGION_NAME";
    static final String DISPLAY_NAME = "CANBAO_ADMIN_NAME";
    private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());

    /** GB/T 2260 provinces, the parent a new district's province gets when the tree is empty. */
    static final Map<String, String> PROVINCES = Map.ofEntries(
            Map.entry("11", "北京市"), Map.entry("12", "天津市"), Map.entry("13", "河北省"), Map.entry("14", "山西省"),
            Map.entry("15", "内蒙古自治区"), Map.entry("21", "辽宁省"), Map.entry("22", "吉林省"), Map.entry("23", "黑龙江省"),
            Map.entry("31", "上海市"), Map.entry("32", "江苏省"), Map.entry("33", "浙江省"), Map.entry("34", "安徽省"),
            Map.entry("35", "福建省"), Map.entry("36", "江西省"), Map.entry("37", "山东省"), Map.entry("41", "河南省"),
            Map.entry("42", "湖北省"), Map.entry("43", "湖南省"), Map.entry("44", "广东省"), Map.entry("45", "广西壮族自治区"),
            Map.entry("46", "海南省"), Map.entry("50", "重庆市"), Map.entry("51", "四川省"), Map.entry("52", "贵州省"),
            Map.entry("53", "云南省"), Map.entry("54", "西藏自治区"), Map.entry("61", "陕西省"), Map.entry("62", "甘肃省"),
            Map.entry("63", "青海省"), Map.entry("64", "宁夏回族自治区"), Map.entry("65", "新疆维吾尔自治区"));

    /** What the environment asks for, checked. */
    record Request(String username, String password, String regionCode, String regionName, String displayName) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    SystemAccounts accounts;

    @Inject
    AuditLog audit;

    @PostConstruct
    void createOnFirstStart() {
        if (System.getenv(USERNAME) == null || System.getenv(USERNAME).isBlank()) {
            // the embedded default's demo data bring their own accounts (DemoData, which may start after this bean)
            if (!accounts.any() && !Boolean.parseBoolean(System.getProperty("canbao.demo-data", "false"))) {
                LOG.warning("No account exists and no first administrator is configured: set " + USERNAME + ", " + PASSWORD
                        + ", " + REGION + " (and " + REGION_NAME + ") and start the server again (docs/operations.md)");
            }
            return;
        }
        if (accounts.any()) {
            LOG.info(() -> USERNAME + " is set but accounts exist already; nothing is created (unset it)");
            return;
        }
        List<String> problems = new ArrayList<>();
        Optional<Request> request = check(System::getenv, problems);
        if (request.isEmpty()) {
            LOG.severe("The first administrator was not created: " + String.join("; ", problems));
            return;
        }
        Request r = request.get();
        ensureRegion(r.regionCode(), r.regionName());
        accounts.ensure(r.username(), r.displayName(), Roles.DISTRICT_ADMIN, r.regionCode(), r.password(),
                PasswordHashes.configuredCost(), true);
        LOG.info(() -> "First administrator " + r.username() + " created for region " + r.regionCode()
                + "; the password must be changed at the first sign-in");
    }

    /** The environment's request, or empty with every problem named (never the password itself). */
    static Optional<Request> check(Function<String, String> env, List<String> problems) {
        String username = trim(env.apply(USERNAME));
        String password = env.apply(PASSWORD);
        String region = trim(env.apply(REGION));
        String regionName = trim(env.apply(REGION_NAME));
        String displayName = trim(env.apply(DISPLAY_NAME));
        AccountRules.username(username).ifPresent(m -> problems.add(USERNAME + ": " + m));
        PasswordRules.refusal(username, password).ifPresent(m -> problems.add(PASSWORD + ": " + m));
        if (region == null || region.length() != 6 || RegionRules.code(region, RegionLevel.DISTRICT).isPresent()) {
            problems.add(REGION + ": 须为 6 位省级或区县代码 / a province or district code of 6 digits");
        } else if (!PROVINCES.containsKey(region.substring(0, 2))) {
            problems.add(REGION + ": 未知的省级代码 " + region.substring(0, 2) + " / unknown province");
        }
        if (regionName != null) {
            RegionRules.name(regionName).ifPresent(m -> problems.add(REGION_NAME + ": " + m));
        }
        cn.canbao.platform.entity.FreeText.refusal(displayName, 100, false).ifPresent(m -> problems.add(DISPLAY_NAME + ": " + m));
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Request(username, password, region, regionName, displayName == null ? "系统管理员" : displayName));
    }

    private void ensureRegion(String code, String name) {
        String provinceCode = code.substring(0, 2) + "0000";
        if (em.find(Region.class, provinceCode) == null) {
            String provinceName = code.equals(provinceCode) && name != null ? name : PROVINCES.get(code.substring(0, 2));
            em.persist(new Region(provinceCode, provinceName, RegionLevel.PROVINCE, null));
            em.flush();
            audit.record("REGION_CREATED", "region", provinceCode, null, provinceName, "first start");
        }
        if (!code.equals(provinceCode) && em.find(Region.class, code) == null) {
            String districtName = name == null ? code : name;
            em.persist(new Region(code, districtName, RegionLevel.DISTRICT, provinceCode));
            em.flush();
            audit.record("REGION_CREATED", "region", code, null, districtName, "first start");
        }
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
