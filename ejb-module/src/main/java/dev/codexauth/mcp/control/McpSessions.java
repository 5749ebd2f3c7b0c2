package dev.codexauth.mcp.control;

import dev.codexauth.host.entity.Host;
import dev.codexauth.mcp.entity.McpSession;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * MCP sessions in the database, so a session opened on one node is served by any other. The id handed to the
 * client is random (256 bits); only its SHA-256 is stored. A session belongs to the caller that opened it: another
 * caller presenting its id gets the same 404 as for an unknown id. Idle sessions expire.
 */
@Stateless
public class McpSessions {

    /** How often at most the last use of a session is written: not on every request. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "mcp.session.idle.minutes", defaultValue = "1440")
    int idleMinutes;

    /** @return the session id for the {@code Mcp-Session-Id} header */
    public String open(McpCaller caller, String protocolVersion, String clientName, String clientVersion) {
        String id = Hashes.randomUrlSafe(32);
        em.persist(new McpSession(Hashes.sha256Hex(id), caller.subject(), caller.hostId(), protocolVersion,
                cut(clientName, 128), cut(clientVersion, 64), now()));
        return id;
    }

    /** The caller's live session with this id, its last use moved forward; empty when unknown, expired or another's. */
    public Optional<McpSession> find(String id, McpCaller caller) {
        McpSession session = owned(id, caller);
        if (session == null) {
            return Optional.empty();
        }
        LocalDateTime now = now();
        if (session.getLastUsedAt().isBefore(now.minusMinutes(Math.max(1, idleMinutes)))) {
            em.remove(session);
            return Optional.empty();
        }
        if (session.getLastUsedAt().isBefore(now.minus(TOUCH_INTERVAL))) {
            session.setLastUsedAt(now);
        }
        return Optional.of(session);
    }

    /** A session row and the row of the host whose key was presented with it. */
    public record WithHost(McpSession session, Host host) {
    }

    /**
     * The session with this id and the host behind this key, read in one statement without a transaction, when the
     * host opened the session and {@link #find} would return it and write nothing (its last use is recent enough);
     * empty for anything else, which the full path then decides. Whether the host may call is the caller's to check.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<WithHost> unchangedWithHost(String id, String key) {
        if (!plausible(id) || key == null || key.isEmpty()) {
            return Optional.empty();
        }
        List<Object[]> rows = em.createQuery("SELECT s, h FROM McpSession s, Host h WHERE s.idHash = :session AND h.apiKeyHash = :key",
                Object[].class).setParameter("session", Hashes.sha256Hex(id)).setParameter("key", Hashes.sha256Hex(key)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        WithHost both = new WithHost((McpSession) rows.get(0)[0], (Host) rows.get(0)[1]);
        boolean unchanged = both.session().getCaller().equals(new HostCaller(both.host()).subject())
                && !both.session().getLastUsedAt().isBefore(now().minus(TOUCH_INTERVAL));
        return unchanged ? Optional.of(both) : Optional.empty();
    }

    /** The row of the session with this id when the caller opened it, else null (unknown, malformed or another's id). */
    private McpSession owned(String id, McpCaller caller) {
        if (!plausible(id)) {
            return null;
        }
        McpSession session = em.find(McpSession.class, Hashes.sha256Hex(id));
        return session != null && session.getCaller().equals(caller.subject()) ? session : null;
    }

    private static boolean plausible(String id) {
        return id != null && !id.isEmpty() && id.length() <= 128;
    }

    /** Ends the caller's session; false when there was none. */
    public boolean close(String id, McpCaller caller) {
        Optional<McpSession> session = find(id, caller);
        session.ifPresent(em::remove);
        return session.isPresent();
    }

    /** Sessions idle for longer than the limit are removed every quarter hour (on any node; deleting twice is harmless). */
    @Schedule(hour = "*", minute = "*/15", second = "5", persistent = false)
    public void purgeIdle() {
        em.createQuery("DELETE FROM McpSession s WHERE s.lastUsedAt < :cutoff")
                .setParameter("cutoff", now().minusMinutes(Math.max(1, idleMinutes))).executeUpdate();
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
