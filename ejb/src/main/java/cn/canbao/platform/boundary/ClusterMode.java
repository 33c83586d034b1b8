package cn.canbao.platform.boundary;

/**
 * Whether this server is one node of several over one database (the HA configuration sets the system property
 * {@code canbao.cluster=true}, config/cli/ha/10-cluster.cli; docs/operations.md "Several nodes"). EclipseLink's shared
 * cache is then off ({@code ClusterCache}): every entity is read from the database, where another node's change is seen
 * at once; what is kept in memory is keyed by the row's version (the parsed policy).
 */
public final class ClusterMode {

    private ClusterMode() {
    }

    public static boolean enabled() {
        return Boolean.getBoolean("canbao.cluster");
    }
}
