package cn.canbao.platform.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Where each batch job execution runs: the node that started or restarted it ({@code canbao.job_execution_node}). JBeret's
 * shared job repository does not say; when several nodes share it, a node may only mark interrupted the executions of
 * itself or of a node that has left the cluster ({@code InterruptedJobs}, {@code ClusterRecovery}).
 */
@Stateless
@PermitAll // bookkeeping of whoever may start a job (operators, uploads of clerks, departments, the tax bureau)
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JobNodes {

    @PersistenceContext
    EntityManager em;

    @Inject
    ClusterMembers members;

    /** Records that this node runs {@code executionId} (just started or restarted here). */
    public void started(long executionId) {
        em.createNativeQuery("insert into canbao.job_execution_node (job_execution_id, node, started_at) values (?1, ?2, ?3)")
                .setParameter(1, executionId).setParameter(2, members.localNode())
                .setParameter(3, Timestamp.from(Instant.now())) // wall-clock time of the start, not the business date
                .executeUpdate();
    }

    /** The node an execution ran on, or null when none was recorded. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String nodeOf(long executionId) {
        java.util.List<?> rows = em.createNativeQuery("select node from canbao.job_execution_node where job_execution_id = ?1")
                .setParameter(1, executionId).getResultList();
        return rows.isEmpty() ? null : String.valueOf(rows.get(0));
    }
}
