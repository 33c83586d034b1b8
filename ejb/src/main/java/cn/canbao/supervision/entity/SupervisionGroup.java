package cn.canbao.supervision.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A supervision group (督导组): a leader and the villages of the district it watches (seed 001). */
@Entity
@Table(name = "supervision_group")
public class SupervisionGroup {

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "region_code", nullable = false, updatable = false)
    private String regionCode;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String leader;

    private String phone;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "supervision_group_village", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "village_code")
    private Set<String> villages = new TreeSet<>();

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Version
    private long version;

    protected SupervisionGroup() {
    }

    public SupervisionGroup(String regionCode, String createdBy, OffsetDateTime createdAt) {
        this.regionCode = regionCode;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public void describe(String name, String leader, String phone, List<String> villages) {
        this.name = name;
        this.leader = leader;
        this.phone = phone;
        this.villages.clear();
        this.villages.addAll(villages);
    }

    public Long getId() { return id; }
    public String getRegionCode() { return regionCode; }
    public String getName() { return name; }
    public String getLeader() { return leader; }
    public String getPhone() { return phone; }
    public Set<String> getVillages() { return villages; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public String getCreatedBy() { return createdBy; }
}
