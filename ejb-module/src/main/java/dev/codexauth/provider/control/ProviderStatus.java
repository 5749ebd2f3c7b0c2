package dev.codexauth.provider.control;

import com.nimbusds.jwt.JWTParser;
import dev.codexauth.auth.control.CanonicalStore;
import dev.codexauth.auth.control.StoredCanonical;
import dev.codexauth.ops.control.Timestamps;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * What the fleet holds of each provider, for the status endpoints and the admins' credential overview: presence,
 * expiry and a fingerprint, never the secret.
 */
@Stateless
public class ProviderStatus {

    /** {@code authenticated}: present and not expired; {@code expires_at} when known. */
    public record State(boolean authenticated, String expiresAt) {
    }

    /** One credential of the overview ({@code /admin/api/providers}). */
    public record Loaded(String kind, boolean present, boolean expired, String expiresAt, String fingerprint, String setAt, String setBy) {

        /** What an admin reads off it: {@code ready}, {@code expired} or {@code needs setup}. */
        public String state() {
            return !present ? "needs setup" : expired ? "expired" : "ready";
        }
    }

    @EJB
    CanonicalStore canonical;

    @EJB
    ProviderCredentials credentials;

    public State codex() {
        Optional<StoredCanonical> current = canonical.current();
        if (current.isEmpty()) {
            return new State(false, null);
        }
        Instant expires = accessTokenExpiry(current.get().canonical().document()).orElse(null);
        return new State(expires == null || expires.isAfter(Instant.now()), Timestamps.format(expires));
    }

    public State claude() {
        return credentials.active(ProviderCredentials.CLAUDE).map(active -> new State(!active.expired(), active.expiresAt()))
                .orElse(new State(false, null));
    }

    public List<Loaded> loaded() {
        Optional<StoredCanonical> codex = canonical.current();
        Loaded codexAuth = codex.map(stored -> {
            Instant expires = accessTokenExpiry(stored.canonical().document()).orElse(null);
            return new Loaded("codex_auth", true, expires != null && !expires.isAfter(Instant.now()), Timestamps.format(expires),
                    stored.digest().substring(0, 12), Timestamps.format(stored.createdAt()), null);
        }).orElse(new Loaded("codex_auth", false, false, null, null, null, null));
        Loaded claude = credentials.active(ProviderCredentials.CLAUDE)
                .map(active -> new Loaded(ProviderCredentials.CLAUDE, true, active.expired(), active.expiresAt(), active.fingerprint(),
                        active.setAt(), active.setBy()))
                .orElse(new Loaded(ProviderCredentials.CLAUDE, false, false, null, null, null, null));
        return List.of(codexAuth, claude);
    }

    /** The {@code exp} of {@code tokens.access_token} when it is a JWT (ChatGPT sign-ins), read without verifying it. */
    private static Optional<Instant> accessTokenExpiry(JsonObject document) {
        if (document.get("tokens") instanceof JsonObject tokens && tokens.get("access_token") instanceof JsonString access) {
            try {
                Date expiry = JWTParser.parse(access.getString()).getJWTClaimsSet().getExpirationTime();
                return Optional.ofNullable(expiry).map(Date::toInstant);
            } catch (ParseException notAJwt) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
