package cn.canbao.it;

import cn.canbao.collection.entity.Channel;
import cn.canbao.collection.entity.Payment;
import cn.canbao.enrollment.entity.ContactChannel;
import cn.canbao.enrollment.entity.ContactOutcome;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.enrollment.entity.NonEnrollmentReason;
import cn.canbao.person.entity.DocumentType;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.refund.entity.Refund;
import cn.canbao.region.entity.RegionLevel;
import cn.canbao.subsidy.entity.SubsidyIdentity;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page of every role, in a real browser (issue 17, item 6): each role signs in, opens every page of its menu and
 * the detail pages reached from them (a resident, a refund's history, a policy, a job's executions), and no page shows
 * a raw code where a name belongs — an enum constant (channels, statuses, sources, reasons, levels, job states), a
 * user name where a person's name belongs, a camelCase parameter, a date out of any sane range. A screenshot of each
 * page lands in ear/target/screenshots/ (walk-&lt;role&gt;-&lt;page&gt;.png). All findings are reported at once. Only
 * what a page marks as stored evidence (class cb-raw: the audit's before/after states) is exempt.
 */
@ExtendWith(ArquillianExtension.class)
class ScreenWalkIT {

    private static final String POLICY = "500101-2024";
    private static final String VILLAGE = "500101101001";
    private static final List<String> ROLES = List.of("clerk", "town_officer", "district_admin", "department", "tax",
            "supervisor", "operator");
    private static final List<String> USER_NAMES = List.of("clerk", "clerk2", "town_officer", "district_admin", "department",
            "tax", "supervisor", "operator", "integration", "yc_admin", "yc_operator", "yc_supervisor", "yc_town_officer",
            "fd_admin", "ey_admin", "fl_admin");
    /** Pages whose subject is the accounts themselves: a user name is their data there. */
    private static final Set<String> ACCOUNT_PAGES = Set.of("/account/accounts.xhtml");
    /** The column names of a file format a page explains (fixed by API.md): named as the file names them. */
    private static final Map<String, Set<String>> FILE_COLUMNS = Map.of("/region/regions.xhtml", Set.of("parentCode"));
    /** Words that are both a code and the name people use on screen. */
    private static final Set<String> ALLOWED = Set.of("POS", "OTHER", "ACTIVE");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    static Set<String> codes() {
        Set<String> codes = new LinkedHashSet<>();
        Stream.of(Channel.values(), Payment.Kind.values(), EnrollmentStatus.values(), Refund.Status.values(),
                        Refund.Reason.values(), ContactChannel.values(), ContactOutcome.values(), NonEnrollmentReason.values(),
                        ResidentType.values(), RegionLevel.values(), SubsidyIdentity.Source.values(), DocumentType.values())
                .flatMap(Arrays::stream).map(Enum::name).forEach(codes::add);
        codes.addAll(List.of("COMPLETED", "STARTED", "STARTING", "FAILED", "STOPPED", "STOPPING", "ABANDONED",
                "PLANNED", "DUE", "MISSED", "REFUSED", "ALREADY_STARTED", "MUST_CHANGE_PASSWORD", "DISABLED"));
        codes.removeAll(ALLOWED);
        return codes;
    }

    /** What a page's visible text must not hold, each finding with a little context. */
    static List<String> findings(String path, String text) {
        List<String> found = new ArrayList<>();
        List<String> words = new ArrayList<>(codes());
        if (!ACCOUNT_PAGES.contains(path.replaceFirst("\\?.*", ""))) {
            words.addAll(USER_NAMES);
        }
        for (String word : words) {
            Matcher m = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(word) + "(?![A-Za-z0-9_])").matcher(text);
            if (m.find()) {
                found.add(word + " «" + context(text, m.start(), m.end()) + "»");
            }
        }
        Matcher camel = Pattern.compile("(?<![A-Za-z0-9_.:/-])[a-z]+[A-Z][A-Za-z]*(?![A-Za-z0-9_])").matcher(text);
        Set<String> columns = FILE_COLUMNS.getOrDefault(path.replaceFirst("\\?.*", ""), Set.of());
        while (camel.find()) {
            if (columns.contains(camel.group())) {
                continue;
            }
            found.add("parameter " + camel.group() + " «" + context(text, camel.start(), camel.end()) + "»");
        }
        Matcher index = Pattern.compile("[a-z]+\\[\\d+]").matcher(text);
        if (index.find()) {
            found.add("field path " + index.group());
        }
        Matcher date = Pattern.compile("[+-]?\\d{5,}-\\d{2}-\\d{2}").matcher(text);
        if (date.find()) {
            found.add("date " + date.group());
        }
        return found;
    }

    private static String context(String text, int start, int end) {
        return text.substring(Math.max(0, start - 20), Math.min(text.length(), end + 20)).replace('\n', ' ');
    }

    @Test
    void noPageOfAnyRoleShowsACodeWhereANameBelongs() {
        Map<String, List<String>> findings = new LinkedHashMap<>();
        String resident = residentWithARefund();
        for (String role : ROLES) {
            try (Browser browser = Browser.open("walk-" + role)) {
                browser.signIn(role);
                Set<String> pages = new LinkedHashSet<>();
                pages.add("/index.xhtml");
                for (WebElement link : browser.driver.findElements(By.cssSelector(".cb-menu a[href]"))) {
                    String href = link.getAttribute("href");
                    int at = href.indexOf("/canbao/");
                    if (at >= 0) {
                        pages.add(href.substring(at + "/canbao".length()));
                    }
                }
                pages.addAll(details(browser, role, resident));
                for (String page : pages) {
                    browser.go(page);
                    browser.waitForText("body", "");
                    // the audit's stored states are its evidence, shown as stored and marked so (class cb-raw)
                    String text = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                            "const raw = [...document.querySelectorAll('.cb-raw')];"
                                    + "raw.forEach(e => e.style.setProperty('display', 'none'));"
                                    + "const text = document.body.innerText;"
                                    + "raw.forEach(e => e.style.removeProperty('display'));"
                                    + "return text;");
                    browser.screenshot(page.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", ""));
                    List<String> here = findings(page, text);
                    if (!here.isEmpty()) {
                        findings.put(role + " " + page, here);
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder();
        findings.forEach((page, found) -> report.append('\n').append(page).append(":\n  ").append(String.join("\n  ", found)));
        assertTrue(findings.isEmpty(), "codes where names belong:" + report);
    }

    /** Pages reached from the menu's pages rather than from the menu. */
    private static List<String> details(Browser browser, String role, String resident) {
        return switch (role) {
            case "clerk", "town_officer" -> List.of(personPage(browser, resident),
                    "/counter/visit-list.xhtml?region=" + VILLAGE + "&policy=" + POLICY);
            case "district_admin" -> List.of("/policy/view.xhtml?id=" + POLICY, "/batch/executions.xhtml", "/roster/imports.xhtml",
                    "/roster/identities.xhtml", "/refund/request.xhtml");
            case "operator" -> List.of("/batch/executions.xhtml");
            default -> List.of();
        };
    }

    /** The resident's page at the counter, as a clerk reaches it: a whole ID number searched opens it. */
    private static String personPage(Browser browser, String idNumber) {
        browser.go("/counter/find.xhtml");
        browser.find("#find\\:query").sendKeys(idNumber);
        browser.driver.findElement(By.id("find:search")).click();
        browser.wait(d -> d.getCurrentUrl().contains("/counter/person.xhtml"));
        browser.waitForText("#resident\\:name", "巡检参保人");
        String href = browser.driver.getCurrentUrl();
        return href.substring(href.indexOf("/canbao/") + "/canbao".length());
    }

    /** A paid resident of the clerk's village with a contact, a refund request and a subsidy identity, for the pages to show. */
    private static String residentWithARefund() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = IdNumber.withCheckCharacter("500101" + LocalDate.of(1960, 1, 1).plusDays(random.nextInt(9000))
                .format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", random.nextInt(1000))).value();
        Http.as("clerk").post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"巡检参保人\",\"householdRegionCode\":\""
                + VILLAGE + "\",\"residentType\":\"RESIDENT\"}");
        Http.as("department").post("/api/v1/persons/" + id + "/identities",
                "{\"code\":\"101\",\"certifyingDepartment\":\"万州区民政局\",\"validFrom\":\"2023-09-01\",\"validTo\":\"2024-12-31\",\"evidence\":\"低保证\"}");
        // a group on record, so that the person page's groups panel shows a line
        Http.as("clerk").post("/api/v1/persons/" + id + "/groups",
                "{\"group\":\"VETERAN\",\"eventDate\":\"2023-03-01\",\"evidence\":\"退役证\"}");
        Http.as("clerk").post("/api/v1/contacts", "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY
                + "\",\"channel\":\"PHONE\",\"outcome\":\"PROMISED\"}");
        Http.as("clerk").post("/api/v1/payments", "{\"transactionId\":\"IT-WALK-" + id + "\",\"idNumber\":\"" + id + "\",\"policyId\":\""
                + POLICY + "\",\"tier\":1,\"amount\":38,\"channel\":\"CASH\",\"paidAt\":\"2023-11-20T10:00:00+08:00\"}");
        Http.as("clerk").post("/api/v1/refunds", "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY
                + "\",\"reason\":\"DEATH\",\"note\":\"死亡证明\"}");
        return id;
    }
}
