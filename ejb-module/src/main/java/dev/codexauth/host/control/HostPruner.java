package dev.codexauth.host.control;

import dev.codexauth.cluster.control.ClusterLock;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Prunes hosts once a minute on one node (host-api.md §5.15, admin.md §2.5): expired temporary hosts, hosts idle
 * longer than the inactivity window, and hosts never used 30 minutes after registration. Unlike the original, a
 * pruned host is first disabled (its key stops working, its MCP memories stay) and deleted only after
 * {@code HOST_PRUNE_GRACE_DAYS}; re-registering it in between brings it back. Listing hosts never prunes.
 */
@Singleton
public class HostPruner {

    private static final Logger LOG = Logger.getLogger(HostPruner.class.getName());
    static final Duration UNPROVISIONED_AFTER = Duration.ofMinutes(30);

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    ClusterLock lock;

    @EJB
    SettingsStore settings;

    @EJB
    Events events;

    @Inject
    Event<HostTurnover> turnover;

    @Inject
    @ConfigProperty(name = "inactivity.window.days", defaultValue = "30")
    int defaultWindowDays;

    @Inject
    @ConfigProperty(name = "host.prune.grace.days", defaultValue = "7")
    int graceDays;

    @Schedule(hour = "*", minute = "*", second = "41", persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void tick() {
        try {
            lock.runOncePer(Duration.ofMinutes(1), "prune-hosts", () -> prune(Instant.now()));
        } catch (RuntimeException e) {
            LOG.warning(() -> "Host pruning failed: " + e.getMessage());
        }
    }

    /** @return how many hosts were disabled and deleted in this pass */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int prune(Instant now) {
        int changed = disable("expired", now, ids("SELECT id FROM hosts WHERE status = 'active' AND expires_at IS NOT NULL"
                + " AND expires_at <> '' AND expires_at < ?1", Timestamps.format(now)));
        int window = windowDays();
        if (window > 0) {
            Instant cutoff = now.minus(Duration.ofDays(window));
            changed += disable("inactive", cutoff, ids("SELECT h.id FROM hosts h LEFT JOIN host_activity a ON a.host_id = h.id"
                    + " WHERE h.status = 'active' AND ((a.last_seen_at IS NOT NULL AND a.last_seen_at < ?1)"
                    + " OR (a.last_seen_at IS NULL AND (h.api_calls > 0 OR h.auth_digest IS NOT NULL) AND h.updated_at < ?2))",
                    Timestamp.from(cutoff), Timestamps.format(cutoff)));
        }
        Instant unprovisioned = now.minus(UNPROVISIONED_AFTER);
        changed += disable("unprovisioned", unprovisioned, ids("SELECT h.id FROM hosts h LEFT JOIN host_activity a ON a.host_id = h.id"
                + " WHERE h.status = 'active' AND h.api_calls = 0 AND (h.auth_digest IS NULL OR h.auth_digest = '')"
                + " AND (h.last_refresh IS NULL OR h.last_refresh = '') AND a.first_seen_at IS NULL AND h.created_at < ?1"
                + " AND (h.expires_at IS NULL OR h.expires_at = '' OR h.expires_at < ?2)",
                Timestamps.format(unprovisioned), Timestamps.format(now)));
        // Found by a plain read, deleted one primary key at a time: a multi-table DELETE would lock every host row it
        // scans and stall the host requests holding one of them.
        for (Number id : ids("SELECT h.id FROM hosts h JOIN host_activity a ON a.host_id = h.id WHERE h.status = 'pruned'"
                + " AND a.pruned_at < ?1", Timestamp.from(now.minus(Duration.ofDays(Math.max(0, graceDays)))))) {
            // Locked first: a host registered again meanwhile is active and keeps its row and its memories.
            List<?> stillPruned = em.createNativeQuery("SELECT fqdn FROM hosts WHERE id = ?1 AND status = 'pruned' FOR UPDATE")
                    .setParameter(1, id).getResultList();
            if (stillPruned.isEmpty()) {
                continue;
            }
            turnover.fire(new HostTurnover(HostTurnover.Kind.LEAVING, id.longValue(), (String) stillPruned.get(0)));
            changed += em.createNativeQuery("DELETE FROM hosts WHERE id = ?1").setParameter(1, id).executeUpdate();
        }
        return changed;
    }

    @SuppressWarnings("unchecked")
    private List<Number> ids(String select, Object... parameters) {
        var query = em.createNativeQuery(select);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.getResultList();
    }

    private int disable(String reason, Instant cutoff, List<Number> ids) {
        for (Number id : ids) {
            Object[] host = (Object[]) em.createNativeQuery("SELECT fqdn, ip FROM hosts WHERE id = ?1").setParameter(1, id).getSingleResult();
            events.record(id.longValue(), "host.pruned", Events.details("reason", reason, "cutoff", Timestamps.format(cutoff),
                    "fqdn", host[0], "ip", host[1]));
            em.createNativeQuery("UPDATE hosts SET status = 'pruned' WHERE id = ?1").setParameter(1, id).executeUpdate();
            em.createNativeQuery("INSERT INTO host_activity (host_id, pruned_at, prune_reason) VALUES (?1, ?2, ?3)"
                            + " ON DUPLICATE KEY UPDATE pruned_at = VALUES(pruned_at), prune_reason = VALUES(prune_reason)")
                    .setParameter(1, id).setParameter(2, Timestamp.from(Instant.now())).setParameter(3, reason).executeUpdate();
        }
        return ids.size();
    }

    /** Setting {@code inactivity_window_days}, else {@code INACTIVITY_WINDOW_DAYS}, clamped to 0–60 (0: never). */
    public int windowDays() {
        long days = settings.current().number(SettingKeys.INACTIVITY_WINDOW_DAYS).orElse((long) defaultWindowDays);
        return (int) Math.max(0, Math.min(60, days));
    }
}
