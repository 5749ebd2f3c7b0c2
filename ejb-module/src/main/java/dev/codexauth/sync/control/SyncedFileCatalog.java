package dev.codexauth.sync.control;

import dev.codexauth.cluster.control.CachesInvalidated;
import dev.codexauth.sync.entity.SyncedFile;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The prompts and skills as hosts read them on every run, retired ones included: read at most once per kind and
 * settings-cache period. A change committed by this application drops the copies of every node at once; the admin
 * application of a node without clustering shares no event with the host API, so its changes show there within that
 * period, like the fleet {@code config.toml}'s ({@link StoredConfig}). With {@code SETTINGS_CACHE_MILLIS=0} every read
 * goes to the database.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class SyncedFileCatalog {

    /** One file as a host gets it, copied out of its row. */
    public record HostFile(long id, String name, String sha256, String firstMetadata, String secondMetadata, Instant updatedAt,
                           Instant deletedAt, String content) {
    }

    /** Every file of one kind in name order, and the manifest hosts list. */
    public record Snapshot(List<HostFile> files, JsonObject listing, Map<String, HostFile> byFoldedName, long atNanos) {

        /** Names compare as the table's case-insensitive collation does ({@code [A-Za-z0-9._-]} only, so folding case is all of it). */
        public Optional<HostFile> find(String name) {
            return Optional.ofNullable(byFoldedName.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "settings.cache.millis", defaultValue = "1000")
    long cacheMillis;

    private final Map<SyncedFileKind, Snapshot> snapshots = new EnumMap<>(SyncedFileKind.class);

    public Snapshot current(SyncedFileKind kind) {
        Snapshot cached;
        synchronized (snapshots) {
            cached = snapshots.get(kind);
        }
        if (cached != null && System.nanoTime() - cached.atNanos() < cacheMillis * 1_000_000L) {
            return cached;
        }
        long readAt = System.nanoTime();
        List<HostFile> files = em.createQuery("SELECT f FROM " + kind.entityName + " f ORDER BY f." + kind.nameField, SyncedFile.class)
                .getResultList().stream().map(SyncedFileCatalog::copy).toList();
        Snapshot loaded = new Snapshot(files, SyncedFileAnswers.listing(kind, files),
                files.stream().collect(Collectors.toMap(file -> file.name().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a)),
                readAt);
        synchronized (snapshots) {
            snapshots.put(kind, loaded);
        }
        return loaded;
    }

    /** A file changed (here or on another node, {@link SyncedFiles}) or anything else did: the next read goes to the database. */
    public void onInvalidation(@Observes CachesInvalidated invalidation) {
        synchronized (snapshots) {
            snapshots.clear();
        }
    }

    static HostFile copy(SyncedFile row) {
        return new HostFile(row.getId(), row.name(), row.getSha256(), row.firstMetadata(), row.secondMetadata(), row.getUpdatedAt(),
                row.getDeletedAt(), row.content());
    }
}
