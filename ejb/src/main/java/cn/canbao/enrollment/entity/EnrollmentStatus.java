package cn.canbao.enrollment.entity;

/**
 * Where an enrollment stands (docs/enrollment-status.md). REGISTERED, PAID, CANCELLED and REFUNDED are stored;
 * WAITING, COVERED and ENDED are PAID read against today and the benefit period.
 */
public enum EnrollmentStatus {
    REGISTERED,
    PAID,
    WAITING,
    COVERED,
    ENDED,
    CANCELLED,
    REFUNDED
}
