package dev.codexauth.host.control;

import dev.codexauth.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public base URL baked into what hosts download (host-api.md §5.2): {@code PUBLIC_BASE_URL}, else the
 * forwarded host and scheme from a trusted proxy. A request's own {@code Host} header never chooses it (the
 * original's host-header injection), so without either there is no base URL, and whatever would bake one is
 * refused with 503 {@code public_base_url_missing} instead of handing out a link or a config that cannot work.
 */
@ApplicationScoped
public class BaseUrls {

    private static final Pattern VALID = Pattern.compile("^https?://[A-Za-z0-9._~:-]+(/.*)?$");

    @Inject
    @ConfigProperty(name = "public.base.url")
    Optional<String> publicBaseUrl;

    public Optional<String> configured() {
        return publicBaseUrl.flatMap(BaseUrls::valid);
    }

    /** Configured, or forwarded by a trusted proxy. */
    public Optional<String> resolve(RequestOrigin origin) {
        return configured().or(() -> forwarded(origin));
    }

    /** @throws ApiException 503 {@code public_base_url_missing} when none resolves */
    public String require(RequestOrigin origin) {
        return resolve(origin).orElseThrow(BaseUrls::missing);
    }

    public static ApiException missing() {
        return new ApiException(503, "public_base_url_missing", "No public base URL: set PUBLIC_BASE_URL to the address hosts "
                + "reach this server at (for example https://codex-auth.example.com), or let a trusted proxy send X-Forwarded-Host");
    }

    public static Optional<String> valid(String candidate) {
        if (candidate == null) {
            return Optional.empty();
        }
        String trimmed = candidate.trim().replaceAll("/+$", "");
        return VALID.matcher(trimmed).matches() ? Optional.of(trimmed) : Optional.empty();
    }

    private static Optional<String> forwarded(RequestOrigin origin) {
        if (origin == null || origin.forwardedHost() == null || origin.forwardedHost().isBlank()) {
            return Optional.empty();
        }
        String host = origin.forwardedHost().split(",")[0].trim();
        String proto = origin.forwardedProto() == null ? origin.scheme() : origin.forwardedProto().split(",")[0].trim();
        return valid(("https".equalsIgnoreCase(proto) ? "https" : "http") + "://" + host);
    }
}
