package dev.codexauth.auth.control;

import dev.codexauth.auth.entity.SeedToken;
import dev.codexauth.host.control.DownloadScript;
import dev.codexauth.host.control.ScriptRefused;
import dev.codexauth.host.control.ShellScript;
import dev.codexauth.host.control.SingleUseTokens;
import dev.codexauth.http.Redaction;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.Encryption;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tokens of the one-time {@code curl | bash} command that uploads a machine's auth.json as the canonical one
 * (host-api.md §5.7, §4.13). The script download never consumes; the upload consumes with one conditional UPDATE,
 * in a transaction of its own, so a rejected upload still uses the token up.
 */
@Stateless
public class SeedTokens {

    private static final SingleUseTokens<SeedToken> TOKENS = new SingleUseTokens<>(SeedToken.class, "Seed token");

    /** A new seed command (shown once). */
    public record Issued(String command, String expiresAt) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    Encryption encryption;

    @EJB
    Events events;

    @Inject
    @ConfigProperty(name = "auth.seed.token.ttl.seconds", defaultValue = "900")
    long ttlSeconds;

    public Issued issue(String baseUrl) {
        Instant now = Instant.now();
        TOKENS.purgeSpent(em, now);
        String token = UUID.randomUUID().toString();
        Instant expires = now.plusSeconds(ttlSeconds <= 0 ? 900 : ttlSeconds);
        SeedToken row = new SeedToken();
        row.setToken(Hashes.sha256Hex(token));
        row.setTokenEnc(encryption.seal(token));
        row.setBaseUrl(baseUrl);
        row.setExpiresAt(expires);
        row.setCreatedAt(now);
        em.persist(row);
        events.record(null, "admin.seed_token.create", Events.details("expires_at", Timestamps.format(expires),
                "token", Redaction.prefix(token)));
        return new Issued("curl -fsSL \"" + baseUrl + "/seed/auth/" + token + "\" | bash", Timestamps.format(expires));
    }

    /** {@code GET /seed/auth/{token}}: the upload script; does not consume. */
    public DownloadScript script(String token) {
        SeedToken row = TOKENS.usable(em, token);
        if (row.getBaseUrl() == null || row.getBaseUrl().isBlank()) {
            throw new ScriptRefused(500, "Seed base URL is missing.");
        }
        String body = ShellScript.render(SeedTokens.class, "seed-auth.sh", Map.of(
                "SEED_URL", row.getBaseUrl() + "/seed/auth/" + token.toLowerCase(Locale.ROOT)));
        return new DownloadScript(body, Timestamps.format(row.getExpiresAt()));
    }

    /** {@code POST /seed/auth/{token}}: uses the token up (whatever happens to the upload afterwards). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void consume(String token, String outcome) {
        TOKENS.consume(em, TOKENS.usable(em, token));
        events.record(null, "auth.seed.consume", outcome == null ? Events.details("token", Redaction.prefix(token))
                : Events.details("token", Redaction.prefix(token), "status", outcome));
    }
}
