package dev.codexauth.auth.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import dev.codexauth.ops.control.Timestamps;

/**
 * The last three auth digests seen per host ({@code host_auth_digests}). A digest already among them is not
 * written again; a node remembers what it recorded last per host, so the usual retrieve costs no query here.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DigestHistory {

    static final int KEPT = 3;

    @PersistenceContext(unitName = "central")
    EntityManager em;

    private final ConcurrentHashMap<Long, String> lastRecorded = new ConcurrentHashMap<>();

    public void add(long hostId, String digest) {
        if (digest.equals(lastRecorded.get(hostId))) {
            return;
        }
        if (!recent(hostId).contains(digest)) {
            String now = Timestamps.format(Instant.now());
            em.createNativeQuery("INSERT INTO host_auth_digests (host_id, digest, last_seen, created_at) VALUES (?1, ?2, ?3, ?3)"
                            + " ON DUPLICATE KEY UPDATE last_seen = VALUES(last_seen)")
                    .setParameter(1, hostId).setParameter(2, digest).setParameter(3, now).executeUpdate();
            List<?> keep = em.createNativeQuery("SELECT id FROM host_auth_digests WHERE host_id = ?1 ORDER BY last_seen DESC, id DESC")
                    .setParameter(1, hostId).setMaxResults(KEPT).getResultList();
            em.createNativeQuery("DELETE FROM host_auth_digests WHERE host_id = ?1 AND id NOT IN (?2)")
                    .setParameter(1, hostId).setParameter(2, keep).executeUpdate();
        }
        lastRecorded.put(hostId, digest);
    }

    /** Whether this node already recorded {@code digest} as the host's latest, so {@link #add} would not write. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean recorded(long hostId, String digest) {
        return digest.equals(lastRecorded.get(hostId));
    }

    /** Newest first. */
    @SuppressWarnings("unchecked")
    public List<String> recent(long hostId) {
        return em.createNativeQuery("SELECT digest FROM host_auth_digests WHERE host_id = ?1 ORDER BY last_seen DESC, id DESC")
                .setParameter(1, hostId).setMaxResults(KEPT).getResultList();
    }

    /** Drops a host's history (delete, clear) on this node's memory as well. */
    public void clear(long hostId) {
        em.createNativeQuery("DELETE FROM host_auth_digests WHERE host_id = ?1").setParameter(1, hostId).executeUpdate();
        lastRecorded.remove(hostId);
    }
}
