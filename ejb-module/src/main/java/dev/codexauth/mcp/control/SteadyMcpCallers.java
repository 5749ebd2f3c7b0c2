package dev.codexauth.mcp.control;

import dev.codexauth.cluster.control.CachesInvalidated;
import dev.codexauth.host.control.HostActivityTracker;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.host.control.SettledHosts;
import dev.codexauth.mcp.entity.McpSession;
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
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The caller and session of an MCP call from a settled host ({@link dev.codexauth.host.entity.Host#isSettled()}),
 * answered from memory: no transaction and no query. The answer is the one the full path ({@link McpAuthentication})
 * gave for the same key, session and IP at most {@code SETTINGS_CACHE_MILLIS} ago, the freshness every host request
 * already relies on for the settings, and never past the moment the full path would write the host's activity row.
 * Changes to hosts and settings anywhere in the cluster drop everything; a session ended on this node is dropped at
 * once. Person tokens, insecure and temporary hosts always take the full path. An answer grown too old is read again
 * (host row and session row, no transaction) when nothing would be written; the full path runs otherwise.
 */
@ApplicationScoped
public class SteadyMcpCallers {

    private static final int MAX_ENTRIES = 50_000;

    @Inject
    @ConfigProperty(name = "settings.cache.millis", defaultValue = "1000")
    long cacheMillis;

    @Inject
    SettledHosts settledHosts;

    @EJB
    McpSessions sessionStore;

    @EJB
    HostActivityTracker activity;

    /** What the full path established for a settled host: its caller, the IP it is bound to, when its activity is next written. */
    public record Settled(HostCaller caller, String boundIp, Instant writesDueAt) {
    }

    /** One live session of a settled host, with the SHA-256 of the key that opened it. */
    private record Remembered(String keyHash, Settled settled, McpSession session, long atNanos) {
    }

    /** Keyed by the SHA-256 of the session id, like the sessions table. */
    private final ConcurrentHashMap<String, Remembered> sessions = new ConcurrentHashMap<>();

    /**
     * The caller and session of this request: the remembered answer when it is still good for this key, session and
     * IP, else the full path's answer, which is then remembered when it is a settled host's live session.
     */
    public McpAuthentication.Authenticated authenticated(HostCredentials credentials, String sessionId,
                                                         Supplier<McpAuthentication.Authenticated> fullPath) {
        String key = credentials.key();
        // With the cache off (SETTINGS_CACHE_MILLIS=0) nothing remembered could ever be used: no hashing, no entries.
        if (cacheMillis <= 0 || key == null || key.isEmpty() || sessionId == null || sessionId.isEmpty()) {
            return fullPath.get();
        }
        String keyHash = Hashes.sha256Hex(key);
        String sessionHash = Hashes.sha256Hex(sessionId);
        Remembered remembered = sessions.get(sessionHash);
        if (remembered != null && stillGood(remembered, keyHash, credentials.clientIp())) {
            return new McpAuthentication.Authenticated(remembered.settled().caller(), remembered.session(), remembered.settled());
        }
        McpAuthentication.Authenticated found = remembered != null && remembered.keyHash().equals(keyHash)
                ? reread(credentials, sessionId, remembered).orElseGet(fullPath) : fullPath.get();
        if (found.settled() != null && found.session() != null) {
            if (sessions.size() >= MAX_ENTRIES) {
                sessions.clear();
            }
            sessions.put(sessionHash, new Remembered(keyHash, found.settled(), found.session(), System.nanoTime()));
        }
        return found;
    }

    /**
     * A remembered answer grown too old, read again without the full path's transaction: the session row and the host
     * row in one statement, when both are still what the full path would accept without writing anything (the host
     * judged as {@link SettledHosts} judges the sync reads); empty otherwise, and the full path decides.
     */
    private Optional<McpAuthentication.Authenticated> reread(HostCredentials credentials, String sessionId, Remembered remembered) {
        return sessionStore.unchangedWithHost(sessionId, credentials.key())
                .filter(both -> both.host().getId() == remembered.settled().caller().id())
                .flatMap(both -> settledHosts.acceptable(both.host(), credentials).map(host -> {
                    HostCaller caller = new HostCaller(host);
                    return new McpAuthentication.Authenticated(caller, both.session(),
                            new Settled(caller, host.getIp(), activity.rewriteDueAt(host.getId())));
                }));
    }

    /** A session ended here is refused at once on this node (other nodes within {@code SETTINGS_CACHE_MILLIS}). */
    public void forgetSession(String sessionId) {
        if (sessionId != null) {
            sessions.remove(Hashes.sha256Hex(sessionId));
        }
    }

    /** Only an existing instance is told: one created by the event has nothing to drop. */
    void onInvalidation(@Observes(notifyObserver = Reception.IF_EXISTS) CachesInvalidated invalidation) {
        sessions.clear();
    }

    private boolean stillGood(Remembered remembered, String keyHash, String clientIp) {
        return remembered.keyHash().equals(keyHash)
                && System.nanoTime() - remembered.atNanos() < cacheMillis * 1_000_000L
                && Instant.now().isBefore(remembered.settled().writesDueAt())
                && IpAddresses.same(remembered.settled().boundIp(), clientIp);
    }
}
