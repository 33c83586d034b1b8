package cn.canbao.policy.entity;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;

/**
 * A campaign policy as stored: the JSON document (see docs/policy-format.md) is the source of truth; region, year
 * and name are copied out of it for listing. Cached (shared cache): every quote reads its policy.
 */
@Entity
@Cacheable
@Table(name = "policy")
@NamedQuery(name = StoredPolicy.ALL, query = "select p from StoredPolicy p order by p.policyId")
public class StoredPolicy {

    public static final String ALL = "StoredPolicy.all";

    @Id
    @Column(name = "policy_id")
    private String policyId;

    @Column(name = "region_code", nullable = false)
    private String regionCode;

    @Column(name = "insurance_year", nullable = false)
    private int insuranceYear;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String document;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Version
    private long version;

    protected StoredPolicy() {
    }

    public StoredPolicy(Policy policy, String document, OffsetDateTime at, String by) {
        this.policyId = policy.policyId();
        replaceWith(policy, document, at, by);
    }

    /** Takes the new version of the notice; the policy id never changes. */
    public void replaceWith(Policy policy, String document, OffsetDateTime at, String by) {
        if (!policyId.equals(policy.policyId())) {
            throw new IllegalArgumentException("policy id " + policy.policyId() + " cannot replace " + policyId);
        }
        this.regionCode = policy.regionCode();
        this.insuranceYear = policy.insuranceYear();
        this.name = policy.name();
        this.document = document;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    public String getPolicyId() { return policyId; }
    public String getRegionCode() { return regionCode; }
    public int getInsuranceYear() { return insuranceYear; }
    public String getName() { return name; }
    public String getDocument() { return document; }
    public OffsetDateTime getUpdatedAt() { return updatedAt; }
    public String getUpdatedBy() { return updatedBy; }
    public long getVersion() { return version; }
}
