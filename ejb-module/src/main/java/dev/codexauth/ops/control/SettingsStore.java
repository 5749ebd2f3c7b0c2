package dev.codexauth.ops.control;

import dev.codexauth.cluster.control.CachesInvalidated;
import dev.codexauth.cluster.control.ClusterBus;
import dev.codexauth.ops.entity.Setting;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Table {@code versions} behind one cached, typed snapshot: a request reads every setting it needs from memory
 * instead of one query per key. A change is carried to every node of a cluster before it is acknowledged
 * ({@link ClusterBus}); the snapshot is also reloaded after {@code SETTINGS_CACHE_MILLIS} (default 1000 ms), the
 * safety net for a node that missed the message and, without clustering, the delay of the other application of a
 * Payara Micro process.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SettingsStore {

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @EJB
    ClusterBus cluster;

    @Inject
    @ConfigProperty(name = "settings.cache.millis", defaultValue = "1000")
    long cacheMillis;

    private volatile FleetSettings snapshot;
    private volatile long loadedAtNanos;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public FleetSettings current() {
        FleetSettings cached = snapshot;
        if (cached != null && System.nanoTime() - loadedAtNanos < cacheMillis * 1_000_000L) {
            return cached;
        }
        return load(cacheMillis);
    }

    /**
     * The settings as the database holds them now, for admins, who must see what was just changed on another node or
     * in the other application (the host API's cached snapshot may be up to {@code SETTINGS_CACHE_MILLIS} old).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public FleetSettings fresh() {
        return load(0);
    }

    private FleetSettings load(long acceptableAgeMillis) {
        synchronized (this) {
            // The field is read once into a local each time: an invalidation may null it at any moment, and a second
            // read returned that null to a host request (a 500 whenever an admin changed a host at the wrong instant).
            FleetSettings cached = snapshot;
            if (cached != null && System.nanoTime() - loadedAtNanos < acceptableAgeMillis * 1_000_000L) {
                return cached;
            }
            Map<String, Setting> rows = new HashMap<>();
            for (Object[] values : em.createQuery("SELECT s.name, s.version, s.updatedAt FROM Setting s", Object[].class)
                    .getResultList()) {
                Setting row = new Setting();
                row.setName((String) values[0]);
                row.setVersion((String) values[1]);
                row.setUpdatedAt((Instant) values[2]);
                rows.put(row.getName(), row);
            }
            FleetSettings loaded = new FleetSettings(rows);
            snapshot = loaded;
            loadedAtNanos = System.nanoTime();
            return loaded;
        }
    }

    public void put(String key, String value) {
        em.createNativeQuery("INSERT INTO versions (name, version, updated_at) VALUES (?1, ?2, ?3)"
                        + " ON DUPLICATE KEY UPDATE version = VALUES(version), updated_at = VALUES(updated_at)")
                .setParameter(1, key).setParameter(2, value).setParameter(3, Timestamps.format(Instant.now()))
                .executeUpdate();
        invalidateAfterCommit();
    }

    public void remove(String key) {
        em.createNativeQuery("DELETE FROM versions WHERE name = ?1").setParameter(1, key).executeUpdate();
        invalidateAfterCommit();
    }

    /** Stores the value unless the key already has one; returns the value that is stored (cluster-safe). */
    public String putIfAbsent(String key, String value) {
        em.createNativeQuery("INSERT IGNORE INTO versions (name, version, updated_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, key).setParameter(2, value).setParameter(3, Timestamps.format(Instant.now()))
                .executeUpdate();
        invalidateAfterCommit();
        return (String) em.createNativeQuery("SELECT version FROM versions WHERE name = ?1").setParameter(1, key)
                .getSingleResult();
    }

    private void invalidateAfterCommit() {
        snapshot = null;
        AfterTransaction.ended(transactions, () -> snapshot = null);
        cluster.invalidateAfterCommit("settings");
    }

    /** Another application or node changed something that decides access. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void onInvalidation(@Observes CachesInvalidated invalidation) {
        snapshot = null;
    }
}
