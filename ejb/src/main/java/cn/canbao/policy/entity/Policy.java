package cn.canbao.policy.entity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One pooling region's rules for one insurance year (年度参保政策), as entered from the notice. Every number and
 * date lives here, none in code. {@code fiscalSubsidy} is null when the notice does not state it; {@code continuity}
 * and {@code incentive} are null for a notice without continuous-enrollment rules (before 2025).
 */
public record Policy(String policyId, String regionCode, int insuranceYear, String name, List<Tier> tiers,
                     BigDecimal fiscalSubsidy, List<PaymentWindow> windows, LocalDate finalCutoff,
                     List<Exemption> exemptions, NewbornRule newborn, CollegeRule college,
                     List<CatalogueEntry> catalogue, List<Milestone> milestones, List<ScoringRule> villageScoring,
                     List<String> reporting, List<String> notes, TargetCounting targetCounting,
                     ContinuityRule continuity, IncentiveRule incentive) {

    /** A policy without continuous-enrollment rules (every notice before 2025). */
    public Policy(String policyId, String regionCode, int insuranceYear, String name, List<Tier> tiers,
                  BigDecimal fiscalSubsidy, List<PaymentWindow> windows, LocalDate finalCutoff,
                  List<Exemption> exemptions, NewbornRule newborn, CollegeRule college,
                  List<CatalogueEntry> catalogue, List<Milestone> milestones, List<ScoringRule> villageScoring,
                  List<String> reporting, List<String> notes, TargetCounting targetCounting) {
        this(policyId, regionCode, insuranceYear, name, tiers, fiscalSubsidy, windows, finalCutoff, exemptions, newborn,
                college, catalogue, milestones, villageScoring, reporting, notes, targetCounting, null, null);
    }

    public Policy {
        targetCounting = targetCounting == null ? TargetCounting.PAID_ONLY : targetCounting;
        tiers = List.copyOf(tiers);
        fiscalSubsidy = Yuan.of(fiscalSubsidy);
        windows = List.copyOf(windows);
        exemptions = List.copyOf(exemptions);
        catalogue = List.copyOf(catalogue);
        milestones = List.copyOf(milestones);
        villageScoring = List.copyOf(villageScoring);
        reporting = List.copyOf(reporting);
        notes = List.copyOf(notes);
    }

    /** The same policy with other continuous-enrollment rules (an operator's edit). */
    public Policy withContinuity(ContinuityRule rule, IncentiveRule incentiveRule) {
        return new Policy(policyId, regionCode, insuranceYear, name, tiers, fiscalSubsidy, windows, finalCutoff,
                exemptions, newborn, college, catalogue, milestones, villageScoring, reporting, notes, targetCounting,
                rule, incentiveRule);
    }

    /**
     * Whether a person's groups can change a quote of this policy: an exemption naming groups, a continuity rule
     * exempting groups, or a college rule for graduates or freshmen. Paths pricing real payments read a person's
     * groups only then (no statement for the other policies).
     */
    public boolean readsGroups() {
        return readsGroups(ResidentType.COLLEGE_STUDENT);
    }

    /** {@link #readsGroups()} for a person of this type: the college rule reads groups of college students only. */
    public boolean readsGroups(ResidentType type) {
        return exemptions.stream().anyMatch(e -> !e.groups().isEmpty())
                || (continuity != null && !continuity.exemptGroups().isEmpty())
                || (type == ResidentType.COLLEGE_STUDENT && college != null
                && (college.graduateCoverTo() != null || college.freshmanCoverStart() != null));
    }

    public Optional<Tier> tier(int number) {
        return tiers.stream().filter(t -> t.tier() == number).findFirst();
    }

    public Optional<CatalogueEntry> category(String code) {
        return catalogue.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public LocalDate yearStart() {
        return LocalDate.of(insuranceYear, 1, 1);
    }

    public LocalDate yearEnd() {
        return LocalDate.of(insuranceYear, 12, 31);
    }

    /** First day any payment is taken. */
    public LocalDate opening() {
        return windows.stream().map(PaymentWindow::from).min(Comparator.naturalOrder()).orElse(yearStart());
    }

    /** Last day the campaign's rules reach: the latest cover end, exemption or cutoff, at least 31 Dec. */
    public LocalDate campaignEnd() {
        LocalDate end = yearEnd();
        for (PaymentWindow w : windows) {
            end = later(end, w.coverEnd());
        }
        for (Exemption e : exemptions) {
            end = later(end, e.to());
        }
        if (college != null) {
            end = later(end, college.coverTo());
            end = later(end, college.graduateCoverTo());
        }
        return later(end, finalCutoff);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
