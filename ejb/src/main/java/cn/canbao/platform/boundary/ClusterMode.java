package cn.canbao.platform.boundary;

/**
 * Whether this server is one node of several over one database (the HA configuration sets the system property
 * {@code canbao.cluster=true}, config/cli/ha/10-cluster.cli; docs/operations.md "Several nodes"). What a single node may
 * keep in its own memory — EclipseLink's shared cache of a policy, the parsed policy — is then checked against the
 * database where another node's change must be seen at once.
 */
public final class ClusterMode {

    private ClusterMode() {
    }

    public static boolean enabled() {
        return Boolean.getBoolean("canbao.cluster");
    }
}
