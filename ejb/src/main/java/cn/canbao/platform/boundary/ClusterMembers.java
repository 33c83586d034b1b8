package cn.canbao.platform.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.wildfly.clustering.server.Group;
import org.wildfly.clustering.server.GroupMember;
import org.wildfly.clustering.server.GroupMembership;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The nodes of the cluster this server belongs to, from WildFly's own membership (the default group: the members of
 * the JGroups channel of the {@code ha} configuration; on a single server, a group of one). A member's name is its
 * {@code jboss.node.name}. The coordinator — the oldest member of the current view, the same on every node, replaced
 * by the next oldest when it leaves — is where cluster-wide chores run once: the job scheduler's daily check and the
 * recovery of the batch jobs of a node that is gone ({@code ClusterRecovery}); decision 50.
 */
@ApplicationScoped
public class ClusterMembers {

    @Resource(lookup = "java:jboss/clustering/server/group/default")
    Group<GroupMember> group;

    /** This server's node name (the name batch executions are recorded under). */
    public String localNode() {
        return group.getLocalMember().getName();
    }

    /** The names of the live members, this one included. */
    public Set<String> members() {
        Set<String> names = new TreeSet<>();
        for (GroupMember member : group.getMembership().getMembers()) {
            names.add(member.getName());
        }
        return names;
    }

    /** Whether this node is the coordinator (always, when it is alone). */
    public boolean coordinator() {
        GroupMembership<GroupMember> membership = group.getMembership();
        GroupMember coordinator = membership.getCoordinator();
        return coordinator == null || coordinator.getName().equals(localNode());
    }

    /** Whether other members exist (false on a single server and on a cluster node left alone). */
    public boolean hasPeers() {
        List<GroupMember> members = group.getMembership().getMembers();
        return members.size() > 1;
    }

    /** Whether the server runs the clustered configuration (a node may be alone in it for a while). */
    public boolean clustered() {
        return ClusterMode.enabled() || !group.isSingleton();
    }
}
