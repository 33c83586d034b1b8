package cn.canbao.campaign.boundary;

import cn.canbao.platform.boundary.Callers;
import cn.canbao.region.boundary.Regions;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.NativeValues;
import cn.canbao.policy.boundary.Policies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The village results and unpaid lists frozen at a deadline by the job {@code campaign-deadline-rollover}. Without
 * {@code asOf}: the latest date frozen for the policy.
 */
@Stateless
@RolesAllowed({Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.OPERATOR})
public class VillageResults {

    /** One village under one scoring rule ({@code rule} empty when the policy scores nothing). */
    public record Result(String regionCode, LocalDate asOf, String rule, long target, long counted, BigDecimal rate,
                         BigDecimal fundingPerPerson, BigDecimal townFundingPerPerson, BigDecimal villageFundingPerPerson,
                         BigDecimal scoreChange, boolean interview) {
    }

    /** A line of a village's frozen unpaid list. */
    public record Unpaid(String regionCode, LocalDate asOf, long enrollmentId, String idNumber, String name, String phone,
                         int tier, BigDecimal amountDue) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    Regions regions;

    @Inject
    Callers callers;

    public List<Result> results(String policyId, LocalDate asOf) {
        LocalDate date = date(policyId, asOf);
        List<Result> results = new ArrayList<>();
        if (date == null) {
            return results;
        }
        for (Object o : em.createNativeQuery("select region_code, rule, target, counted, rate, funding_per_person,"
                        + " town_funding_per_person, village_funding_per_person, score_change, interview from canbao.village_result"
                        + " where policy_id = ?1 and as_of = ?2 order by region_code, rule")
                .setParameter(1, policyId).setParameter(2, date).getResultList()) {
            Object[] r = (Object[]) o;
            if (!regions.callerMaySee((String) r[0])) {
                continue; // another area's village
            }
            results.add(new Result((String) r[0], date, (String) r[1], ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                    (BigDecimal) r[4], (BigDecimal) r[5], (BigDecimal) r[6], (BigDecimal) r[7], (BigDecimal) r[8],
                    Boolean.TRUE.equals(r[9])));
        }
        return results;
    }

    /** The unpaid list of the villages at or below {@code regionCode} (default: the caller's region), inside the caller's area. */
    public List<Unpaid> unpaid(String policyId, LocalDate asOf, String regionCode) {
        String area = regionCode == null ? callers.current().getRegionCode() : regionCode;
        if (!regions.callerMaySee(area)) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "无权查看辖区 " + area + " 的未缴费名单",
                    "region " + area + " is outside your area");
        }
        regionCode = area;
        LocalDate date = date(policyId, asOf);
        List<Unpaid> lines = new ArrayList<>();
        if (date == null) {
            return lines;
        }
        for (Object o : em.createNativeQuery("select region_code, enrollment_id, masked_id_number, name, phone, tier, amount_due"
                        + " from canbao.unpaid_list where policy_id = ?1 and as_of = ?2 and region_code like ?3"
                        + " order by region_code, enrollment_id")
                .setParameter(1, policyId).setParameter(2, date).setParameter(3, (regionCode == null ? "" : regionCode) + "%")
                .getResultList()) {
            Object[] r = (Object[]) o;
            lines.add(new Unpaid((String) r[0], date, ((Number) r[1]).longValue(), (String) r[2], (String) r[3],
                    (String) r[4], ((Number) r[5]).intValue(), (BigDecimal) r[6]));
        }
        return lines;
    }

    private LocalDate date(String policyId, LocalDate asOf) {
        if (policies.list().stream().noneMatch(s -> s.policyId().equals(policyId))) {
            throw ProblemException.notFound("POLICY_UNKNOWN", "未知的政策编号 " + policyId, "unknown policy " + policyId);
        }
        if (asOf != null) {
            return asOf;
        }
        Object latest = em.createNativeQuery("select max(as_of) from canbao.village_result where policy_id = ?1")
                .setParameter(1, policyId).getSingleResult();
        return NativeValues.localDate(latest);
    }
}
