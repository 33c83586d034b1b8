package cn.canbao.policy.entity;

import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.CollegeRule;
import cn.canbao.policy.entity.CoverStart;
import cn.canbao.policy.entity.Exemption;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.NewbornRule;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PriceMode;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRefusedException;
import cn.canbao.policy.entity.QuoteRefusedException.Code;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;
import cn.canbao.policy.entity.Tier;
import cn.canbao.policy.entity.TierAmount;
import cn.canbao.policy.entity.Yuan;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a person pays on a date and when cover starts (../shared/spec/DOMAIN.md §3). Pure: a policy and a request in, a quote
 * out; the clock only supplies "today" when the request has no payment date. Nothing here knows a region.
 */
public class QuoteEngine {

    /** The window name reported when a newborn's own N-day period is what allows the payment. */
    public static final String NEWBORN_WINDOW = "NEWBORN";

    private final Clock clock;

    public QuoteEngine(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The amount due for a person on the request's date (batch jobs: rollover, full-cost switchover). */
    public BigDecimal amountDue(Policy policy, QuoteRequest request) {
        return quote(policy, request).personalAmount();
    }

    /** @throws QuoteRefusedException when the policy takes no such payment (code says why) */
    public Quote quote(Policy policy, QuoteRequest request) {
        Objects.requireNonNull(policy, "policy");
        if (request == null || request.tier() == null) {
            throw refuse(Code.INVALID_REQUEST, "请求缺少参保档次", "the request names no tier");
        }
        List<String> why = new ArrayList<>();
        LocalDate date = request.paymentDate() != null ? request.paymentDate() : today();
        ResidentType type = request.residentType() != null ? request.residentType() : ResidentType.RESIDENT;
        LocalDate birth = birthDate(request, date);

        Tier tier = policy.tier(request.tier()).orElseThrow(() -> refuse(Code.TIER_NOT_OFFERED,
                policy.policyId() + "政策没有" + tierZh(request.tier()),
                "policy " + policy.policyId() + " has no tier " + request.tier()));
        BigDecimal standard = tier.standardFor(type);
        why.add(tierZh(tier.tier()) + (type == ResidentType.COLLEGE_STUDENT && tier.collegeStandard() != null
                ? "在校大学生" : "城乡居民") + "个人缴费标准" + standard + "元");

        Set<String> held = new LinkedHashSet<>();
        for (HeldIdentity id : request.identities()) {
            if (id.validOn(date)) {
                held.add(id.code());
            } else {
                why.add("身份" + id.code() + "在" + date + "不在有效期内（" + orDash(id.validFrom()) + "至"
                        + orDash(id.validTo()) + "），不予资助");
            }
        }

        // newborn status
        NewbornRule newborn = policy.newborn();
        boolean newbornRule = false;
        boolean newbornInTime = false;
        if (type == ResidentType.NEWBORN) {
            if (birth == null) {
                throw refuse(Code.INVALID_REQUEST, "新生儿须提供出生日期或身份证号码",
                        "a newborn needs a birth date or an ID number");
            }
            newbornRule = newborn != null && birth.getYear() == policy.insuranceYear();
            if (newbornRule) {
                long age = ChronoUnit.DAYS.between(birth, date);
                newbornInTime = age <= newborn.withinDays();
                why.add("新生儿" + birth + "出生，" + date + "缴费时出生" + age + "天，"
                        + (newbornInTime ? "在" : "超过") + "出生之日起" + newborn.withinDays() + "日"
                        + (newbornInTime ? "内" : ""));
            } else {
                why.add(newborn == null ? "本政策未规定新生儿参保规则，按普通居民计算"
                        : "非" + policy.insuranceYear() + "年出生，不适用新生儿规则，按普通居民计算");
            }
        }

        // college transition (seeds 000, 002): insured for the academic year of the change, covered to the year's end
        CollegeRule.Transition transition = policy.college() == null ? null : policy.college().transition();
        if (type == ResidentType.COLLEGE_STUDENT && transition != null
                && request.groups().contains(PersonGroup.ACADEMIC_YEAR_INSURED)) {
            throw refuse(Code.COVERED_BY_TRANSITION, "已参加" + transition.insuredFrom() + "至" + transition.insuredTo()
                    + "学年度居民医保的在校大学生，待遇延长至" + transition.coverTo() + "（" + policy.policyId()
                    + "过渡期待遇），本年度无需缴费，由经办机构登记为过渡期参保",
                    "a college student insured for the academic year " + transition.insuredFrom() + ".."
                    + transition.insuredTo() + " is covered until " + transition.coverTo() + " (" + policy.policyId()
                    + " transition): nothing to pay this year; the office records the transition cover");
        }

        // which window takes the payment
        Optional<PaymentWindow> window = policy.windows().stream().filter(w -> w.contains(date)).findFirst();
        Optional<Exemption> exemption = policy.exemptions().stream()
                .filter(e -> e.inForceOn(date) && applies(e, held, request.groups())).findFirst();
        String windowName;
        PriceMode price;
        CoverStart coverRule;
        LocalDate coverEnd;
        boolean windowAllows = window.isPresent() && window.get().paymentAllowed()
                && !date.isAfter(policy.finalCutoff());
        if (windowAllows) {
            PaymentWindow w = window.get();
            windowName = w.name();
            price = w.priceMode();
            coverRule = w.coverStart();
            coverEnd = w.coverEnd();
            why.add(date + "属" + label(w) + "（" + w.from() + "至" + w.to() + "），"
                    + (price == PriceMode.FULL_COST ? "全额缴费（含财政补助部分）" : "按标准缴费"));
            if (exemption.isPresent()) {
                Exemption e = exemption.get();
                if (e.priceMode() != null) {
                    price = e.priceMode();
                }
                if (e.coverStart() != null) {
                    coverRule = e.coverStart();
                }
                why.add("适用豁免" + e.name() + "（" + orDash(e.description()) + "）："
                        + (e.priceMode() == null ? "" : (e.priceMode() == PriceMode.STANDARD ? "按标准缴费；" : "全额缴费；"))
                        + (e.coverStart() == null ? "" : e.coverStart().describeZh()));
            }
        } else if (exemption.isPresent() && exemption.get().extendsWindow()) {
            Exemption e = exemption.get();
            windowName = e.windowName();
            price = e.priceMode();
            coverRule = e.coverStart();
            coverEnd = policy.yearEnd();
            why.add(date + "不在普通缴费期内，适用豁免" + e.name() + "（" + orDash(e.description()) + "，"
                    + e.from() + "至" + e.to() + "可参保）");
        } else if (newbornInTime && newborn.enrollAnyDateWithinDays() && !date.isBefore(policy.opening())
                && !date.isAfter(policy.yearEnd())) {
            windowName = NEWBORN_WINDOW;
            price = newborn.priceMode();
            coverRule = CoverStart.paymentDate();
            coverEnd = policy.yearEnd();
            why.add(date + "不在普通缴费期内，新生儿出生之日起" + newborn.withinDays() + "日内可独立参保");
        } else {
            throw closed(policy, date, window);
        }

        if (newbornInTime && newborn.priceMode() != null) {
            price = newborn.priceMode();
            why.add("新生儿出生" + newborn.withinDays() + "日内独立参保："
                    + (price == PriceMode.STANDARD ? "按标准缴费" : "全额缴费"));
        } else if (newbornRule && !newbornInTime && newborn.lateCoverStart() != null) {
            coverRule = newborn.lateCoverStart();
            why.add("新生儿超过" + newborn.withinDays() + "日参保：" + newborn.lateCoverStart().describeZh());
        }

        // college students: academic year, graduates, freshmen
        LocalDate yearStart = policy.yearStart();
        CollegeRule college = policy.college();
        boolean freshman = false;
        if (type == ResidentType.COLLEGE_STUDENT && college != null) {
            if (college.coverFrom() != null) {
                yearStart = college.coverFrom();
            }
            if (request.groups().contains(PersonGroup.GRADUATE) && college.graduateCoverTo() != null) {
                coverEnd = college.graduateCoverTo();
                why.add("当年毕业大学生待遇延长至" + coverEnd);
            } else if (college.coverTo() != null) {
                coverEnd = college.coverTo();
            }
            if (college.yearMode() == CollegeRule.YearMode.ACADEMIC) {
                why.add("大学生按学年度参保，待遇期" + college.coverFrom() + "至" + college.coverTo());
            }
            if (request.groups().contains(PersonGroup.FRESHMAN) && college.freshmanCoverStart() != null
                    && date.isBefore(policy.yearStart())) {
                coverRule = college.freshmanCoverStart();
                freshman = true;
                why.add("新生入学时参加下一年度居民医保：" + describeStart(coverRule));
            }
        }

        LocalDate start;
        if (newbornInTime && newborn.coverFromBirth()) {
            start = birth;
            why.add(date + " 缴费，新生儿出生" + newborn.withinDays() + "日内参保，待遇自出生之日" + start + "起");
        } else {
            start = coverRule.startFor(date, yearStart);
            // a freshman's cover begins before the insurance year by design (seeds 000, 002)
            if (!freshman && start.isBefore(yearStart)) {
                start = yearStart;
            }
            why.add(date + " 缴费，" + describeStart(coverRule) + "，待遇自" + start + "起");
        }

        // continuous enrollment (../shared/spec/DOMAIN.md §8): the waiting period moves the start
        Integer continuousYears = null;
        Quote.Waiting waiting = null;
        ContinuityRule continuity = policy.continuity();
        if (continuity != null) {
            ContinuityAssessment.Result assessed = ContinuityAssessment.assess(continuity, policy.insuranceYear(), date,
                    windowName, new ContinuityAssessment.Payer(request.insuredYears(), request.repairedYears(),
                            request.events(), held, request.groups(), birth, newbornInTime), standard);
            why.addAll(assessed.lines());
            continuousYears = assessed.continuousYears();
            waiting = assessed.waiting();
            start = waitedStart(continuity, waiting, date, start, why);
        }
        IncentiveRule incentive = policy.incentive();
        if (incentive != null) {
            int years = continuousYears != null ? continuousYears
                    : ContinuityAssessment.continuousYears(policy.insuranceYear(), request.insuredYears(), Set.of());
            why.add(incentiveLine(incentive, years));
        }

        if (start.isAfter(coverEnd)) {
            throw refuse(Code.NO_BENEFIT_PERIOD,
                    date + "缴费后待遇" + start + "才开始，晚于待遇截止日" + coverEnd + "，本年度已无待遇可享受",
                    "paid on " + date + ", cover would start " + start + ", after cover ends " + coverEnd);
        }
        why.add("待遇截至" + coverEnd);

        // subsidy: the highest available, ties to the earlier catalogue row
        CatalogueEntry best = null;
        BigDecimal bestAmount = null;
        for (String code : held) {
            if (policy.category(code).isEmpty()) {
                why.add("身份" + code + "不在本政策资助目录中，不予资助");
            }
        }
        for (CatalogueEntry c : policy.catalogue()) {
            if (!held.contains(c.code())) {
                continue;
            }
            Optional<TierAmount> amount = c.amountFor(tier.tier());
            if (!c.validOn(date)) {
                why.add(c.code() + " " + c.name() + "：资助标准执行期" + orDash(c.validFrom()) + "至" + orDash(c.validTo())
                        + "，不含" + date + "，不予资助");
            } else if (c.college() && type != ResidentType.COLLEGE_STUDENT) {
                why.add(c.code() + " " + c.name() + "：仅资助在校大学生");
            } else if (amount.isEmpty()) {
                why.add(c.code() + " " + c.name() + "：" + tierZh(tier.tier()) + "不予资助（——）");
            } else if (bestAmount == null || amount.get().subsidy().compareTo(bestAmount) > 0) {
                best = c;
                bestAmount = amount.get().subsidy();
            }
        }
        BigDecimal subsidy = Yuan.ZERO;
        if (best != null) {
            subsidy = bestAmount.min(standard);
            why.add("资助身份" + best.code() + " " + best.name() + "，" + tierZh(tier.tier()) + "资助" + subsidy + "元"
                    + (held.size() > 1 ? "（多重身份就高不就低，同额按目录顺序）" : "")
                    + (bestAmount.compareTo(standard) > 0 ? "（资助不超过缴费标准）" : ""));
        } else {
            why.add("无适用的资助身份，资助0.00元");
        }

        BigDecimal fiscal = Yuan.ZERO;
        if (price == PriceMode.FULL_COST) {
            if (policy.fiscalSubsidy() == null) {
                throw refuse(Code.FISCAL_SUBSIDY_NOT_SET,
                        date + "缴费须全额缴费，但" + policy.policyId() + "政策未设定财政补助标准，请先由经办机构录入",
                        "a payment on " + date + " is at full cost but policy " + policy.policyId()
                                + " has no fiscal subsidy set; an operator must enter it first");
            }
            fiscal = policy.fiscalSubsidy();
            why.add("全额缴费：个人另行承担财政补助部分" + fiscal + "元");
        }
        BigDecimal personal = standard.subtract(subsidy).add(fiscal).max(Yuan.ZERO);
        why.add("应缴 = 标准" + standard + " − 资助" + subsidy + " + 财政补助部分" + fiscal + " = " + personal + "元");

        return new Quote(policy.policyId(), tier.tier(), standard, best == null ? null : best.code(), subsidy,
                fiscal, personal, start, coverEnd, windowName, why, continuousYears, waiting);
    }

    /**
     * The first day of cover after the continuity waiting period: counted from the payment date (never before the
     * window's own start) or from the window's start, as the rule says.
     */
    private static LocalDate waitedStart(ContinuityRule rule, Quote.Waiting waiting, LocalDate date, LocalDate start,
                                         List<String> why) {
        int months = waiting.totalMonths();
        if (months == 0) {
            return start;
        }
        boolean fromPayment = rule.waitingStartsFrom() == ContinuityRule.WaitingStartsFrom.PAYMENT_DATE;
        LocalDate waited = (fromPayment ? date : start).plusMonths(months);
        String sum = "等待期" + waiting.fixedMonths() + "+" + waiting.variableMonths() + "=" + months + "个月，自"
                + (fromPayment ? "缴费之日" + date : "原待遇起始日" + start) + "起算至" + waited;
        if (waited.isAfter(start)) {
            why.add(sum + "，待遇自" + waited + "起");
            return waited;
        }
        why.add(sum + "，不晚于原待遇起始日，待遇仍自" + start + "起");
        return start;
    }

    /**
     * The major-illness cap increase this enrollment would earn: the year bought is the (continuous + 1)th, so the
     * first increase comes with the year after {@code thresholdYears} (国家医保局: 连续参保满4年，之后每连续参保1年).
     */
    private static String incentiveLine(IncentiveRule rule, int continuousYears) {
        int withThisYear = continuousYears + 1;
        int steps = Math.max(0, withThisYear - rule.thresholdYears());
        BigDecimal increase = rule.increasePerYear().multiply(BigDecimal.valueOf(steps));
        String ceiling = "";
        if (rule.baseCap() != null && rule.maxIncreasePercent() != null) {
            BigDecimal max = Yuan.of(rule.baseCap().multiply(rule.maxIncreasePercent())
                    .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.DOWN));
            if (increase.compareTo(max) > 0) {
                increase = max;
            }
            ceiling = "，累计不超过原封顶线" + rule.baseCap() + "元的" + rule.maxIncreasePercent().stripTrailingZeros()
                    .toPlainString() + "%即" + max + "元";
        }
        return "大病保险激励：含本年度连续参保" + withThisYear + "年，满" + rule.thresholdYears() + "年后每年提高"
                + rule.increasePerYear() + "元，本年度连续参保激励" + Yuan.of(increase) + "元" + ceiling
                + "（零报销激励每年" + rule.zeroClaimIncrease() + "元，按报销记录另计）";
    }

    private static boolean applies(Exemption e, Set<String> held, Set<PersonGroup> groups) {
        return e.subsidyCodes().stream().anyMatch(held::contains) || e.groups().stream().anyMatch(groups::contains);
    }

    private LocalDate birthDate(QuoteRequest request, LocalDate date) {
        LocalDate birth = request.birthDate();
        if (request.idNumber() != null) {
            LocalDate fromId = request.idNumber().birthDate();
            if (birth != null && !birth.equals(fromId)) {
                throw refuse(Code.INVALID_REQUEST, "出生日期" + birth + "与身份证号码中的" + fromId + "不一致",
                        "birth date " + birth + " contradicts the ID number's " + fromId);
            }
            birth = fromId;
        }
        if (birth != null && birth.isAfter(date)) {
            throw refuse(Code.INVALID_REQUEST, "出生日期" + birth + "晚于缴费日期" + date,
                    "birth date " + birth + " lies after the payment date " + date);
        }
        return birth;
    }

    private static QuoteRefusedException closed(Policy policy, LocalDate date, Optional<PaymentWindow> window) {
        if (date.isBefore(policy.opening())) {
            return refuse(Code.NOT_YET_OPEN, date + "尚未开始缴费，" + policy.policyId() + "自" + policy.opening() + "起缴费",
                    "payment on " + date + " is before the campaign opens on " + policy.opening());
        }
        if (date.isAfter(policy.finalCutoff())) {
            return refuse(Code.AFTER_FINAL_CUTOFF, date + "已过最终缴费截止日" + policy.finalCutoff(),
                    "payment on " + date + " is after the final cutoff " + policy.finalCutoff());
        }
        return refuse(Code.WINDOW_CLOSED, date + "不在任何可缴费期内"
                        + window.map(w -> "（" + label(w) + "不收费）").orElse(""),
                "no payment window takes payments on " + date);
    }

    private static String describeStart(CoverStart rule) {
        return rule.kind() == CoverStart.Kind.PAYMENT_DATE_PLUS_DAYS && rule.amount() == 1
                ? "待遇自缴费次日起" : rule.describeZh();
    }

    private static QuoteRefusedException refuse(Code code, String zh, String en) {
        return new QuoteRefusedException(code, zh, en);
    }

    private static String tierZh(int tier) {
        return switch (tier) {
            case 1 -> "一档";
            case 2 -> "二档";
            default -> tier + "档";
        };
    }

    private static String orDash(Object o) {
        return o == null ? "—" : o.toString();
    }

    /** Chinese names of the window codes used in policy documents (docs/policy-format.md); other codes as written. */
    private static final java.util.Map<String, String> WINDOW_LABELS = java.util.Map.of(
            "CONCENTRATED", "集中缴费期",
            "GRACE", "宽限期",
            "STANDARD_WAITING", "标准缴费期（有等待期）",
            "FULL_COST", "全额缴费期",
            NEWBORN_WINDOW, "新生儿参保期");

    static String label(PaymentWindow w) {
        return WINDOW_LABELS.getOrDefault(w.name(), w.name() + "缴费期");
    }
}
