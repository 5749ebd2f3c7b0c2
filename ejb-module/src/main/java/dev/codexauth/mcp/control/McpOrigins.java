package dev.codexauth.mcp.control;

import dev.codexauth.host.control.BaseUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which browser origins may call {@code /mcp} (spec/mcp.md §8): those in {@code MCP_ALLOWED_ORIGINS} and the origin
 * of {@code PUBLIC_BASE_URL}, never the request's own {@code Host}. Requests without {@code Origin} (every
 * non-browser client) pass.
 */
@ApplicationScoped
public class McpOrigins {

    @Inject
    @ConfigProperty(name = "mcp.allowed.origins", defaultValue = " ")
    String configured;

    @Inject
    BaseUrls baseUrls;

    public boolean allowed(String origin) {
        return origin == null || normalize(origin).map(allowed()::contains).orElse(false);
    }

    /** A present Origin header that is allowed: the one CORS headers name. */
    public boolean allowedPresent(String origin) {
        return origin != null && allowed(origin);
    }

    private Set<String> allowed() {
        return Stream.concat(Arrays.stream(configured.split(",")), baseUrls.configured().stream())
                .map(McpOrigins::normalize).flatMap(Optional::stream).collect(Collectors.toSet());
    }

    /** {@code scheme://host[:port]}, lower case, default ports dropped; empty when not an http(s) origin. */
    static Optional<String> normalize(String text) {
        try {
            URI uri = URI.create(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (IllegalArgumentException invalid) {
            return Optional.empty();
        }
    }
}
