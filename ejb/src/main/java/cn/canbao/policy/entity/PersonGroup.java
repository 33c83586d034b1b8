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
    FRESHMAN
}
