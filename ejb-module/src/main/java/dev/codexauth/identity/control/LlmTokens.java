package dev.codexauth.identity.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.JsonInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/**
 * Minting, listing and revoking {@code xwllm_} tokens (spec/identity.md): {@code xwllm_} and 32 random bytes
 * (URL-safe base64), of which only the SHA-256 is stored; the token itself is in the one answer that mints it.
 * Revocation is a database write that every node's next lookup sees ({@link TokenAuthenticator} reads the row per
 * request).
 */
@Stateless
public class LlmTokens {

    public static final String PREFIX = "xwllm_";
    private static final int MAX_LABEL = 128;

    /** A token as listed: never the token itself. */
    public record Listed(long id, String prefix, String label, List<String> scopes, String workspace, String createdAt,
                        String expiresAt, String lastUsedAt, String lastUsedIp, String revokedAt, boolean active) {
    }

    /** The answer that mints a token: the only place its value appears. */
    public record Minted(long id, String token, String prefix, String label, List<String> scopes, String workspace,
                        String createdAt, String expiresAt) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Entitlements entitlements;

    @Inject
    TokenUse use;

    public Minted mint(Member member, JsonObject body) {
        String label = JsonInput.text(body, "label").orElseThrow(() -> ValidationFailed.of("label", "label is required"));
        if (label.isEmpty() || label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
            throw ValidationFailed.of("label", "label is 1 to " + MAX_LABEL + " characters without control characters");
        }
        Set<String> scopes = Scopes.requested(body.get("scopes"));
        Integer days = JsonInput.integer(body, "expires_in_days", 1, 3650, "expires_in_days must be a whole number from 1 to 3650")
                .orElse(null);
        entitlements.requireActive(member.workspaceId());
        String token = PREFIX + Hashes.randomUrlSafe(32);
        Instant now = Instant.now();
        Instant expires = days == null ? null : now.plus(Duration.ofDays(days));
        em.createNativeQuery("INSERT INTO llm_tokens (prefix, token_hash, label, scopes, person_id, workspace_id, created_at, expires_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, token.substring(0, 12)).setParameter(2, Hashes.sha256Hex(token)).setParameter(3, label)
                .setParameter(4, String.join(" ", scopes)).setParameter(5, member.personId()).setParameter(6, member.workspaceId())
                .setParameter(7, Timestamps.toUtcDateTime(now)).setParameter(8, expires == null ? null : Timestamps.toUtcDateTime(expires))
                .executeUpdate();
        long id = ((Number) em.createNativeQuery("SELECT id FROM llm_tokens WHERE token_hash = ?1")
                .setParameter(1, Hashes.sha256Hex(token)).getSingleResult()).longValue();
        return new Minted(id, token, token.substring(0, 12), label, List.copyOf(scopes), member.workspaceSlug(),
                Timestamps.format(now), Timestamps.format(expires));
    }

    public List<Listed> ofPerson(long personId) {
        return list("WHERE t.person_id = ?1", personId);
    }

    /** Every token of the server, newest first, for admins. */
    public List<Listed> all(int limit) {
        return list("WHERE ?1 = ?1", 1).stream().limit(limit).toList();
    }

    /** Revokes one of the person's tokens; revoking a revoked token changes nothing. */
    public Listed revokeOwn(long personId, long tokenId, String by) {
        Long owner = owner(tokenId);
        if (owner == null || owner != personId) {
            throw notFound();
        }
        return revoke(tokenId, by);
    }

    public Listed revoke(long tokenId, String by) {
        if (owner(tokenId) == null) {
            throw notFound();
        }
        em.createNativeQuery("UPDATE llm_tokens SET revoked_at = ?1, revoked_by = ?2 WHERE id = ?3 AND revoked_at IS NULL")
                .setParameter(1, Timestamps.toUtcDateTime(Instant.now())).setParameter(2, by).setParameter(3, tokenId).executeUpdate();
        return list("WHERE t.id = ?1", tokenId).get(0);
    }

    private Long owner(long tokenId) {
        List<?> found = em.createNativeQuery("SELECT person_id FROM llm_tokens WHERE id = ?1").setParameter(1, tokenId).getResultList();
        return found.isEmpty() ? null : ((Number) found.get(0)).longValue();
    }

    private List<Listed> list(String where, Object parameter) {
        use.flush();
        List<?> rows = em.createNativeQuery("SELECT t.id, t.prefix, t.label, t.scopes, w.slug, t.created_at, t.expires_at, t.last_used_at, "
                + "t.last_used_ip, t.revoked_at FROM llm_tokens t JOIN workspaces w ON w.id = t.workspace_id " + where
                + " ORDER BY t.id DESC LIMIT 1000").setParameter(1, parameter).getResultList();
        LocalDateTime now = Timestamps.toUtcDateTime(Instant.now());
        return rows.stream().map(Object[].class::cast).map(row -> {
            LocalDateTime expires = Columns.utc(row[6]);
            LocalDateTime revoked = Columns.utc(row[9]);
            return new Listed(((Number) row[0]).longValue(), (String) row[1], (String) row[2], List.copyOf(Scopes.parse((String) row[3])),
                    (String) row[4], Timestamps.format(Columns.utc(row[5])), Timestamps.format(expires),
                    Timestamps.format(Columns.utc(row[7])), (String) row[8], Timestamps.format(revoked),
                    revoked == null && (expires == null || expires.isAfter(now)));
        }).toList();
    }

    private static ApiException notFound() {
        return new ApiException(404, "token_not_found", "No such token");
    }
}
