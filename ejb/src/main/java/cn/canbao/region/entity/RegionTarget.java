package cn.canbao.region.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** The number of persons a village is to enroll in one campaign (目标任务数). */
@Entity
@Table(name = "region_target")
@IdClass(RegionTarget.Key.class)
public class RegionTarget {

    @Id
    @Column(name = "policy_id")
    private String policyId;

    @Id
    @Column(name = "region_code")
    private String regionCode;

    @Column(nullable = false)
    private int target;

    /** How the number was set: typed, imported, or the rule that derived it; null for the demo's and the seeds'. */
    private String rule;

    protected RegionTarget() {
    }

    public RegionTarget(String policyId, String regionCode, int target) {
        if (target < 0) {
            throw new IllegalArgumentException("target must be >= 0");
        }
        this.policyId = policyId;
        this.regionCode = regionCode;
        this.target = target;
    }

    public void set(int target, String rule) {
        if (target < 0) {
            throw new IllegalArgumentException("target must be >= 0");
        }
        this.target = target;
        this.rule = rule;
    }

    public String getRule() { return rule; }
    public String getPolicyId() { return policyId; }
    public String getRegionCode() { return regionCode; }
    public int getTarget() { return target; }

    public static class Key implements Serializable {
        private String policyId;
        private String regionCode;

        public Key() {
        }

        public Key(String policyId, String regionCode) {
            this.policyId = policyId;
            this.regionCode = regionCode;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(policyId, k.policyId) && Objects.equals(regionCode, k.regionCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(policyId, regionCode);
        }
    }
}
