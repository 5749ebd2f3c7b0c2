package dev.codexauth.host.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records host contact in {@code host_activity} (first and last seen). Writes are coalesced per node to one per
 * host and minute: pruning works in days, and a hot host must not cost a write per request.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HostActivityTracker {

    private static final Duration COALESCE = Duration.ofSeconds(60);

    @PersistenceContext(unitName = "central")
    EntityManager em;

    private final ConcurrentHashMap<Long, Instant> written = new ConcurrentHashMap<>();

    public void seen(long hostId, Instant now) {
        Instant last = written.get(hostId);
        if (last != null && last.plus(COALESCE).isAfter(now)) {
            return;
        }
        written.put(hostId, now);
        em.createNativeQuery("INSERT INTO host_activity (host_id, first_seen_at, last_seen_at) VALUES (?1, ?2, ?2)"
                        + " ON DUPLICATE KEY UPDATE last_seen_at = VALUES(last_seen_at)")
                .setParameter(1, hostId).setParameter(2, Timestamp.from(now)).executeUpdate();
    }

    /** When {@link #seen} would next write this host's row (now, if this node has not written it yet). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Instant rewriteDueAt(long hostId) {
        Instant last = written.get(hostId);
        return last == null ? Instant.EPOCH : last.plus(COALESCE);
    }

    /** Forgets what was written for a host (after it was deleted or re-registered). */
    public void forget(long hostId) {
        written.remove(hostId);
    }
}
