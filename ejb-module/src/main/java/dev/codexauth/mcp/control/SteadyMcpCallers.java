package dev.codexauth.mcp.control;

import dev.codexauth.cluster.control.CachesInvalidated;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.mcp.entity.McpSession;
import dev.codexauth.security.control.Hashes;
import dev.codexauth.security.control.IpAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The caller and session of an MCP call from a settled host, answered from memory: no transaction and no query.
 * A host is settled when it is active, secure, permanent and bound to an IP; the answer is the one the full path
 * ({@link McpAuthentication}) gave for the same key, session and IP at most {@code SETTINGS_CACHE_MILLIS} ago, the
 * freshness every host request already relies on for the settings, and never past the moment the full path would
 * write the host's activity row. Changes to hosts and settings anywhere in the cluster drop everything; a session
 * ended on this node is dropped at once. Person tokens, insecure and temporary hosts always take the full path.
 */
@ApplicationScoped
public class SteadyMcpCallers {

    private static final int MAX_ENTRIES = 50_000;

    @Inject
    @ConfigProperty(name = "settings.cache.millis", defaultValue = "1000")
    long cacheMillis;

    /** What the full path established for a settled host: its caller, the IP it is bound to, when its activity is next written. */
    public record Settled(HostCaller caller, String boundIp, Instant writesDueAt) {
    }

    private record CachedCaller(Settled settled, long atNanos) {
    }

    private record CachedSession(McpSession session, String caller, long atNanos) {
    }

    /** Keyed by the SHA-256 of the presented key, like the hosts table. */
    private final ConcurrentHashMap<String, CachedCaller> callers = new ConcurrentHashMap<>();

    /** Keyed by the SHA-256 of the session id, like the sessions table. */
    private final ConcurrentHashMap<String, CachedSession> sessions = new ConcurrentHashMap<>();

    /** The caller and session the full path would find, or empty when this request must take it. */
    public Optional<McpAuthentication.Authenticated> find(HostCredentials credentials, String sessionId) {
        if (credentials.key() == null || credentials.key().isEmpty() || sessionId == null || sessionId.isEmpty()) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        CachedCaller cached = callers.get(Hashes.sha256Hex(credentials.key()));
        if (cached == null || stale(cached.atNanos(), now) || !Instant.now().isBefore(cached.settled().writesDueAt())
                || !IpAddresses.same(cached.settled().boundIp(), credentials.clientIp())) {
            return Optional.empty();
        }
        CachedSession session = sessions.get(Hashes.sha256Hex(sessionId));
        if (session == null || stale(session.atNanos(), now) || !session.caller().equals(cached.settled().caller().subject())) {
            return Optional.empty();
        }
        return Optional.of(new McpAuthentication.Authenticated(cached.settled().caller(), session.session(), cached.settled()));
    }

    /** Remembers what the full path found; only a settled host with a live session is remembered. */
    public void remember(HostCredentials credentials, String sessionId, McpAuthentication.Authenticated found) {
        if (found.settled() == null || found.session() == null || sessionId == null) {
            return;
        }
        if (callers.size() >= MAX_ENTRIES || sessions.size() >= MAX_ENTRIES) {
            clear();
        }
        long now = System.nanoTime();
        callers.put(Hashes.sha256Hex(credentials.key()), new CachedCaller(found.settled(), now));
        sessions.put(Hashes.sha256Hex(sessionId), new CachedSession(found.session(), found.caller().subject(), now));
    }

    /** A session ended here is refused at once on this node (other nodes within {@code SETTINGS_CACHE_MILLIS}). */
    public void forgetSession(String sessionId) {
        if (sessionId != null) {
            sessions.remove(Hashes.sha256Hex(sessionId));
        }
    }

    /** Only an existing instance is told: one created by the event has nothing to drop. */
    void onInvalidation(@Observes(notifyObserver = Reception.IF_EXISTS) CachesInvalidated invalidation) {
        clear();
    }

    private void clear() {
        callers.clear();
        sessions.clear();
    }

    private boolean stale(long atNanos, long nowNanos) {
        return nowNanos - atNanos >= cacheMillis * 1_000_000L;
    }
}
