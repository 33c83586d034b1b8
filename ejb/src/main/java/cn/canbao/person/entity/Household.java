package cn.canbao.person.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A household (户) as registered at the counter: the residents who enroll together, under one village. */
@Entity
@Table(name = "household")
public class Household {

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "household_number")
    private String householdNumber;

    @Column(name = "region_code", nullable = false)
    private String regionCode;

    private String address;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected Household() {
    }

    public Household(String householdNumber, String regionCode, String address, OffsetDateTime createdAt) {
        this.householdNumber = householdNumber;
        this.regionCode = Objects.requireNonNull(regionCode);
        this.address = address;
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    /** The household's address as the counter corrected it (null: none); checked by the boundary. */
    public void changeAddress(String address) {
        this.address = address;
    }

    public Long getId() { return id; }
    public String getHouseholdNumber() { return householdNumber; }
    public String getRegionCode() { return regionCode; }
    public String getAddress() { return address; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
