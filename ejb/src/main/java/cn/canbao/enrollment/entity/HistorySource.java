package cn.canbao.enrollment.entity;

/** Where a year of insurance or a life event recorded outside Canbao's own enrollments came from. */
public enum HistorySource {
    /** A file of the provincial platform (省级平台) imported by a district. */
    PROVINCIAL_IMPORT,
    /** Entered at the counter from a document the resident showed (evidence required). */
    COUNTER
}
