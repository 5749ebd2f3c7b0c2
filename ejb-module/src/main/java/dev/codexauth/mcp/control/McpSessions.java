package dev.codexauth.mcp.control;

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

    /**
     * The caller's live session with this id when {@link #find} would return it and write nothing (its last use is
     * recent enough), read without a transaction; empty for anything else, which {@link #find} then decides.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<McpSession> unchanged(String id, McpCaller caller) {
        return Optional.ofNullable(owned(id, caller)).filter(session -> !session.getLastUsedAt().isBefore(now().minus(TOUCH_INTERVAL)));
    }

    /** The row of the session with this id when the caller opened it, else null (unknown, malformed or another's id). */
    private McpSession owned(String id, McpCaller caller) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return null;
        }
        McpSession session = em.find(McpSession.class, Hashes.sha256Hex(id));
        return session != null && session.getCaller().equals(caller.subject()) ? session : null;
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
