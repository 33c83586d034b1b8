package cn.canbao.platform.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One line of the audit log: who did what to which record, when, with the state before and after. Never updated. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private OffsetDateTime occurredAt;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(name = "entity_type", nullable = false, updatable = false)
    private String entityType;

    @Column(name = "entity_id", nullable = false, updatable = false)
    private String entityId;

    @Column(name = "before_state", updatable = false)
    private String beforeState;

    @Column(name = "after_state", updatable = false)
    private String afterState;

    @Column(updatable = false)
    private String detail;

    protected AuditEntry() {
    }

    public AuditEntry(OffsetDateTime occurredAt, String actor, String action, String entityType, String entityId,
                      String beforeState, String afterState, String detail) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.entityType = entityType;
        this.entityId = entityId;
        this.beforeState = beforeState;
        this.afterState = afterState;
        this.detail = detail;
    }

    public Long getId() { return id; }
    public OffsetDateTime getOccurredAt() { return occurredAt; }
    public String getActor() { return actor; }
    public String getAction() { return action; }
    public String getEntityType() { return entityType; }
    public String getEntityId() { return entityId; }
    public String getBeforeState() { return beforeState; }
    public String getAfterState() { return afterState; }
    public String getDetail() { return detail; }
}
