package cn.canbao.policy.boundary;

import cn.canbao.platform.boundary.Callers;
import cn.canbao.region.boundary.Regions;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.policy.control.PolicyJson;
import cn.canbao.policy.entity.QuoteEngine;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PolicyFormatException;
import cn.canbao.policy.entity.PolicyValidationException;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRefusedException;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.StoredPolicy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The campaign policies of every district: listed, read, replaced at run time (no redeploy) and asked for quotes.
 * A replaced policy takes effect for the next quote; every change is audited with the document before and after.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX,
        Roles.SUPERVISOR, Roles.OPERATOR, Roles.INTEGRATION})
public class Policies {

    /** A line of the policy list. */
    public record Summary(String policyId, String regionCode, int insuranceYear, String name) {
    }

    /** The outcome of a PUT: whether the policy is new, and the stored version. */
    public record Saved(boolean created, Policy policy) {
    }

    /** Parsed policies by id and version: parsing a document is far dearer than a quote. */
    private static final Map<String, Map.Entry<Long, Policy>> PARSED = new ConcurrentHashMap<>();

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Callers callers;

    @Inject
    Regions regions;

    private final PolicyJson json = new PolicyJson();

    public List<Summary> list() {
        return em.createNamedQuery(StoredPolicy.ALL, StoredPolicy.class).getResultList().stream()
                .map(p -> new Summary(p.getPolicyId(), p.getRegionCode(), p.getInsuranceYear(), p.getName()))
                .toList();
    }

    /** The policy document as JSON text, exactly as stored. */
    public String document(String policyId) {
        return stored(policyId).getDocument();
    }

    public Policy policy(String policyId) {
        StoredPolicy stored = stored(policyId);
        Map.Entry<Long, Policy> cached = PARSED.get(policyId);
        if (cached != null && cached.getKey() == stored.getVersion()) {
            return cached.getValue();
        }
        Policy parsed = json.read(stored.getDocument());
        PARSED.put(policyId, Map.entry(stored.getVersion(), parsed));
        return parsed;
    }

    /**
     * Creates or replaces a policy from its JSON document. Refused without any change: malformed JSON (400), a
     * document whose policyId differs from the path (400), a document that fails the load checks (422, every
     * offending row named).
     */
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Saved put(String policyId, String document) {
        Policy policy = parse(document);
        if (!policyId.equals(policy.policyId())) {
            throw ProblemException.badRequest("POLICY_ID_MISMATCH",
                    "路径中的政策编号 " + policyId + " 与文档中的 " + policy.policyId() + " 不一致",
                    "policy id " + policyId + " in the path differs from " + policy.policyId() + " in the document",
                    List.of(new FieldError("policyId", "must be " + policyId)));
        }
        StoredPolicy existing = em.find(StoredPolicy.class, policyId);
        requireOwnArea(policy.regionCode());
        if (existing != null) {
            requireOwnArea(existing.getRegionCode());
        }
        String normalized = json.write(policy);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String actor = audit.currentActor();
        if (existing == null) {
            em.persist(new StoredPolicy(policy, normalized, now, actor));
            audit.record("POLICY_CREATED", "policy", policyId, null, normalized, policy.name());
            return new Saved(true, policy);
        }
        String before = existing.getDocument();
        existing.replaceWith(policy, normalized, now, actor);
        audit.record("POLICY_REPLACED", "policy", policyId, before, normalized, policy.name());
        return new Saved(false, policy);
    }

    /** Whether the caller may create or replace this policy: its pooling region lies in the caller's area. */
    public boolean callerMayEdit(String policyId) {
        StoredPolicy stored = em.find(StoredPolicy.class, policyId);
        return stored != null && callers.isCallerInRole(Roles.DISTRICT_ADMIN)
                && regions.isWithin(stored.getRegionCode(), callers.current().getRegionCode());
    }

    /** A district edits its own policies only (../shared/spec/DOMAIN.md §6): 403 POLICY_OUTSIDE_AREA otherwise. */
    private void requireOwnArea(String regionCode) {
        String own = callers.current().getRegionCode();
        if (!regions.isWithin(regionCode, own)) {
            throw ProblemException.forbidden("POLICY_OUTSIDE_AREA", "统筹区 " + regionCode + " 的政策不在您的辖区（" + own + "）内，只能查看",
                    "policies of pooling region " + regionCode + " lie outside your area (" + own + "): read only");
        }
    }

    /** What a person would pay on a date under this policy (../shared/spec/API.md, Quote). */
    public Quote quote(String policyId, QuoteRequest request) {
        Policy policy = policy(policyId);
        try {
            return new QuoteEngine(clock).quote(policy, request);
        } catch (QuoteRefusedException refused) {
            throw ProblemException.unprocessable(refused.code().name(), refused.messageZh(), refused.messageEn());
        }
    }

    /** A quote, or why the policy takes no such payment; refusals are answers here, not errors. */
    public record QuoteOutcome(Quote quote, QuoteRefusedException.Code refusal, String messageZh, String messageEn) {
        public boolean refused() {
            return quote == null;
        }
    }

    /**
     * Like {@link #quote} but reports a refusal as a value: for callers that decide what a refusal means to them (an
     * enrollment registered before the campaign opens has no amount due yet). Throwing across this boundary would
     * mark the caller's transaction for rollback.
     */
    public QuoteOutcome tryQuote(String policyId, QuoteRequest request) {
        return tryQuote(policy(policyId), request);
    }

    /** {@link #tryQuote(String, QuoteRequest)} with the policy already read (a bulk payment prices many with one). */
    public QuoteOutcome tryQuote(Policy policy, QuoteRequest request) {
        try {
            return new QuoteOutcome(new QuoteEngine(clock).quote(policy, request), null, null, null);
        } catch (QuoteRefusedException refused) {
            return new QuoteOutcome(null, refused.code(), refused.messageZh(), refused.messageEn());
        }
    }

    private Policy parse(String document) {
        try {
            return json.read(document);
        } catch (PolicyFormatException e) {
            throw ProblemException.badRequest("POLICY_MALFORMED",
                    "政策文档格式错误：" + e.getMessage(), "malformed policy document: " + e.getMessage(),
                    List.of(new FieldError(e.path(), e.getMessage())));
        } catch (PolicyValidationException e) {
            List<FieldError> errors = e.violations().stream()
                    .map(v -> new FieldError(v.where(), v.rule() + ": " + v.messageZh() + " / " + v.messageEn()))
                    .toList();
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "POLICY_INVALID",
                    "政策文档未通过校验，共 " + errors.size() + " 处问题：" + errors.get(0).field() + " " + errors.get(0).message(),
                    "the policy document fails " + errors.size() + " check(s), first: " + errors.get(0).field(),
                    errors);
        }
    }

    private StoredPolicy stored(String policyId) {
        StoredPolicy stored = policyId == null ? null : em.find(StoredPolicy.class, policyId);
        if (stored != null && cn.canbao.platform.boundary.ClusterMode.enabled()) {
            // several nodes: another node may have replaced the policy since this node's shared cache read it — the
            // version column says (one indexed read); a changed policy is read afresh, bypassing the cache
            Object current = em.createNativeQuery("select version from canbao.policy where policy_id = ?1")
                    .setParameter(1, policyId).getResultList().stream().findFirst().orElse(null);
            if (current == null || ((Number) current).longValue() != stored.getVersion()) {
                stored = em.find(StoredPolicy.class, policyId, java.util.Map.of("jakarta.persistence.cache.retrieveMode",
                        jakarta.persistence.CacheRetrieveMode.BYPASS));
                if (stored != null) {
                    em.refresh(stored);
                }
            }
        }
        if (stored == null) {
            throw ProblemException.notFound("POLICY_UNKNOWN", "未知的政策编号 " + policyId, "unknown policy " + policyId);
        }
        return stored;
    }
}
