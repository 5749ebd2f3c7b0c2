package dev.codexauth.provider.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Encryption;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The OAuth flows admins start to obtain provider credentials, kept in the database so a flow started on one node
 * is finished on any node and survives a restart. Their secrets (PKCE verifier, device code) are sealed.
 */
@Stateless
public class ProviderFlows {

    /** A flow as stored, with its secret opened. */
    public record Flow(String id, String kind, String secret, String userCode, String verificationUrl, Integer interval, String status,
                       String detail, String startedBy, Instant expiresAt) {
        public boolean expired() {
            return !expiresAt.isAfter(Instant.now());
        }
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Encryption encryption;

    public String create(String kind, String secret, String userCode, String verificationUrl, Integer interval, Duration lifetime, String by) {
        String id = Hashes.randomHex(16);
        Instant now = Instant.now();
        em.createNativeQuery("INSERT INTO provider_flows (id, kind, secret_enc, user_code, verification_url, interval_seconds, status, "
                        + "started_by, created_at, expires_at, next_poll_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8, ?9, ?8)")
                .setParameter(1, id).setParameter(2, kind).setParameter(3, encryption.seal(secret)).setParameter(4, userCode)
                .setParameter(5, verificationUrl).setParameter(6, interval).setParameter(7, by).setParameter(8, Timestamps.toUtcDateTime(now))
                .setParameter(9, Timestamps.toUtcDateTime(now.plus(lifetime))).executeUpdate();
        return id;
    }

    public Flow find(String id, String kind) {
        List<?> rows = em.createNativeQuery("SELECT id, kind, secret_enc, user_code, verification_url, interval_seconds, status, detail, started_by, "
                + "expires_at FROM provider_flows WHERE id = ?1 AND kind = ?2").setParameter(1, id == null ? "" : id).setParameter(2, kind)
                .getResultList();
        if (rows.isEmpty()) {
            throw new ApiException(404, "unknown_session", "unknown setup session");
        }
        Object[] row = (Object[]) rows.get(0);
        return new Flow((String) row[0], (String) row[1], encryption.openText((String) row[2]), (String) row[3], (String) row[4],
                row[5] == null ? null : ((Number) row[5]).intValue(), (String) row[6], (String) row[7], (String) row[8], instant(row[9]));
    }

    /** Ends a pending flow, in a transaction of its own so a refusal thrown afterwards does not undo it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean finish(String id, String status, String detail) {
        return em.createNativeQuery("UPDATE provider_flows SET status = ?1, detail = ?2, finished_at = ?3, lease_owner = NULL, lease_until = NULL "
                        + "WHERE id = ?4 AND status = 'pending'")
                .setParameter(1, status).setParameter(2, shortened(detail))
                .setParameter(3, Timestamps.toUtcDateTime(Instant.now())).setParameter(4, id).executeUpdate() == 1;
    }

    /** Pending device flows due for a poll whose lease this node took (one poller per flow across the cluster). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> leaseDue(String kind, String node, Duration lease) {
        LocalDateTime now = Timestamps.toUtcDateTime(Instant.now());
        List<?> due = em.createNativeQuery("SELECT id FROM provider_flows WHERE kind = ?1 AND status = 'pending' AND next_poll_at <= ?2 "
                + "AND (lease_until IS NULL OR lease_until < ?2) LIMIT 20").setParameter(1, kind).setParameter(2, now).getResultList();
        // The lease re-checks that the flow is still due: another poller (the other application, another node) may
        // have polled it and scheduled the next poll since the SELECT above, and a second poll at once is what a
        // provider answers with slow_down.
        return due.stream().map(String.class::cast).filter(id -> em.createNativeQuery("UPDATE provider_flows SET lease_owner = ?1, lease_until = ?2 "
                        + "WHERE id = ?3 AND status = 'pending' AND next_poll_at <= ?4 AND (lease_until IS NULL OR lease_until < ?4)")
                .setParameter(1, node).setParameter(2, now.plusSeconds(lease.toSeconds())).setParameter(3, id).setParameter(4, now)
                .executeUpdate() == 1).toList();
    }

    /**
     * Releases a lease and schedules the next poll {@code interval} seconds from now, keeping that interval for later
     * polls (it grows after a {@code slow_down}); {@code detail} tells the admin why a poll did not count, or is null.
     */
    public void pollAgainIn(String id, int interval, String detail) {
        em.createNativeQuery("UPDATE provider_flows SET next_poll_at = ?1, interval_seconds = ?2, detail = ?3, lease_owner = NULL, "
                        + "lease_until = NULL WHERE id = ?4 AND status = 'pending'")
                .setParameter(1, Timestamps.toUtcDateTime(Instant.now().plusSeconds(interval))).setParameter(2, interval)
                .setParameter(3, shortened(detail)).setParameter(4, id).executeUpdate();
    }

    private static String shortened(String detail) {
        return detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    }

    private static Instant instant(Object value) {
        return Timestamps.fromUtcDateTime(Timestamps.utcColumn(value));
    }
}
