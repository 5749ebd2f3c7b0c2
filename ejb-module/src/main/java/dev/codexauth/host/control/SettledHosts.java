package dev.codexauth.host.control;

import dev.codexauth.cluster.control.CachesInvalidated;
import dev.codexauth.host.entity.Host;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.security.control.IpAddresses;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The host behind a key, from memory, for the sync reads ({@code /config/retrieve}, prompts and skills) when
 * {@link HostAuthenticator#authenticate} would accept the call and write nothing: a settled host
 * ({@link Host#isSettled()}) calling from its bound IP before its activity row is due again. The row is read at most
 * once per key and {@code SETTINGS_CACHE_MILLIS}, the freshness every host request already relies on for the
 * settings; changes to hosts and settings anywhere in the cluster drop everything. Any other call takes the full
 * path, which also refuses in the original's order.
 */
@ApplicationScoped
public class SettledHosts {

    private static final int MAX_KEYS = 50_000;

    @Inject
    HostRows hosts;

    @EJB
    HostActivityTracker activity;

    @Inject
    @ConfigProperty(name = "settings.cache.millis", defaultValue = "1000")
    long cacheMillis;

    /** What the key named when it was read: a settled host, or null for anything else (unknown, disabled, unbound...). */
    private record Read(Host settledHost, long atNanos) {
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

    /** Only an existing instance is told: one created by the event has nothing to drop. */
    void onInvalidation(@Observes(notifyObserver = Reception.IF_EXISTS) CachesInvalidated invalidation) {
        reads.clear();
    }

    private Host read(String key) {
        String keyHash = Hashes.sha256Hex(key);
        long now = System.nanoTime();
        Read cached = reads.get(keyHash);
        if (cached != null && now - cached.atNanos() < cacheMillis * 1_000_000L) {
            return cached.settledHost();
        }
        Host found = hosts.byKey(key).filter(Host::isSettled).orElse(null);
        if (reads.size() >= MAX_KEYS) {
            reads.clear();
        }
        reads.put(keyHash, new Read(found, now));
        return found;
    }
}
