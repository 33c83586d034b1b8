package cn.canbao.policy.entity;

import java.math.BigDecimal;

/** Per tier: the subsidy (资助代缴金额) and what the person still pays (个人实缴金额); both null = tier not offered (——). */
public record TierAmount(int tier, BigDecimal subsidy, BigDecimal personal) {

    public TierAmount {
        subsidy = Yuan.of(subsidy);
        personal = Yuan.of(personal);
    }

    public boolean offered() {
        return subsidy != null;
    }
}
