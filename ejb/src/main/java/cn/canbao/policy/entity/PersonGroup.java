package cn.canbao.policy.entity;

/**
 * Special groups a notice may name in an exemption. FRESHMAN (a college freshman enrolling for next year at
 * admission) is a project addition: the notices give freshmen their own cover start, and nothing else in a
 * request can tell a freshman from a returning student.
 */
public enum PersonGroup {
    GRADUATE,
    VETERAN,
    RELEASED_PRISONER,
    NEWLY_CERTIFIED_POOR,
    FRESHMAN,
    /**
     * A college student insured for the academic year a college rule's {@code transition} names (seeds 000, 002: the
     * 2023/24 academic year): covered until the transition's end without paying. A project addition, like FRESHMAN:
     * nothing else in a request says which scheme a student was insured under last academic year.
     */
    ACADEMIC_YEAR_INSURED
}
