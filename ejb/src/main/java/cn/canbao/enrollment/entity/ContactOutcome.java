package cn.canbao.enrollment.entity;

/** What came of a follow-up contact with a resident who has not paid. */
public enum ContactOutcome {
    /** 承诺缴费 */
    PROMISED,
    /** 考虑中 */
    CONSIDERING,
    /** 拒绝缴费 (a non-enrollment reason, signed, is the formal record) */
    REFUSED,
    /** 无法联系 */
    UNREACHABLE,
    /** 不在家 */
    NOT_AT_HOME,
    /** 其他 (the note says what) */
    OTHER
}
