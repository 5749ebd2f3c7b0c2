package dev.codexauth.host.control;

import dev.codexauth.host.entity.HostUser;
import dev.codexauth.http.JsonInput;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** Local accounts seen on a host ({@code POST /host/users}), which {@code cdx --uninstall} cleans up. */
@Stateless
public class HostUsers {

    /** One account as hosts and admins see it. */
    public record User(String username, String hostname, String firstSeen, String lastSeen) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Events events;

    @EJB
    HostAuthenticator authenticator;

    /**
     * Records the account of body {@code {username, hostname?}} (strings; an empty name records nothing) and returns
     * every account of the host by name.
     */
    public List<User> report(HostCredentials credentials, JsonObject body) {
        long hostId = authenticator.authenticate(credentials, false).getId();
        String user = cut(JsonInput.text(body, "username").orElse(""));
        if (!user.isEmpty()) {
            String host = cut(JsonInput.text(body, "hostname").orElse(""));
            String now = Timestamps.format(Instant.now());
            em.createNativeQuery("INSERT INTO host_users (host_id, username, hostname, first_seen, last_seen) VALUES (?1, ?2, ?3, ?4, ?4)"
                            + " ON DUPLICATE KEY UPDATE hostname = VALUES(hostname), last_seen = VALUES(last_seen)")
                    .setParameter(1, hostId).setParameter(2, user).setParameter(3, host.isEmpty() ? null : host).setParameter(4, now)
                    .executeUpdate();
            events.record(hostId, "host.user", Events.details("username", user, "hostname", host.isEmpty() ? null : host));
        }
        return list(hostId);
    }

    public List<User> list(long hostId) {
        return em.createQuery("SELECT u FROM HostUser u WHERE u.hostId = :host ORDER BY u.username", HostUser.class)
                .setParameter("host", hostId).getResultList().stream()
                .map(u -> new User(u.getUsername(), u.getHostname(), Timestamps.format(u.getFirstSeen()), Timestamps.format(u.getLastSeen())))
                .toList();
    }

    /** Trimmed and cut to 255 bytes of UTF-8 without splitting a character. */
    static String cut(String value) {
        String trimmed = value.trim();
        int bytes = 0;
        int end = 0;
        while (end < trimmed.length()) {
            int codePoint = trimmed.codePointAt(end);
            bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes > 255) {
                break;
            }
            end += Character.charCount(codePoint);
        }
        return trimmed.substring(0, end);
    }
}
