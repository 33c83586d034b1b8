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
import cn.canbao.policy.entity.PolicyDiff;
import cn.canbao.policy.entity.PolicyLint;
import cn.canbao.policy.entity.PolicyVersion;
import cn.canbao.policy.entity.PolicyYears;
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
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.io.StringReader;
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
    public record Summary(String policyId, String regionCode, int insuranceYear, String name) implements java.io.Serializable {
    }

    /**
     * The outcome of a PUT: whether the policy is new, the stored policy, the number of the version this save appended
     * and the load-time lint's warnings (which never refuse a save).
     */
    public record Saved(boolean created, Policy policy, int version, List<PolicyLint.Warning> warnings) {
    }

    /** A line of a policy's version list: who saved which version when, with the save's note (bilingual "中文 / English"). */
    public record VersionLine(int version, String savedBy, OffsetDateTime savedAt, String note) implements java.io.Serializable {
    }

    /** A page of versions, newest first, with the total. */
    public record VersionPage(List<VersionLine> versions, long total) {
    }

    /** The lint of a policy's current version. */
    public record Lint(String policyId, int version, List<PolicyLint.Warning> warnings) {
    }

    /** What changed from {@code againstId} version {@code againstVersion} to {@code policyId} version {@code version}. */
    public record Comparison(String policyId, int version, String againstId, int againstVersion, boolean aligned,
                             List<PolicyDiff.Change> changes, boolean truncated) {
    }

    /** A drafted policy for another year, not stored: the document, its lint and whether that policy exists already. */
    public record Draft(String policyId, String document, List<PolicyLint.Warning> warnings, boolean exists) {
    }

    /** At most this many changes in one comparison (two whole different policies give a few hundred). */
    public static final int MAX_CHANGES = 2000;

    /** How many years ahead a draft may be made (the ITs draft 2040 from 2024 so as to meet no other test). */
    public static final int MAX_DRAFT_YEARS = 20;

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
        return put(policyId, document, null);
    }

    /**
     * {@link #put(String, String)} with a note kept with the version (at most 200 characters). Every save appends the
     * next version in this transaction, the policy row locked so that two saves never take the same number.
     */
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Saved put(String policyId, String document, String note) {
        if (note != null && note.length() > 200) {
            throw ProblemException.badRequest("INVALID_INPUT", "版本说明至多 200 个字符", "a version note has at most 200 characters",
                    List.of(new FieldError("note", "至多 200 个字符 / at most 200 characters")));
        }
        String versionNote = note == null || note.isBlank() ? null : note.strip();
        Policy policy = parse(document);
        if (!policyId.equals(policy.policyId())) {
            throw ProblemException.badRequest("POLICY_ID_MISMATCH",
                    "路径中的政策编号 " + policyId + " 与文档中的 " + policy.policyId() + " 不一致",
                    "policy id " + policyId + " in the path differs from " + policy.policyId() + " in the document",
                    List.of(new FieldError("policyId", "must be " + policyId)));
        }
        StoredPolicy existing = em.find(StoredPolicy.class, policyId, LockModeType.PESSIMISTIC_WRITE);
        requireOwnArea(policy.regionCode());
        if (existing != null) {
            requireOwnArea(existing.getRegionCode());
        }
        String normalized = json.write(policy);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String actor = audit.currentActor();
        List<PolicyLint.Warning> warnings = PolicyLint.lint(policy, villageTargetSum(policyId));
        if (existing == null) {
            em.persist(new StoredPolicy(policy, normalized, now, actor));
            em.flush(); // the version row refers to the policy row
            int version = appendVersion(policyId, normalized, actor, now, versionNote);
            audit.record("POLICY_CREATED", "policy", policyId, null, normalized, policy.name());
            return new Saved(true, policy, version, warnings);
        }
        String before = existing.getDocument();
        if (latestVersion(policyId) == 0) {
            // stored before versions were kept and missed by the migration: what it was becomes version 1
            appendVersion(policyId, before, existing.getUpdatedBy(), existing.getUpdatedAt(),
                    "开始记录版本时的文档 / the document on record when versions began");
        }
        existing.replaceWith(policy, normalized, now, actor);
        int version = appendVersion(policyId, normalized, actor, now, versionNote);
        audit.record("POLICY_REPLACED", "policy", policyId, before, normalized, policy.name());
        return new Saved(false, policy, version, warnings);
    }

    private int appendVersion(String policyId, String document, String by, OffsetDateTime at, String note) {
        int next = latestVersion(policyId) + 1;
        em.persist(new PolicyVersion(policyId, next, document, by, at, note));
        em.flush();
        return next;
    }

    /** The newest version number of a policy, 0 when none is recorded. */
    private int latestVersion(String policyId) {
        Number latest = em.createNamedQuery(PolicyVersion.LATEST, Number.class).setParameter("policyId", policyId)
                .getSingleResult();
        return latest == null ? 0 : latest.intValue();
    }

    /** The sum of the villages' targets on record for a policy, null when none is recorded. */
    private Long villageTargetSum(String policyId) {
        Map<String, Long> targets = regions.targets(policyId);
        return targets.isEmpty() ? null : targets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The saved versions of a policy, newest first: {@code limit} from {@code offset}, with the total. */
    public VersionPage versions(String policyId, int offset, int limit) {
        stored(policyId); // 404 POLICY_UNKNOWN
        List<VersionLine> lines = em.createNamedQuery(PolicyVersion.OF_POLICY, PolicyVersion.class)
                .setParameter("policyId", policyId).setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(v -> new VersionLine(v.getVersion(), v.getSavedBy(), v.getSavedAt(), v.getNote())).toList();
        long total = em.createNamedQuery(PolicyVersion.COUNT, Long.class).setParameter("policyId", policyId).getSingleResult();
        return new VersionPage(lines, total);
    }

    /** The document of one saved version, exactly as it was stored; 404 POLICY_VERSION_UNKNOWN when there is none. */
    public String versionDocument(String policyId, int version) {
        stored(policyId);
        PolicyVersion v = version < 1 ? null : em.find(PolicyVersion.class, new PolicyVersion.Key(policyId, version));
        if (v == null) {
            throw ProblemException.notFound("POLICY_VERSION_UNKNOWN", "政策 " + policyId + " 没有第 " + version + " 版",
                    "policy " + policyId + " has no version " + version);
        }
        return v.getDocument();
    }

    /**
     * A saved version as a policy. Read without today's load checks: a version is what was accepted when it was saved,
     * and a later, stricter check must not make history unreadable.
     */
    private Policy policyAt(String policyId, int version) {
        try {
            return json.parse(new StringReader(versionDocument(policyId, version)));
        } catch (PolicyFormatException e) {
            throw ProblemException.unprocessable("POLICY_VERSION_UNREADABLE", "政策 " + policyId + " 第 " + version
                    + " 版无法按当前格式读取：" + e.getMessage(), "version " + version + " of " + policyId
                    + " cannot be read in today's format: " + e.getMessage());
        }
    }

    /** The load-time warnings of a policy's current version (docs/policy-format.md, "Lint"). */
    public Lint lint(String policyId) {
        Policy policy = policy(policyId);
        return new Lint(policyId, latestVersion(policyId), PolicyLint.lint(policy, villageTargetSum(policyId)));
    }

    /**
     * Compares {@code againstId} (default: this policy) at {@code againstVersion} with {@code policyId} at {@code version}
     * (default: the newest). Without {@code againstVersion}: the version before {@code version} of the same policy, or
     * the newest of another. {@code aligned}: the older one moved by the difference of the years first.
     */
    public Comparison compare(String policyId, Integer version, String againstId, Integer againstVersion, boolean aligned) {
        stored(policyId);
        String against = againstId == null || againstId.isBlank() ? policyId : againstId.strip();
        stored(against);
        int thisVersion = version == null ? latestVersion(policyId) : version;
        int otherVersion = againstVersion != null ? againstVersion
                : against.equals(policyId) ? Math.max(1, thisVersion - 1) : latestVersion(against);
        Policy mine = version == null && thisVersion == 0 ? policy(policyId) : policyAt(policyId, thisVersion);
        Policy theirs = againstVersion == null && otherVersion == 0 ? policy(against) : policyAt(against, otherVersion);
        List<PolicyDiff.Change> changes = PolicyDiff.compare(theirs, mine, aligned);
        boolean truncated = changes.size() > MAX_CHANGES;
        return new Comparison(policyId, thisVersion, against, otherVersion, aligned,
                truncated ? changes.subList(0, MAX_CHANGES) : changes, truncated);
    }

    /**
     * Next year's policy drafted from this one ({@link PolicyYears}): not stored — the district edits it against the new
     * notice and saves it with {@link #put}. {@code year} defaults to the next insurance year; at most
     * {@value #MAX_DRAFT_YEARS} years ahead. The draft passes the load checks (every date moved alike).
     */
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    public Draft nextYearDraft(String policyId, Integer year) {
        Policy policy = policy(policyId);
        int target = year == null ? policy.insuranceYear() + 1 : year;
        if (target <= policy.insuranceYear() || target > policy.insuranceYear() + MAX_DRAFT_YEARS) {
            throw ProblemException.badRequest("INVALID_INPUT", "年度须在 " + (policy.insuranceYear() + 1) + " 至 "
                            + (policy.insuranceYear() + MAX_DRAFT_YEARS) + " 之间",
                    "year must be from " + (policy.insuranceYear() + 1) + " to " + (policy.insuranceYear() + MAX_DRAFT_YEARS),
                    List.of(new FieldError("year", (policy.insuranceYear() + 1) + ".." + (policy.insuranceYear() + MAX_DRAFT_YEARS))));
        }
        Policy draft = PolicyYears.draft(policy, target);
        String document = json.write(draft);
        parse(document); // the load checks: a shifted policy passes them as its source did (422 if it ever did not)
        return new Draft(draft.policyId(), document, PolicyLint.lint(draft, villageTargetSum(draft.policyId())),
                em.find(StoredPolicy.class, draft.policyId()) != null);
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
        // several nodes: EclipseLink keeps no shared cache (ClusterCache), so this reads what another node saved
        if (stored == null) {
            throw ProblemException.notFound("POLICY_UNKNOWN", "未知的政策编号 " + policyId, "unknown policy " + policyId);
        }
        return stored;
    }
}
