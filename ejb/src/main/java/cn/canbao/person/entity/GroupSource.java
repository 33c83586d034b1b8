package cn.canbao.person.entity;

/** Where a person's group membership on record came from. */
public enum GroupSource {
    /** Entered at the counter from a document the resident showed (evidence required). */
    COUNTER,
    /** Sent by the certifying department (退役军人事务局, 司法所, 高校, 民政/乡村振兴) itself. */
    DEPARTMENT,
    /** A file or record of the provincial platform, entered by a district administrator. */
    PROVINCIAL_IMPORT
}
