package dev.codexauth.identity.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Browser sign-in for command-line clients (spec/identity.md, shaped like RFC 8628 device authorization): a client
 * starts a session and gets a single-use poll token (only its hash is stored), a person approves it on the sign-in
 * page, the client polls no faster than the interval and consumes the approved session once for an install token.
 * Consumption is one conditional UPDATE, so when several clients race exactly one wins; the token is minted in the
 * same transaction, so a failed mint leaves the session approved.
 */
@Stateless
public class CliSignIns {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int INTERVAL_SECONDS = 5;
    static final String LABEL = "Browser sign-in";

    /** What {@code POST /xo-auth/start} answers. */
    public record Started(String authorizeUrl, String authSessionId, String pollToken, long expiresIn, int interval) {
    }

    /**
     * A session as the approval page and {@code /xo-auth/state} show it: never the poll token, nor who decided it. The
     * scopes and the address it was started from are for the person deciding, who should deny what they did not start.
     */
    public record State(String authSessionId, String status, String client, List<String> scopes, String requestedFrom,
                        String createdAt, String expiresAt) {
    }

    /** What consuming an approved session yields. */
    public record Consumed(String accessToken, String tokenType, Long expiresIn, String userId, String workspace) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    LlmTokens tokens;

    /** @param scopes what the token will carry once approved ({@link Scopes#requested}: the default three when not asked) */
    public Started start(String baseUrl, String client, String clientIp, Set<String> scopes) {
        String id = Hashes.randomHex(16);
        String pollToken = Hashes.randomUrlSafe(32);
        Instant now = Instant.now();
        em.createNativeQuery("INSERT INTO signin_sessions (id, poll_token_hash, client, client_ip, scopes, status, interval_seconds, "
                        + "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?8, 'pending', ?5, ?6, ?7)")
                .setParameter(1, id).setParameter(2, Hashes.sha256Hex(pollToken)).setParameter(3, client).setParameter(4, clientIp)
                .setParameter(5, INTERVAL_SECONDS).setParameter(6, Timestamps.toUtcDateTime(now))
                .setParameter(7, Timestamps.toUtcDateTime(now.plus(LIFETIME))).setParameter(8, String.join(" ", scopes)).executeUpdate();
        return new Started(baseUrl + "/signin?auth_session_id=" + id, id, pollToken, LIFETIME.toSeconds(), INTERVAL_SECONDS);
    }

    /**
     * The status for a client holding the poll token; polling before {@code interval} seconds since its last poll is
     * 429 {@code slow_down} with {@code Retry-After}.
     */
    public String status(String id, String pollToken) {
        Object[] row = owned(id, pollToken);
        LocalDateTime now = Timestamps.toUtcDateTime(Instant.now());
        int interval = ((Number) row[2]).intValue();
        int polled = em.createNativeQuery("UPDATE signin_sessions SET last_polled_at = ?1 WHERE id = ?2 AND "
                        + "(last_polled_at IS NULL OR last_polled_at <= ?3)")
                .setParameter(1, now).setParameter(2, id).setParameter(3, now.minusSeconds(interval)).executeUpdate();
        if (polled == 0) {
            throw new ApiException(429, "slow_down", "slow_down", null, null, Map.of("Retry-After", String.valueOf(interval)));
        }
        return effectiveStatus(row);
    }

    /** The session for the approval page, or by anyone who knows its id: no secret and no person in it. */
    public State state(String id) {
        List<?> rows = em.createNativeQuery("SELECT id, status, client, created_at, expires_at, scopes, client_ip FROM signin_sessions "
                + "WHERE id = ?1").setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw unknown();
        }
        Object[] row = (Object[]) rows.get(0);
        String status = "pending".equals(row[1]) && expired(row[4]) ? "expired" : (String) row[1];
        return new State((String) row[0], status, (String) row[2], List.copyOf(askedFor((String) row[5])), (String) row[6],
                Timestamps.format(Columns.utc(row[3])), Timestamps.format(Columns.utc(row[4])));
    }

    /** The signed-in person approves (or denies) a pending session; deciding twice is 409. */
    public State decide(String id, Member member, boolean approve) {
        State current = state(id);
        if ("expired".equals(current.status())) {
            throw new ApiException(410, "expired", "This sign-in request expired; start again from the command line");
        }
        int changed = em.createNativeQuery("UPDATE signin_sessions SET status = ?1, person_id = ?2, workspace_id = ?3, decided_at = ?4 "
                        + "WHERE id = ?5 AND status = 'pending' AND expires_at > ?4")
                .setParameter(1, approve ? "approved" : "denied").setParameter(2, member.personId()).setParameter(3, member.workspaceId())
                .setParameter(4, Timestamps.toUtcDateTime(Instant.now())).setParameter(5, id).executeUpdate();
        if (changed == 0) {
            throw new ApiException(409, "already_decided", "This sign-in request was already " + current.status());
        }
        return state(id);
    }

    /** Exchanges an approved session for an install token, once. */
    public Consumed consume(String id, String pollToken) {
        Object[] row = owned(id, pollToken);
        LocalDateTime now = Timestamps.toUtcDateTime(Instant.now());
        int won = em.createNativeQuery("UPDATE signin_sessions SET status = 'consumed', consumed_at = ?1 WHERE id = ?2 AND poll_token_hash = ?3 "
                        + "AND status = 'approved' AND expires_at > ?1")
                .setParameter(1, now).setParameter(2, id).setParameter(3, Hashes.sha256Hex(pollToken)).executeUpdate();
        if (won == 0) {
            // A locking read: this transaction's snapshot predates a winner that committed while we waited for the row.
            Object[] current = (Object[]) em.createNativeQuery("SELECT id, status, interval_seconds, client, expires_at FROM signin_sessions "
                    + "WHERE id = ?1 LOCK IN SHARE MODE").setParameter(1, id).getSingleResult();
            String status = effectiveStatus(current);
            switch (status) {
                case "consumed" -> throw new ApiException(409, "already_consumed", "already consumed");
                case "expired" -> throw new ApiException(410, "expired", "expired");
                case "denied" -> throw new ApiException(403, "denied", "the sign-in was denied");
                default -> throw new ApiException(425, "authorization_pending", "not approved yet");
            }
        }
        Member member = member(id);
        LlmTokens.Minted minted = tokens.mint(member, Json.createObjectBuilder().add("label", LABEL + (row[3] == null ? "" : " (" + row[3] + ")"))
                .add("scopes", Json.createArrayBuilder(askedFor((String) row[6]))).build());
        em.createNativeQuery("UPDATE signin_sessions SET token_id = ?1 WHERE id = ?2").setParameter(1, minted.id()).setParameter(2, id)
                .executeUpdate();
        return new Consumed(minted.token(), "Bearer", null, member.userId(), member.workspaceSlug());
    }

    private Member member(String id) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT p.id, p.clerk_user_id, p.email, w.id, w.slug, COALESCE(m.role, 'member') "
                + "FROM signin_sessions s JOIN people p ON p.id = s.person_id JOIN workspaces w ON w.id = s.workspace_id "
                + "LEFT JOIN workspace_members m ON m.person_id = p.id AND m.workspace_id = w.id WHERE s.id = ?1")
                .setParameter(1, id).getSingleResult();
        return new Member(Columns.number(row[0]), (String) row[1], (String) row[2], Columns.number(row[3]), (String) row[4], (String) row[5]);
    }

    /** id, status, interval, client, expires_at, (hash), scopes of a session whose poll token matches; 404 unknown, 401 wrong token. */
    private Object[] owned(String id, String pollToken) {
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            throw unknown();
        }
        List<?> rows = em.createNativeQuery("SELECT id, status, interval_seconds, client, expires_at, poll_token_hash, scopes FROM signin_sessions "
                + "WHERE id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            throw unknown();
        }
        Object[] row = (Object[]) rows.get(0);
        if (pollToken == null || !Hashes.constantTimeEquals((String) row[5], Hashes.sha256Hex(pollToken))) {
            throw new ApiException(401, "invalid_poll_token", "poll_token does not match this sign-in session");
        }
        return row;
    }

    /** The scopes a session asked for; one started before sessions named them (a rolling upgrade) gets the default three. */
    private static Set<String> askedFor(String stored) {
        return stored == null || stored.isBlank() ? Scopes.DEFAULT : Scopes.parse(stored);
    }

    private static String effectiveStatus(Object[] row) {
        String status = (String) row[1];
        return ("pending".equals(status) || "approved".equals(status)) && expired(row[4]) ? "expired" : status;
    }

    private static boolean expired(Object expiresAt) {
        return !Columns.utc(expiresAt).isAfter(Timestamps.toUtcDateTime(Instant.now()));
    }

    private static ApiException unknown() {
        return new ApiException(404, "unknown_session", "unknown sign-in session");
    }
}
