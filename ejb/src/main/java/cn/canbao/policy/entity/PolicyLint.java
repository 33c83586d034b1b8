package cn.canbao.policy.entity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Load-time warnings of likely typos in a policy that passes the load checks (docs/policy-format.md, "Lint"): things a
 * notice may mean but usually does not. Lint only warns — a save is never refused for a warning. Plain Java.
 *
 * <ul>
 *   <li>{@code TARGET_TOTAL_MISMATCH}: the notice's stated total target ({@code targetCounting.statedTotal}) differs from
 *       the sum of the villages' targets on record (seed 000's "40480万人" was such a typo);</li>
 *   <li>{@code WINDOW_GAP}: consecutive windows leave days that no window covers (a window ending 12-30 and the next
 *       starting 01-01);</li>
 *   <li>{@code CATEGORY_BEYOND_CAMPAIGN}: a catalogue row is valid after 31 Dec of the insurance year (a year typed wrong,
 *       or last year's validity copied);</li>
 *   <li>{@code FISCAL_SUBSIDY_MISSING}: a full-cost window or exemption exists but the fiscal subsidy is not entered, so
 *       every quote in it is refused (FISCAL_SUBSIDY_NOT_SET) until an operator enters it.</li>
 * </ul>
 */
public final class PolicyLint {

    /** One warning: the rule, where in the document (JSON path and key), and the message in Chinese and English. */
    public record Warning(String rule, String where, String messageZh, String messageEn) implements java.io.Serializable {
    }

    private PolicyLint() {
    }

    /**
     * @param villageTargetSum the sum of the villages' targets on record for this policy, null when none is recorded
     */
    public static List<Warning> lint(Policy p, Long villageTargetSum) {
        List<Warning> warnings = new ArrayList<>();
        targets(p, villageTargetSum, warnings);
        windows(p, warnings);
        catalogue(p, warnings);
        fiscal(p, warnings);
        return List.copyOf(warnings);
    }

    private static void targets(Policy p, Long sum, List<Warning> out) {
        Long stated = p.targetCounting().statedTotal();
        if (stated == null) {
            return;
        }
        long villages = sum == null ? 0 : sum;
        if (stated != villages) {
            out.add(new Warning("TARGET_TOTAL_MISMATCH", "targetCounting.statedTotal",
                    "通知所列目标任务总数为 " + stated + " 人，各村（社区）目标合计为 " + villages + " 人"
                            + (sum == null ? "（尚未录入各村目标）" : "，相差 " + Math.abs(stated - villages) + " 人"),
                    "the notice's total target is " + stated + " persons, the villages' targets add up to " + villages
                            + (sum == null ? " (no village targets entered yet)" : ", a difference of " + Math.abs(stated - villages))));
        }
    }

    private static void windows(Policy p, List<Warning> out) {
        List<PaymentWindow> ordered = p.windows().stream().sorted(Comparator.comparing(PaymentWindow::from)).toList();
        for (int i = 1; i < ordered.size(); i++) {
            PaymentWindow before = ordered.get(i - 1);
            PaymentWindow after = ordered.get(i);
            LocalDate firstUncovered = before.to().plusDays(1);
            if (after.from().isAfter(firstUncovered)) {
                long days = ChronoUnit.DAYS.between(firstUncovered, after.from());
                LocalDate lastUncovered = after.from().minusDays(1);
                out.add(new Warning("WINDOW_GAP", "windows[" + p.windows().indexOf(after) + "] " + after.name(),
                        "缴费期之间有 " + days + " 天不在任何缴费期内（" + firstUncovered + " 至 " + lastUncovered + "）",
                        days + " day(s) between two windows lie in no window (" + firstUncovered + " to " + lastUncovered + ")"));
            }
        }
    }

    private static void catalogue(Policy p, List<Warning> out) {
        LocalDate yearEnd = p.yearEnd();
        for (int i = 0; i < p.catalogue().size(); i++) {
            CatalogueEntry e = p.catalogue().get(i);
            if (e.validTo() != null && e.validTo().isAfter(yearEnd)) {
                out.add(new Warning("CATEGORY_BEYOND_CAMPAIGN", "catalogue[" + i + "] code " + e.code(),
                        "资助类别 " + e.code() + " " + e.name() + " 的有效期至 " + e.validTo() + "，超出 " + p.insuranceYear() + " 参保年度（至 "
                                + yearEnd + "）",
                        "subsidy category " + e.code() + " is valid until " + e.validTo() + ", beyond the insurance year "
                                + p.insuranceYear() + " (ends " + yearEnd + ")"));
            }
        }
    }

    private static void fiscal(Policy p, List<Warning> out) {
        if (p.fiscalSubsidy() != null) {
            return;
        }
        boolean fullCost = p.windows().stream().anyMatch(w -> w.paymentAllowed() && w.priceMode() == PriceMode.FULL_COST)
                || p.exemptions().stream().anyMatch(e -> e.priceMode() == PriceMode.FULL_COST);
        if (fullCost) {
            out.add(new Warning("FISCAL_SUBSIDY_MISSING", "fiscalSubsidy",
                    "有全额缴费期，但未录入财政补助标准：该期间的缴费报价将被拒绝，直至录入",
                    "a full-cost window exists but no fiscal subsidy is entered: quotes in it are refused until it is"));
        }
    }
}
