package dev.codexauth.provider.control;

import dev.codexauth.host.control.HostAuthenticator;
import dev.codexauth.host.control.HostCredentials;
import dev.codexauth.http.JsonInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.EventBuffer;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Encryption;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The fleet's provider credentials (today the Claude Code OAuth token): sealed like the canonical auth.json, one
 * active per kind, every earlier one kept as history. Hosts fetch the active one by comparing its SHA-256 with the
 * one they hold, so an unchanged credential never travels twice.
 */
@Stateless
public class ProviderCredentials {

    public static final String CLAUDE = "claude_code_oauth";

    /** A credential without its secret: what admins and status endpoints see. */
    public record Summary(long id, String kind, String fingerprint, String expiresAt, String setBy, String setAt, boolean active,
                          boolean expired) {
    }

    /** What a host gets: {@code ok} with the token, {@code unchanged} or {@code missing}. */
    public record ForHost(String status, String token, String sha256, String expiresAt) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Encryption encryption;

    @EJB
    HostAuthenticator authenticator;

    @Inject
    EventBuffer events;

    public Summary store(String kind, String secret, Instant expiresAt, String setBy) {
        LocalDateTime now = Timestamps.toUtcDateTime(Instant.now());
        em.createNativeQuery("UPDATE provider_credentials SET active = 0 WHERE kind = ?1 AND active = 1").setParameter(1, kind).executeUpdate();
        em.createNativeQuery("INSERT INTO provider_credentials (kind, payload_enc, payload_sha256, expires_at, set_by, set_at, active) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)")
                .setParameter(1, kind).setParameter(2, encryption.seal(secret)).setParameter(3, Hashes.sha256Hex(secret))
                .setParameter(4, Timestamps.toUtcDateTime(expiresAt)).setParameter(5, setBy).setParameter(6, now).executeUpdate();
        return history(kind).get(0);
    }

    public List<Summary> history(String kind) {
        List<?> rows = em.createNativeQuery("SELECT id, kind, payload_sha256, expires_at, set_by, set_at, active FROM provider_credentials "
                + "WHERE kind = ?1 ORDER BY id DESC LIMIT 50").setParameter(1, kind).getResultList();
        LocalDateTime now = Timestamps.toUtcDateTime(Instant.now());
        return rows.stream().map(Object[].class::cast).map(row -> {
            LocalDateTime expires = Timestamps.utcColumn(row[3]);
            return new Summary(((Number) row[0]).longValue(), (String) row[1], ((String) row[2]).substring(0, 12), Timestamps.format(expires),
                    (String) row[4], Timestamps.format(Timestamps.utcColumn(row[5])), flag(row[6]), expires != null && !expires.isAfter(now));
        }).toList();
    }

    public Optional<Summary> active(String kind) {
        return history(kind).stream().filter(Summary::active).findFirst();
    }

    /** {@code POST /claude/retrieve}: the host (under the host policy of every host route) and the sha it holds. */
    public ForHost hostRetrieve(HostCredentials host, JsonObject body) {
        long hostId = authenticator.authenticate(host, false).getId();
        String held = JsonInput.text(body, "sha256").orElse("");
        if (!held.isEmpty() && !held.matches("[0-9a-fA-F]{64}")) {
            throw ValidationFailed.of("sha256", "sha256 is the 64 hex characters of the token the host holds, or empty");
        }
        ForHost answer = forHost(CLAUDE, held);
        events.record(hostId, "claude.retrieve", Events.details("status", answer.status()));
        return answer;
    }

    /** The active credential for a host that holds the one with {@code heldSha256} (or none). */
    public ForHost forHost(String kind, String heldSha256) {
        List<?> rows = em.createNativeQuery("SELECT payload_enc, payload_sha256, expires_at FROM provider_credentials WHERE kind = ?1 AND active = 1")
                .setParameter(1, kind).getResultList();
        if (rows.isEmpty()) {
            return new ForHost("missing", null, null, null);
        }
        Object[] row = (Object[]) rows.get(0);
        String sha = (String) row[1];
        String expires = Timestamps.format(Timestamps.utcColumn(row[2]));
        if (sha.equalsIgnoreCase(heldSha256 == null ? "" : heldSha256)) {
            return new ForHost("unchanged", null, sha, expires);
        }
        return new ForHost("ok", encryption.openText((String) row[0]), sha, expires);
    }

    /** A {@code TINYINT(1)}, which the driver reads as a Boolean. */
    private static boolean flag(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() == 1;
    }

}
