package cn.canbao.policy.entity;

/**
 * One failed check of a policy document. {@code where} names the row as a path with 0-based indexes plus its
 * key, e.g. {@code catalogue[3] code 104 tier 1}; {@code rule} is a stable machine name, e.g. AMOUNTS_SUM_TO_STANDARD.
 */
public record PolicyViolation(String where, String rule, String messageZh, String messageEn) {

    @Override
    public String toString() {
        return where + " [" + rule + "] " + messageZh + " / " + messageEn;
    }
}
