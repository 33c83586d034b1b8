package cn.canbao.policy.boundary;

import cn.canbao.policy.control.PolicyJson;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PolicyVersion;
import cn.canbao.policy.entity.StoredPolicy;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.OffsetDateTime;

/** Stores the seed policies shipped in config/policies on the first start of the embedded default. Internal. */
@Stateless
@PermitAll
public class SeedPolicies {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Stores the policy unless one with its id exists; a seed that fails the load checks stops the start-up. */
    public boolean loadIfAbsent(String document) {
        PolicyJson json = new PolicyJson();
        Policy policy = json.read(document);
        if (em.find(StoredPolicy.class, policy.policyId()) != null) {
            return false;
        }
        String normalized = json.write(policy);
        OffsetDateTime now = OffsetDateTime.now(clock);
        em.persist(new StoredPolicy(policy, normalized, now, AuditLog.SYSTEM));
        em.flush(); // the version row refers to the policy row
        em.persist(new PolicyVersion(policy.policyId(), 1, normalized, AuditLog.SYSTEM, now,
                "随系统提供的示例政策 / seed policy shipped with the system"));
        audit.record("POLICY_CREATED", "policy", policy.policyId(), null, normalized, "seed policy from config/policies");
        return true;
    }
}
