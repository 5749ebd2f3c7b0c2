package dev.codexauth.console.control;

import dev.codexauth.console.entity.AdminApiToken;
import dev.codexauth.console.entity.AdminUser;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code cxadm_} API tokens for scripts: 32 random bytes shown once, stored as SHA-256, checked on every request
 * (so a revocation holds on every node at once). Last use is recorded at most once a minute per token.
 */
@Stateless
public class AdminTokens {

    public static final String PREFIX = "cxadm_";

    /** A new token: the row and the secret, which exists only in this answer. */
    public record Created(AdminApiToken row, String token) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    AdminAccounts accounts;

    public Created create(String label, String role, Integer days, String createdBy) {
        if (label == null || label.isBlank() || label.length() > 128) {
            throw ValidationFailed.of("label", "label is required (at most 128 characters)");
        }
        AdminAccounts.checkRole(role);
        int validity = days == null ? 90 : days;
        if (validity < 1 || validity > 365) {
            throw ValidationFailed.of("expires_in_days", "expires_in_days must be between 1 and 365");
        }
        String token = PREFIX + Hashes.randomUrlSafe(32);
        Instant now = Instant.now();
        AdminApiToken row = new AdminApiToken();
        row.setPrefix(token.substring(0, 12));
        row.setTokenHash(Hashes.sha256Hex(token));
        row.setLabel(label.trim());
        row.setRole(role);
        row.setCreatedBy(createdBy);
        row.setCreatedAt(now);
        row.setExpiresAt(now.plus(Duration.ofDays(validity)));
        em.persist(row);
        return new Created(row, token);
    }

    /**
     * The token's identity, while it is neither revoked nor expired and its creator is still an enabled account; it
     * never acts with more than its creator's current role (a token of a demoted admin reads only).
     */
    public Optional<AdminPrincipal> verify(String token, String clientIp) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return em.createQuery("SELECT t FROM AdminApiToken t WHERE t.tokenHash = :hash", AdminApiToken.class)
                .setParameter("hash", Hashes.sha256Hex(token)).getResultStream().findFirst()
                .filter(t -> t.getRevokedAt() == null && t.getExpiresAt().isAfter(now))
                .flatMap(t -> creatorOf(t).map(creator -> {
                    if (t.getLastUsedAt() == null || t.getLastUsedAt().plusSeconds(60).isBefore(now)
                            || !clientIp.equals(t.getLastUsedIp())) {
                        t.setLastUsedAt(now);
                        t.setLastUsedIp(clientIp);
                    }
                    String role = "admin".equals(creator.getRole()) ? t.getRole() : "viewer";
                    return new AdminPrincipal("token:" + t.getPrefix(), role, "token", null, false);
                }));
    }

    /** The enabled account that created the token: one of its name created later is somebody else. */
    private Optional<AdminUser> creatorOf(AdminApiToken token) {
        return accounts.enabled(token.getCreatedBy()).filter(account -> !account.getCreatedAt().isAfter(token.getCreatedAt()));
    }

    public List<AdminApiToken> list() {
        return em.createQuery("SELECT t FROM AdminApiToken t ORDER BY t.createdAt DESC", AdminApiToken.class).getResultList();
    }

    /** Revokes the live tokens an account created, as the account is deleted; they are returned for the audit trail. */
    public List<AdminApiToken> revokeAllOf(String username) {
        Instant now = Instant.now();
        List<AdminApiToken> live = em.createQuery("SELECT t FROM AdminApiToken t WHERE t.createdBy = :name AND t.revokedAt IS NULL",
                AdminApiToken.class).setParameter("name", username).getResultList();
        live.forEach(token -> token.setRevokedAt(now));
        return live;
    }

    public AdminApiToken revoke(long id) {
        AdminApiToken token = em.find(AdminApiToken.class, id);
        if (token == null) {
            throw new ApiException(404, "token_not_found", "Token not found");
        }
        if (token.getRevokedAt() == null) {
            token.setRevokedAt(Instant.now());
        }
        return token;
    }
}
