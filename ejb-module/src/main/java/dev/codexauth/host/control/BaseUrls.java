package dev.codexauth.host.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public base URL baked into what hosts download (host-api.md §5.2): {@code PUBLIC_BASE_URL}, else the
 * forwarded host and scheme from a trusted proxy, else (for admins only) the request's own Host header. A host's
 * request can never choose the URL its key is sent to: that was the original's host-header injection.
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

    /** For host-facing baking: configured or from a trusted proxy. */
    public Optional<String> forHosts(RequestOrigin origin) {
        return configured().or(() -> forwarded(origin));
    }

    /** For admin actions (installers, seed commands): configured, trusted proxy, then the Host the admin used. */
    public Optional<String> forAdmins(RequestOrigin origin) {
        return forHosts(origin).or(() -> origin == null || origin.hostHeader() == null ? Optional.empty()
                : valid((origin.scheme() == null ? "http" : origin.scheme()) + "://" + origin.hostHeader()));
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
