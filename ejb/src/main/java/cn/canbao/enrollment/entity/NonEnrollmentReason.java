package cn.canbao.enrollment.entity;

/** Why a resident does not enroll in a year (未参保原因), as the counter records it. */
public enum NonEnrollmentReason {
    /** 已参加职工医保 */
    EMPLOYEE_INSURANCE,
    /** 外地参保 */
    INSURED_ELSEWHERE,
    /** 死亡 */
    DECEASED,
    /** 服刑 */
    IN_PRISON,
    /** 参军 */
    MILITARY_SERVICE,
    /** 拒绝参保 */
    REFUSED,
    /** 其他 (the note says what) */
    OTHER
}
