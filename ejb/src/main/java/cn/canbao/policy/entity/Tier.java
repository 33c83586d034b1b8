package cn.canbao.policy.entity;

import java.math.BigDecimal;

/**
 * A contribution tier (档次). {@code collegeStandard} is null when the notice sets no separate college standard;
 * college students then pay the resident standard.
 */
public record Tier(int tier, BigDecimal residentStandard, BigDecimal collegeStandard) {

    public Tier {
        residentStandard = Yuan.of(residentStandard);
        collegeStandard = Yuan.of(collegeStandard);
    }

    public BigDecimal standardFor(ResidentType type) {
        return type == ResidentType.COLLEGE_STUDENT && collegeStandard != null ? collegeStandard : residentStandard;
    }
}
