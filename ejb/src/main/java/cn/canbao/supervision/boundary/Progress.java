package cn.canbao.supervision.boundary;

import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.ScoringRule;
import cn.canbao.region.boundary.Regions;
import cn.canbao.region.entity.Region;
import cn.canbao.region.entity.RegionLevel;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaign progress against the targets, one row per child region (district → towns, town → villages; a village is
 * its own single row): target, enrolled (a standing payment for the policy's year), rate in percent, rank by rate, and
 * for villages the policy's scoring bands (incentive funding, score change, interview) that the rate reaches now.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.OPERATOR,
        Roles.INTEGRATION, Roles.TAX, Roles.DEPARTMENT})
public class Progress {

    /** What the village's current rate would earn under one of the policy's scoring rules. */
    public record Score(String rule, BigDecimal fundingPerPerson, BigDecimal townFundingPerPerson,
                        BigDecimal villageFundingPerPerson, BigDecimal scoreChange, boolean interview) {
    }

    /**
     * One line of the progress table (../shared/spec/API.md: regionCode, regionName, target, enrolled, rate, rank).
     * {@code enrolled} is what counts toward the target under the policy's {@code targetCounting}: the {@code paid}
     * plus, where the notice counts them, the {@code insuredOtherwise} (employee insurance, insured elsewhere);
     * {@code goalPercent} is the policy's participation goal for all residents and {@code goalMet} whether the rate
     * reaches it (null when the policy sets none or the region has no target); {@code supervisionGroup} the 督导组
     * watching the village (for a town: those watching its villages).
     */
    public record Row(String regionCode, String regionName, String level, long target, long enrolled,
                      BigDecimal rate, int rank, List<Score> scoring, long paid, long insuredOtherwise,
                      BigDecimal goalPercent, Boolean goalMet, String supervisionGroup, long excluded) {
    }

    /** Where the region stood at the end of one week of the campaign: enrolled so far against its target. */
    public record Week(LocalDate weekEnding, long enrolled, long target, BigDecimal rate) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Policies policies;

    @Inject
    Regions regions;

    @Inject
    Enrollments enrollments;

    @Inject
    Callers callers;

    @Inject
    SupervisionGroups groups;

    public List<Row> byChildRegion(String policyId, String regionCode) {
        return rows(policy(policyId), visibleRegion(regionCode));
    }

    /** Where a region stands: its own row, and its rank among the regions beside it (of how many), or 0 of 0 at the top. */
    public record Standing(Row row, int rank, int of, String among) {
    }

    /**
     * The region's own figures and its rank among its parent's children (a village among its town's villages, a town
     * among the district's towns), for the home page: only the rank and the count are told of the others, so a clerk
     * learns where the village stands without seeing the other villages' figures.
     */
    public Standing standing(String policyId, String regionCode) {
        Policy policy = policy(policyId);
        Region region = visibleRegion(regionCode);
        Region parent = region.getParentCode() == null ? null : regions.find(region.getParentCode()).orElse(null);
        if (parent == null || parent.getLevel() == RegionLevel.PROVINCE) {
            List<Row> own = rows(policy, region);
            long target = own.stream().mapToLong(Row::target).sum();
            long enrolled = own.stream().mapToLong(Row::enrolled).sum();
            long paid = own.stream().mapToLong(Row::paid).sum();
            long otherwise = own.stream().mapToLong(Row::insuredOtherwise).sum();
            long excluded = own.stream().mapToLong(Row::excluded).sum();
            long base = Math.max(0, target - excluded);
            BigDecimal rate = base == 0 ? null : BigDecimal.valueOf(enrolled).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(base), 2, RoundingMode.HALF_UP);
            Row row = region.getLevel() == RegionLevel.VILLAGE ? own.get(0) : new Row(region.getCode(), region.getName(),
                    region.getLevel().name(), target, enrolled, rate, 0, List.of(), paid, otherwise, null, null, null, excluded);
            return new Standing(row, 0, 0, null);
        }
        List<Row> siblings = rows(policy, parent);
        Row row = siblings.stream().filter(r -> r.regionCode().equals(region.getCode())).findFirst().orElseThrow();
        return new Standing(row, row.rank(), (int) siblings.stream().filter(r -> r.rate() != null).count(), parent.getName());
    }

    /** What the area took on one business day for the policy: payments (count), and the money net of that day's reversals. */
    public record Day(LocalDate date, long payments, BigDecimal amount) {
    }

    /** The area's collections on the business date (today's figures of the home page). */
    public Day today(String policyId, String regionCode) {
        Policy policy = policy(policyId);
        List<String> villages = regions.villagesUnder(visibleRegion(regionCode).getCode());
        LocalDate today = LocalDate.now(clock);
        if (villages.isEmpty()) {
            return new Day(today, 0, BigDecimal.ZERO.setScale(2));
        }
        String where = " from Payment p, Enrollment e where e.id = p.enrollmentId and p.policyId = :policy"
                + " and p.businessDate = :day and e.regionCode in :villages and p.kind in :kinds";
        long payments = em.createQuery("select count(p)" + where, Long.class).setParameter("policy", policy.policyId())
                .setParameter("day", today).setParameter("villages", villages)
                .setParameter("kinds", List.of(cn.canbao.collection.entity.Payment.Kind.PAYMENT)).getSingleResult();
        BigDecimal amount = em.createQuery("select sum(p.amount)" + where, BigDecimal.class).setParameter("policy", policy.policyId())
                .setParameter("day", today).setParameter("villages", villages)
                .setParameter("kinds", List.of(cn.canbao.collection.entity.Payment.Kind.PAYMENT, cn.canbao.collection.entity.Payment.Kind.REVERSAL))
                .getSingleResult();
        return new Day(today, payments, (amount == null ? BigDecimal.ZERO : amount).setScale(2, RoundingMode.HALF_UP));
    }

    private List<Row> rows(Policy policy, Region region) {
        String code = region.getCode();

        Map<String, List<Region>> childrenOf = new HashMap<>();
        for (Region r : em.createQuery("select r from Region r order by r.code", Region.class).getResultList()) {
            if (r.getParentCode() != null && !r.isRetired()) {
                childrenOf.computeIfAbsent(r.getParentCode(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Long> targets = regions.targets(policy.policyId());
        Map<String, Long> paid = enrollments.paidByRegion(policy.policyId());
        Map<String, Long> otherwise = enrollments.insuredOtherwiseByRegion(policy.policyId(), policy.targetCounting().alsoCounts());
        Map<String, Long> signedOut = enrollments.signedOutByRegion(policy.policyId(), policy.targetCounting().excludes());
        BigDecimal goal = policy.targetCounting().allGoalPercent();
        Map<String, String> groupOf = groups.byVillage();

        List<Region> rowsFor = region.getLevel() == RegionLevel.VILLAGE ? List.of(region) : childrenOf.getOrDefault(code, List.of());
        List<Row> rows = new ArrayList<>();
        for (Region child : rowsFor) {
            long target = 0;
            long paidHere = 0;
            long otherwiseHere = 0;
            long excludedHere = 0;
            java.util.Set<String> groupNames = new java.util.TreeSet<>();
            for (String village : villagesUnder(child, childrenOf)) {
                if (groupOf.containsKey(village)) {
                    groupNames.add(groupOf.get(village));
                }
                target += targets.getOrDefault(village, 0L);
                paidHere += paid.getOrDefault(village, 0L);
                otherwiseHere += otherwise.getOrDefault(village, 0L);
                excludedHere += signedOut.getOrDefault(village, 0L);
            }
            long done = paidHere + otherwiseHere;
            // a signed reason the notice takes out of the target leaves the denominator, never below nothing
            long base = Math.max(0, target - excludedHere);
            BigDecimal rate = base == 0 ? null
                    : BigDecimal.valueOf(done).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(base), 2, RoundingMode.HALF_UP);
            List<Score> scoring = child.getLevel() == RegionLevel.VILLAGE && rate != null ? scores(policy, rate) : List.of();
            rows.add(new Row(child.getCode(), child.getName(), child.getLevel().name(), target, done, rate, 0, scoring,
                    paidHere, otherwiseHere, goal, goal == null || rate == null ? null : rate.compareTo(goal) >= 0,
                    groupNames.isEmpty() ? null : String.join("、", groupNames), excludedHere));
        }
        return ranked(rows);
    }

    /**
     * The campaign week by week (周报): for each week from the policy's opening to today (or its final cutoff, if
     * earlier), how many of the region's residents had paid by its end (the payment that stands now, by its business
     * date: {@code enrollment.paid_on}), against the region's target. Same region rules as {@link #byChildRegion}.
     */
    public List<Week> weekly(String policyId, String regionCode) {
        Policy policy = policy(policyId);
        List<String> villages = regions.villagesUnder(visibleRegion(regionCode).getCode());
        if (villages.isEmpty()) {
            return List.of();
        }
        Map<String, Long> targets = regions.targets(policy.policyId());
        long target = villages.stream().mapToLong(v -> targets.getOrDefault(v, 0L)).sum();
        java.util.TreeMap<LocalDate, Long> perDay = new java.util.TreeMap<>(enrollments.paidByDay(policy.policyId(), villages));
        return weeks(policy.opening(), lastDay(policy), perDay, target);
    }

    private Policy policy(String policyId) {
        if (policyId == null || policyId.isBlank()) {
            throw ProblemException.badRequest("POLICY_REQUIRED", "请指定年度政策 policyId", "policyId is required",
                    List.of(new ProblemException.FieldError("policyId", "必填 / required")));
        }
        return policies.policy(policyId.trim());
    }

    /** The region asked for (the caller's own when none is given): 404 unknown, 403 outside the caller's area. */
    private Region visibleRegion(String regionCode) {
        String code = regionCode == null || regionCode.isBlank() ? callers.current().getRegionCode() : regionCode.trim();
        Region region = regions.find(code).orElseThrow(() -> ProblemException.notFound("REGION_UNKNOWN",
                "未知的行政区划代码 " + code, "unknown region code " + code));
        if (!regions.callerMaySee(code)) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "无权查看辖区 " + code, "region " + code + " is outside your area");
        }
        return region;
    }

    private LocalDate lastDay(Policy policy) {
        LocalDate today = LocalDate.now(clock);
        return policy.finalCutoff() != null && policy.finalCutoff().isBefore(today) ? policy.finalCutoff() : today;
    }

    /** Cumulative counts at the end of each 7-day week from {@code opening}; payments dated before it count in week one. */
    static List<Week> weeks(LocalDate opening, LocalDate last, java.util.NavigableMap<LocalDate, Long> perDay, long target) {
        List<Week> weeks = new ArrayList<>();
        if (opening == null || last.isBefore(opening)) {
            return weeks;
        }
        long enrolled = perDay.headMap(opening, false).values().stream().mapToLong(Long::longValue).sum();
        LocalDate start = opening;
        while (!start.isAfter(last)) {
            LocalDate end = start.plusDays(6).isAfter(last) ? last : start.plusDays(6);
            enrolled += perDay.subMap(start, true, end, true).values().stream().mapToLong(Long::longValue).sum();
            BigDecimal rate = target == 0 ? null : BigDecimal.valueOf(enrolled).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(target), 2, RoundingMode.HALF_UP);
            weeks.add(new Week(end, enrolled, target, rate));
            start = start.plusDays(7);
        }
        return weeks;
    }


    /** Competition ranking by rate, highest first (1, 2, 2, 4); regions without a target come last, unranked (0). */
    static List<Row> ranked(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::rate, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Row::regionCode));
        List<Row> result = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Row row = sorted.get(i);
            int rank = 0;
            if (row.rate() != null) {
                rank = i > 0 && row.rate().equals(sorted.get(i - 1).rate()) ? result.get(i - 1).rank() : i + 1;
            }
            result.add(new Row(row.regionCode(), row.regionName(), row.level(), row.target(), row.enrolled(),
                    row.rate(), rank, row.scoring(), row.paid(), row.insuredOtherwise(), row.goalPercent(), row.goalMet(),
                    row.supervisionGroup(), row.excluded()));
        }
        return result;
    }

    private static List<Score> scores(Policy policy, BigDecimal rate) {
        List<Score> scores = new ArrayList<>();
        for (ScoringRule rule : policy.villageScoring()) {
            rule.bandFor(rate).ifPresent(band -> scores.add(new Score(rule.name(), band.fundingPerPerson(),
                    band.townFundingPerPerson(), band.villageFundingPerPerson(), band.scoreChange(), band.interview())));
        }
        return scores;
    }

    private static List<String> villagesUnder(Region region, Map<String, List<Region>> childrenOf) {
        if (region.getLevel() == RegionLevel.VILLAGE) {
            return List.of(region.getCode());
        }
        List<String> villages = new ArrayList<>();
        for (Region child : childrenOf.getOrDefault(region.getCode(), List.of())) {
            villages.addAll(villagesUnder(child, childrenOf));
        }
        return villages;
    }
}
