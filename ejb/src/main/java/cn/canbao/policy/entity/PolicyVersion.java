package cn.canbao.policy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One saved version of a policy document (docs/decisions.md 48): the normalized JSON exactly as it was stored, who saved
 * it and when. Numbered from 1 per policy; written once, never changed.
 */
@Entity
@IdClass(PolicyVersion.Key.class)
@Table(name = "policy_version")
@NamedQuery(name = PolicyVersion.OF_POLICY,
        query = "select v from PolicyVersion v where v.policyId = :policyId order by v.version desc")
@NamedQuery(name = PolicyVersion.COUNT, query = "select count(v) from PolicyVersion v where v.policyId = :policyId")
@NamedQuery(name = PolicyVersion.LATEST, query = "select max(v.version) from PolicyVersion v where v.policyId = :policyId")
public class PolicyVersion {

    public static final String OF_POLICY = "PolicyVersion.ofPolicy";
    public static final String COUNT = "PolicyVersion.count";
    public static final String LATEST = "PolicyVersion.latest";

    /** The composite key: policy and version number. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String policyId;
        private int version;

        public Key() {
        }

        public Key(String policyId, int version) {
            this.policyId = policyId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.policyId, policyId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(policyId, version);
        }
    }

    @Id
    @Column(name = "policy_id")
    private String policyId;

    @Id
    @Column(name = "version")
    private int version;

    @Column(nullable = false)
    private String document;

    @Column(name = "saved_by", nullable = false)
    private String savedBy;

    @Column(name = "saved_at", nullable = false)
    private OffsetDateTime savedAt;

    @Column(name = "note")
    private String note;

    protected PolicyVersion() {
    }

    public PolicyVersion(String policyId, int version, String document, String savedBy, OffsetDateTime savedAt, String note) {
        if (version < 1) {
            throw new IllegalArgumentException("versions are numbered from 1");
        }
        this.policyId = Objects.requireNonNull(policyId);
        this.version = version;
        this.document = Objects.requireNonNull(document);
        this.savedBy = Objects.requireNonNull(savedBy);
        this.savedAt = Objects.requireNonNull(savedAt);
        this.note = note;
    }

    public String getPolicyId() { return policyId; }
    public int getVersion() { return version; }
    public String getDocument() { return document; }
    public String getSavedBy() { return savedBy; }
    public OffsetDateTime getSavedAt() { return savedAt; }
    public String getNote() { return note; }
}
