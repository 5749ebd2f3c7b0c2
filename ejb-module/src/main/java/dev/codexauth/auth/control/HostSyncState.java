package dev.codexauth.auth.control;

import dev.codexauth.host.entity.Host;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which canonical version a host holds: {@code host_auth_states} plus {@code hosts.last_refresh/auth_digest}. A host
 * that is already synced to the same payload is not written again until {@link #SEEN_REFRESH} has passed (per node):
 * a synced fleet retrieving every few seconds must not rewrite its state row each time.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class HostSyncState {

    static final Duration SEEN_REFRESH = Duration.ofMinutes(5);

    @PersistenceContext(unitName = "central")
    EntityManager em;

    private record Written(long payloadId, Instant at) {
    }

    private final ConcurrentHashMap<Long, Written> written = new ConcurrentHashMap<>();

    public void syncedTo(Host host, StoredCanonical canonical) {
        Instant now = Instant.now();
        Written last = written.get(host.getId());
        boolean unchanged = canonical.digest().equals(host.getAuthDigest()) && canonical.lastRefresh().equals(host.getLastRefresh());
        if (unchanged && last != null && last.payloadId() == canonical.payloadId() && last.at().plus(SEEN_REFRESH).isAfter(now)) {
            return;
        }
        host.setLastRefresh(canonical.lastRefresh());
        host.setAuthDigest(canonical.digest());
        written.put(host.getId(), new Written(canonical.payloadId(), now));
        em.createNativeQuery("INSERT INTO host_auth_states (host_id, payload_id, seen_digest, seen_at) VALUES (?1, ?2, ?3, ?4)"
                        + " ON DUPLICATE KEY UPDATE payload_id = VALUES(payload_id), seen_digest = VALUES(seen_digest), seen_at = VALUES(seen_at)")
                .setParameter(1, host.getId()).setParameter(2, canonical.payloadId()).setParameter(3, canonical.digest())
                .setParameter(4, Timestamps.format(now)).executeUpdate();
    }

    /** When {@link #syncedTo} would next write this host's state for this payload (now, if this node has not). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Instant rewriteDueAt(long hostId, long payloadId) {
        Written last = written.get(hostId);
        return last == null || last.payloadId() != payloadId ? Instant.EPOCH : last.at().plus(SEEN_REFRESH);
    }

    /** The host reported a version the server has not adopted (yet): shown as it is, not as synced. */
    public void reported(Host host, String lastRefresh, String digest) {
        host.setLastRefresh(lastRefresh);
        host.setAuthDigest(digest);
    }

    public void clear(Host host) {
        written.remove(host.getId());
        host.setLastRefresh(null);
        host.setAuthDigest(null);
        em.createNativeQuery("DELETE FROM host_auth_states WHERE host_id = ?1").setParameter(1, host.getId()).executeUpdate();
    }
}
