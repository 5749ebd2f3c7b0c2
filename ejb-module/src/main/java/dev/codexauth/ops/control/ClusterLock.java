package dev.codexauth.ops.control;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.function.Supplier;

/**
 * Runs a job on one node of the cluster at a time with a database named lock ({@code GET_LOCK}, held by the
 * transaction's connection and freed if that node dies), so scheduled jobs need no cluster-aware timer service.
 * Named locks are server-wide, so the name carries the schema: installations sharing a database server do not
 * block each other's jobs.
 */
@Stateless
public class ClusterLock {

    /** At most 64 characters, the limit of MySQL 5.7+ lock names. */
    private static final String LOCK_NAME = "LEFT(CONCAT('cac:', COALESCE(DATABASE(), ''), ':', ?1), 64)";

    @PersistenceContext(unitName = "central")
    EntityManager em;

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
