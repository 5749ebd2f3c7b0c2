package dev.codexauth.cluster.control;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Runs a job on one node of the cluster at a time with a database named lock ({@code GET_LOCK}, held by the
 * transaction's connection and freed if that node dies), and a scheduled job once per period for the whole cluster,
 * so scheduled jobs need no cluster-aware timer service.
 * Named locks are server-wide, so the name carries the schema: installations sharing a database server do not
 * block each other's jobs.
 */
@Stateless
public class ClusterLock {

    /** At most 64 characters, the limit of MySQL 5.7+ lock names. */
    private static final String LOCK_NAME = "LEFT(CONCAT('cac:', COALESCE(DATABASE(), ''), ':', ?1), 64)";

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    JobRuns runs;

    /**
     * A scheduled job's run for the current period (hours start on the hour, UTC): every node's timer calls this, and
     * only the node that claims the period in {@code cluster_job_runs} runs it, so the job runs once per cluster.
     *
     * @return the job's result, or null when another node has run or is running this period
     */
    public <T> T runOncePer(Duration period, String name, Supplier<T> job) {
        if (!runs.claim(name, period)) {
            return null;
        }
        try {
            return runExclusively(name, job);
        } finally {
            runs.finished(name);
        }
    }

    /** @return the job's result, or null when another node holds the lock */
    public <T> T runExclusively(String name, Supplier<T> job) {
        Number acquired = (Number) em.createNativeQuery("SELECT GET_LOCK(" + LOCK_NAME + ", 0)").setParameter(1, name)
                .getSingleResult();
        if (acquired == null || acquired.intValue() != 1) {
            return null;
        }
        try {
            return job.get();
        } finally {
            em.createNativeQuery("SELECT RELEASE_LOCK(" + LOCK_NAME + ")").setParameter(1, name).getSingleResult();
        }
    }
}
