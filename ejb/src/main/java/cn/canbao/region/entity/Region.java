package cn.canbao.region.entity;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.Objects;

/** An administrative division (行政区划): province, district/county, town or village/community. */
@Entity
@Table(name = "region")
@Cacheable
@NamedQuery(name = Region.CHILDREN, query = "select r from Region r where r.parentCode = :parent and r.retiredOn is null order by r.code")
public class Region {

    public static final String CHILDREN = "Region.children";

    @Id
    private String code;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RegionLevel level;

    @Column(name = "parent_code")
    private String parentCode;

    @Column(name = "household_population")
    private Integer householdPopulation;

    /** The day from which the region is no longer in use (never deleted: its history stays). */
    @Column(name = "retired_on")
    private LocalDate retiredOn;

    /** The village its persons, enrollments and targets moved to when it was merged. */
    @Column(name = "merged_into")
    private String mergedInto;

    protected Region() {
    }

    public Region(String code, String name, RegionLevel level, String parentCode) {
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        this.level = Objects.requireNonNull(level);
        this.parentCode = parentCode;
    }

    public String getCode() { return code; }
    public String getName() { return name; }
    public RegionLevel getLevel() { return level; }
    public String getParentCode() { return parentCode; }
    public Integer getHouseholdPopulation() { return householdPopulation; }
    public LocalDate getRetiredOn() { return retiredOn; }
    public String getMergedInto() { return mergedInto; }
    public boolean isRetired() { return retiredOn != null; }

    /** No longer in use from {@code on}; {@code into} names the village it was merged into (null: retired empty). */
    public void retire(LocalDate on, String into) {
        this.retiredOn = Objects.requireNonNull(on);
        this.mergedInto = into;
    }

    public void rename(String name) {
        this.name = name;
    }

    public void recordHouseholdPopulation(Integer population) {
        if (population != null && population < 0) {
            throw new IllegalArgumentException("household population must be >= 0");
        }
        this.householdPopulation = population;
    }
}
