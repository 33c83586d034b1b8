package cn.canbao.supervision.boundary;

import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.Policy;
import cn.canbao.region.boundary.Regions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The subsidy ledger (资助参保台账, DOMAIN.md §9, API.md "Ledgers") of a policy over an area: for each category of the
 * policy's catalogue, the residents of the area holding a valid identity of it (valid at some day of the category's
 * validity), how many of them are enrolled and how many have paid, the subsidy and personal amounts their payments
 * froze under that category (net of reversals), and who has not paid yet — the list a town works through like the
 * unpaid list. Set-based SQL over identities, persons, enrollments and payments (the joins are listed in
 * TableHomesTest with their reason).
 */
@Stateless
@RolesAllowed({Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.DEPARTMENT})
public class SubsidyLedger {

    /** A category's line of the ledger. */
    public record Line(String subsidyCode, String name, String certifyingDepartment, String fundingDepartment,
                       long holders, long enrolled, long paid, BigDecimal subsidyAmount, BigDecimal personalAmount,
                       long notEnrolled) {
    }

    /** A holder without a paid enrollment; the ID number masked. */
    public record NotEnrolled(String idNumber, String name, String regionCode, String subsidyCode, String phone) {
    }

    /** A page of the not-enrolled and how many there are in all. */
    public record NotEnrolledPage(List<NotEnrolled> persons, long total) {
    }

    /**
     * A paid enrollment: a payment of the policy that no reversal took back — found through the person's enrollment
     * (unique per person and year) and the payments of that enrollment (indexed), never by scanning the payments.
     */
    private static final String PAID = "exists (select 1 from canbao.enrollment pe join canbao.payment x on x.enrollment_id = pe.id"
            + " where pe.person_id = %s and pe.policy_id = ?1 and x.kind = 'PAYMENT'"
            + " and not exists (select 1 from canbao.payment r where r.reverses_id = x.id))";

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    Regions regions;

    @Inject
    Callers callers;

    /**
     * The ledger of the policy's catalogue over the region's villages (the caller's own region when none is named); a
     * department's account sees the categories its department certifies or funds only.
     */
    @RolesAllowed({Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.SUPERVISOR, Roles.DEPARTMENT})
    public List<Line> ledger(String policyId, String regionCode) {
        Policy policy = policy(policyId);
        List<String> villages = villages(regionCode);
        List<Line> lines = new ArrayList<>();
        java.util.function.Predicate<CatalogueEntry> own = ownCategories();
        for (CatalogueEntry entry : policy.catalogue()) {
            if (!own.test(entry)) {
                continue;
            }
            long holders = 0;
            long enrolled = 0;
            long paid = 0;
            BigDecimal subsidy = BigDecimal.ZERO.setScale(2);
            BigDecimal personal = BigDecimal.ZERO.setScale(2);
            if (!villages.isEmpty()) {
                Query counts = em.createNativeQuery("select count(*),"
                        + " coalesce(sum(case when exists (select 1 from canbao.enrollment e where e.person_id = h.person_id"
                        + " and e.policy_id = ?1 and e.status not in ('CANCELLED', 'REFUNDED')) then 1 else 0 end), 0),"
                        + " coalesce(sum(case when " + PAID.formatted("h.person_id") + " then 1 else 0 end), 0)"
                        + " from (select distinct i.person_id from canbao.subsidy_identity i join canbao.person p on p.id = i.person_id"
                        + " where i.code = ?2 and i.valid_from <= ?3 and (i.valid_to is null or i.valid_to >= ?4)"
                        + " and p.household_region_code in (" + in(villages, 5) + ")) h");
                bindWindow(counts, policy, entry);
                bind(counts, villages, 5);
                Object[] c = (Object[]) counts.getSingleResult();
                holders = ((Number) c[0]).longValue();
                enrolled = ((Number) c[1]).longValue();
                paid = ((Number) c[2]).longValue();
                Query amounts = em.createNativeQuery("select coalesce(sum(x.subsidy_amount), 0), coalesce(sum(x.personal_amount), 0)"
                        + " from canbao.payment x join canbao.person p on p.id = x.person_id"
                        + " where x.policy_id = ?1 and x.subsidy_code = ?2 and p.household_region_code in (" + in(villages, 3) + ")")
                        .setParameter(1, policy.policyId()).setParameter(2, entry.code());
                bind(amounts, villages, 3);
                Object[] a = (Object[]) amounts.getSingleResult();
                subsidy = money(a[0]);
                personal = money(a[1]);
            }
            lines.add(new Line(entry.code(), entry.name(), entry.certifyingDepartment(), entry.fundingDepartment(),
                    holders, enrolled, paid, subsidy, personal, holders - paid));
        }
        return lines;
    }

    /**
     * The holders of a valid identity of the policy's catalogue (of one category when {@code subsidyCode} is given)
     * in the region's villages who have not paid, by village and name, a page at a time, with the total.
     */
    @RolesAllowed({Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN}) // persons: not for supervisors (docs/access.md)
    public NotEnrolledPage notEnrolled(String policyId, String regionCode, String subsidyCode, int first, int max) {
        Policy policy = policy(policyId);
        List<String> villages = villages(regionCode);
        List<CatalogueEntry> entries = policy.catalogue().stream()
                .filter(e -> subsidyCode == null || subsidyCode.isBlank() || e.code().equals(subsidyCode.trim())).toList();
        if (subsidyCode != null && !subsidyCode.isBlank() && entries.isEmpty()) {
            throw ProblemException.badRequest("SUBSIDY_CODE_UNKNOWN", "政策 " + policy.policyId() + " 的资助目录中没有代码 " + subsidyCode.trim(),
                    "the catalogue of " + policy.policyId() + " has no code " + subsidyCode.trim(),
                    List.of(new ProblemException.FieldError("subsidyCode", "未知 / unknown")));
        }
        if (villages.isEmpty() || entries.isEmpty()) {
            return new NotEnrolledPage(List.of(), 0);
        }
        // one (code, window) condition per category, numbered after ?1 (the policy)
        StringBuilder held = new StringBuilder();
        List<Object> params = new ArrayList<>();
        int n = 2;
        for (CatalogueEntry e : entries) {
            held.append(held.length() == 0 ? "" : " or ").append("(i.code = ?").append(n).append(" and i.valid_from <= ?").append(n + 1)
                    .append(" and (i.valid_to is null or i.valid_to >= ?").append(n + 2).append("))");
            params.add(e.code());
            params.add(java.sql.Date.valueOf(windowEnd(policy, e)));
            params.add(java.sql.Date.valueOf(windowStart(policy, e)));
            n += 3;
        }
        String from = " from canbao.person p where p.household_region_code in (" + in(villages, n) + ")"
                + " and exists (select 1 from canbao.subsidy_identity i where i.person_id = p.id and (" + held + "))"
                + " and not " + PAID.formatted("p.id");
        Query count = em.createNativeQuery("select count(*)" + from);
        Query page = em.createNativeQuery("select p.id_number, p.name, p.household_region_code, p.phone,"
                + " (select min(i.code) from canbao.subsidy_identity i where i.person_id = p.id and (" + held + "))"
                + from + " order by p.household_region_code, p.name, p.id");
        for (Query q : List.of(count, page)) {
            q.setParameter(1, policy.policyId());
            for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 2, params.get(i));
            }
            bind(q, villages, n);
        }
        long total = ((Number) count.getSingleResult()).longValue();
        List<NotEnrolled> persons = new ArrayList<>();
        for (Object o : page.setFirstResult(Math.max(first, 0)).setMaxResults(Math.max(1, max)).getResultList()) {
            Object[] r = (Object[]) o;
            persons.add(new NotEnrolled(IdNumber.mask((String) r[0]), (String) r[1], (String) r[2], (String) r[4], (String) r[3]));
        }
        return new NotEnrolledPage(persons, total);
    }

    /** A category's line of a department's settlement over a period. */
    public record SettlementLine(String subsidyCode, String name, long payments, BigDecimal subsidyPaid, long reversals,
                                 BigDecimal subsidyReversed, BigDecimal subsidyNet) {
    }

    /** What a funding department owes for a period (结算): its categories' subsidies paid, reversals deducted. */
    public record Settlement(String policyId, String department, String regionCode, LocalDate from, LocalDate to,
                             List<SettlementLine> lines, long payments, BigDecimal subsidyPaid, long reversals,
                             BigDecimal subsidyReversed, BigDecimal subsidyNet) {
    }

    /** The departments a policy's catalogue names: each category's funding department, else its certifying one. */
    public List<String> departments(String policyId) {
        return policy(policyId).catalogue().stream().filter(ownCategories()).map(SubsidyLedger::department).distinct().sorted().toList();
    }

    /**
     * Which categories the caller may see: all, except for an account of role department — the categories its
     * department (recorded on the account, else named in its display name, "万州区民政局 刘洋") certifies or funds.
     * A department account that names no department of the catalogue sees none.
     */
    java.util.function.Predicate<CatalogueEntry> ownCategories() {
        if (!callers.isCallerInRole(Roles.DEPARTMENT)) {
            return e -> true;
        }
        cn.canbao.platform.entity.AppUser me = callers.current();
        String department = me.getDepartment();
        if (department != null && !department.isBlank()) {
            return e -> e.concerns(department);
        }
        String name = me.getDisplayName();
        return e -> e.mentionedIn(name);
    }

    /**
     * The settlement of a funding department (a category's funding department, its certifying one when the notice
     * names none) over the business dates {@code from}..{@code to}: for each of its categories the payments recorded
     * in the period and their frozen subsidy, the reversals recorded in the period and the subsidy they took back,
     * and the net — the sums of the payments' own frozen splits, to the fen.
     */
    @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.SUPERVISOR})
    public Settlement settlement(String policyId, String department, LocalDate from, LocalDate to, String regionCode) {
        Policy policy = policy(policyId);
        List<ProblemException.FieldError> errors = new ArrayList<>();
        if (department == null || department.isBlank()) {
            errors.add(new ProblemException.FieldError("department", "必填 / required"));
        }
        if (from == null) {
            errors.add(new ProblemException.FieldError("from", "必填，yyyy-MM-dd / required, yyyy-MM-dd"));
        }
        if (to == null) {
            errors.add(new ProblemException.FieldError("to", "必填，yyyy-MM-dd / required, yyyy-MM-dd"));
        }
        if (from != null && to != null && to.isBefore(from)) {
            errors.add(new ProblemException.FieldError("to", "不得早于起始日 / not before from"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("INVALID_INPUT", "结算需要出资部门和起止日期", "a settlement needs a department and a period", errors);
        }
        String dept = department.trim();
        List<CatalogueEntry> entries = policy.catalogue().stream().filter(e -> department(e).equals(dept)).toList();
        java.util.function.Predicate<CatalogueEntry> own = ownCategories();
        if (!entries.isEmpty() && entries.stream().noneMatch(own)) {
            throw ProblemException.forbidden("DEPARTMENT_NOT_YOURS", "只能查看本部门（" + callers.current().getDisplayName()
                    + "）出资的资助类别的结算，不能查看 " + dept, "a department sees the settlement of its own categories only, not " + dept);
        }
        entries = entries.stream().filter(own).toList();
        if (entries.isEmpty()) {
            throw ProblemException.badRequest("DEPARTMENT_UNKNOWN", "政策 " + policy.policyId() + " 的资助目录中没有出资部门 " + dept,
                    "no category of " + policy.policyId() + " is funded by " + dept,
                    List.of(new ProblemException.FieldError("department", "未知 / unknown")));
        }
        String area = regionCode == null || regionCode.isBlank() ? callers.current().getRegionCode() : regionCode.trim();
        List<String> villages = villages(area);
        List<SettlementLine> lines = new ArrayList<>();
        for (CatalogueEntry e : entries) {
            long payments = 0;
            long reversals = 0;
            BigDecimal paid = BigDecimal.ZERO.setScale(2);
            BigDecimal reversed = BigDecimal.ZERO.setScale(2);
            if (!villages.isEmpty()) {
                Query q = em.createNativeQuery("select x.kind, count(*), coalesce(sum(x.subsidy_amount), 0)"
                        + " from canbao.payment x join canbao.person p on p.id = x.person_id"
                        + " where x.policy_id = ?1 and x.subsidy_code = ?2 and x.business_date between ?3 and ?4"
                        + " and p.household_region_code in (" + in(villages, 5) + ") group by x.kind")
                        .setParameter(1, policy.policyId()).setParameter(2, e.code())
                        .setParameter(3, java.sql.Date.valueOf(from)).setParameter(4, java.sql.Date.valueOf(to));
                bind(q, villages, 5);
                for (Object o : q.getResultList()) {
                    Object[] r = (Object[]) o;
                    if ("PAYMENT".equals(r[0])) {
                        payments = ((Number) r[1]).longValue();
                        paid = money(r[2]);
                    } else {
                        reversals = ((Number) r[1]).longValue();
                        reversed = money(r[2]).negate();
                    }
                }
            }
            lines.add(new SettlementLine(e.code(), e.name(), payments, paid, reversals, reversed, paid.subtract(reversed)));
        }
        return new Settlement(policy.policyId(), dept, area, from, to, lines,
                lines.stream().mapToLong(SettlementLine::payments).sum(),
                lines.stream().map(SettlementLine::subsidyPaid).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add),
                lines.stream().mapToLong(SettlementLine::reversals).sum(),
                lines.stream().map(SettlementLine::subsidyReversed).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add),
                lines.stream().map(SettlementLine::subsidyNet).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
    }

    private static String department(CatalogueEntry e) {
        return e.fundingDepartment() != null && !e.fundingDepartment().isBlank() ? e.fundingDepartment() : e.certifyingDepartment();
    }

    private Policy policy(String policyId) {
        if (policyId == null || policyId.isBlank()) {
            throw ProblemException.badRequest("POLICY_REQUIRED", "请指定年度政策 policyId", "policyId is required",
                    List.of(new ProblemException.FieldError("policyId", "必填 / required")));
        }
        return policies.policy(policyId.trim());
    }

    /** The villages of the region asked for (the caller's own when none is named): 404 unknown, 403 outside the area. */
    private List<String> villages(String regionCode) {
        String code = regionCode == null || regionCode.isBlank() ? callers.current().getRegionCode() : regionCode.trim();
        if (regions.find(code).isEmpty()) {
            throw ProblemException.notFound("REGION_UNKNOWN", "未知的行政区划代码 " + code, "unknown region code " + code);
        }
        if (!regions.callerMaySee(code)) {
            throw ProblemException.forbidden("REGION_NOT_VISIBLE", "无权查看辖区 " + code, "region " + code + " is outside your area");
        }
        return regions.villagesUnder(code);
    }

    /** A category counts an identity valid at some day between its validFrom and validTo (the policy's year when open). */
    private static LocalDate windowStart(Policy policy, CatalogueEntry e) {
        return e.validFrom() != null ? e.validFrom() : LocalDate.of(policy.insuranceYear(), 1, 1);
    }

    private static LocalDate windowEnd(Policy policy, CatalogueEntry e) {
        return e.validTo() != null ? e.validTo() : LocalDate.of(policy.insuranceYear(), 12, 31);
    }

    private static void bindWindow(Query q, Policy policy, CatalogueEntry e) {
        q.setParameter(1, policy.policyId()).setParameter(2, e.code())
                .setParameter(3, java.sql.Date.valueOf(windowEnd(policy, e)))
                .setParameter(4, java.sql.Date.valueOf(windowStart(policy, e)));
    }

    private static String in(List<String> values, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "?" : ", ?").append(from + i);
        }
        return b.toString();
    }

    private static void bind(Query q, List<String> values, int from) {
        for (int i = 0; i < values.size(); i++) {
            q.setParameter(from + i, values.get(i));
        }
    }

    private static BigDecimal money(Object value) {
        return (value instanceof BigDecimal b ? b : new BigDecimal(value.toString())).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
