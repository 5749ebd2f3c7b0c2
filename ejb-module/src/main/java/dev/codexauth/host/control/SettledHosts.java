package dev.codexauth.host.control;

import dev.codexauth.cluster.control.CachesInvalidated;
import dev.codexauth.host.entity.Host;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.security.control.IpAddresses;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The host behind a key, from memory, for the sync reads ({@code /config/retrieve}, prompts and skills) when
 * {@link HostAuthenticator#authenticate} would accept the call and write nothing: a settled host
 * ({@link Host#isSettled()}) calling from its bound IP before its activity row is due again. What is answered is never
 * older than {@code SETTINGS_CACHE_MILLIS}, the freshness every host request already relies on for the settings;
 * changes to hosts and settings anywhere in the cluster drop everything. Any other call takes the full path, which
 * also refuses in the original's order.
 *
 * <p>Every half {@code SETTINGS_CACHE_MILLIS} the keys answered from since they were read, and read at least that long
 * ago, are read again in the background, all together ({@link HostRows#byKeyHashes}), so a steady caller never waits
 * for its row; a key nobody used is dropped once its read is too old, and its next call reads it in line.
 */
@ApplicationScoped
public class SettledHosts {

    private static final Logger LOG = Logger.getLogger(SettledHosts.class.getName());
    private static final int MAX_KEYS = 50_000;

    @Inject
    HostRows hosts;

    @EJB
    HostActivityTracker activity;

    @Inject
    @ConfigProperty(name = "settings.cache.millis", defaultValue = "1000")
    long cacheMillis;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> refresher;

    /** What the key named when it was read: a settled host, or null for anything else (unknown, disabled, unbound...). */
    static final class Read {
        final Host settledHost;
        final long atNanos;
        /** Answered from since it was read: worth reading again before it is too old. */
        volatile boolean inUse;

        Read(Host settledHost, long atNanos) {
            this.settledHost = settledHost;
            this.atNanos = atNanos;
        }
    }

    /** Keyed by the SHA-256 of the presented key, like the hosts table. */
    private final ConcurrentHashMap<String, Read> reads = new ConcurrentHashMap<>();

    /** A detached copy of the caller's row, never to be changed; empty when the call needs the full path. */
    public Optional<Host> settled(HostCredentials credentials) {
        String key = credentials.key();
        // With the cache off (SETTINGS_CACHE_MILLIS=0) nothing read could ever be used: no hashing, no entries.
        if (cacheMillis <= 0 || key == null || key.isEmpty()) {
            return Optional.empty();
        }
        return acceptable(read(key), credentials);
    }

    /**
     * The same decision for a host row read elsewhere (with a session row, for MCP): the row when a call with these
     * credentials would be accepted and write nothing, else empty.
     */
    public Optional<Host> acceptable(Host row, HostCredentials credentials) {
        if (row == null || !row.isSettled() || !IpAddresses.same(row.getIp(), credentials.clientIp())
                || !Instant.now().isBefore(activity.rewriteDueAt(row.getId()))) {
            return Optional.empty();
        }
        return Optional.of(row);
    }

    @PostConstruct
    void startRefreshing() {
        if (cacheMillis > 1) {
            long every = cacheMillis / 2;
            refresher = scheduler.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stopRefreshing() {
        if (refresher != null) {
            refresher.cancel(false);
        }
    }

    /**
     * Reads again every key answered from since its last read once that read is half its freshness old, and forgets
     * the unused ones that are too old. A replacement counts its age from before the statement and takes the place
     * only of the read it replaces, so an invalidation or a request's own read meanwhile wins.
     */
    void refresh() {
        long now = System.nanoTime();
        Map<String, Read> due = new HashMap<>();
        long freshNanos = cacheMillis * 1_000_000L;
        reads.forEach((keyHash, read) -> {
            long age = now - read.atNanos;
            if (read.inUse && age >= freshNanos / 2) {
                due.put(keyHash, read);
            } else if (!read.inUse && age >= freshNanos) {
                reads.remove(keyHash, read);
            }
        });
        if (due.isEmpty()) {
            return;
        }
        try {
            Map<String, Host> rows = hosts.byKeyHashes(due.keySet());
            due.forEach((keyHash, read) -> reads.replace(keyHash, read,
                    new Read(settledOrNull(rows.get(keyHash)), now)));
        } catch (PersistenceException unreadable) {
            // The reads age as they would have without a refresh: the next calls read their rows in line.
            LOG.log(Level.FINE, "Settled hosts not refreshed", unreadable);
        } catch (RuntimeException unexpected) {
            // Caught so that the schedule goes on: an escaping exception would end every later refresh.
            LOG.log(Level.WARNING, "Settled hosts not refreshed", unexpected);
        }
    }

    /** Only an existing instance is told: one created by the event has nothing to drop. */
    void onInvalidation(@Observes(notifyObserver = Reception.IF_EXISTS) CachesInvalidated invalidation) {
        reads.clear();
    }

    private Host read(String key) {
        String keyHash = Hashes.sha256Hex(key);
        long now = System.nanoTime();
        Read cached = reads.get(keyHash);
        if (cached != null && now - cached.atNanos < cacheMillis * 1_000_000L) {
            if (!cached.inUse) {
                cached.inUse = true;
            }
            return cached.settledHost;
        }
        Host found = settledOrNull(hosts.byKey(key).orElse(null));
        if (reads.size() >= MAX_KEYS) {
            reads.clear();
        }
        reads.put(keyHash, new Read(found, now));
        return found;
    }

    private static Host settledOrNull(Host row) {
        return row != null && row.isSettled() ? row : null;
    }
}
