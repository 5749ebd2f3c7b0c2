package dev.codexauth.console.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of admin access (admin.md §1.2). */
@ApplicationScoped
public class AdminSettings {

    @Inject
    @ConfigProperty(name = "admin.access.mode", defaultValue = "login")
    String accessMode;

    @Inject
    @ConfigProperty(name = "admin.mtls.header", defaultValue = "X-MTLS-FINGERPRINT")
    String mtlsHeader;

    @Inject
    @ConfigProperty(name = "admin.mtls.fingerprints")
    Optional<String> mtlsFingerprints;

    @Inject
    @ConfigProperty(name = "admin.session.idle.minutes", defaultValue = "30")
    int idleMinutes;

    @Inject
    @ConfigProperty(name = "admin.session.max.hours", defaultValue = "12")
    int maxHours;

    @Inject
    @ConfigProperty(name = "admin.cookie.secure", defaultValue = "true")
    boolean cookieSecure;

    @Inject
    @ConfigProperty(name = "admin.legacy.paths", defaultValue = "true")
    boolean legacyPaths;

    @Inject
    @ConfigProperty(name = "admin.rate.limit.per.minute", defaultValue = "600")
    int rateLimitPerMinute;

    @Inject
    @ConfigProperty(name = "admin.bootstrap.user", defaultValue = "admin")
    String bootstrapUser;

    @Inject
    @ConfigProperty(name = "admin.bootstrap.password")
    Optional<String> bootstrapPassword;

    /** {@code mtls}: sign-in and a pinned client certificate; {@code login} (default, and the legacy {@code none}). */
    public boolean mtlsRequired() {
        return "mtls".equals(accessMode.trim().toLowerCase(Locale.ROOT));
    }

    public String mtlsHeader() {
        return mtlsHeader;
    }

    public Set<String> allowedFingerprints() {
        return Arrays.stream(mtlsFingerprints.orElse("").split(",")).map(AdminSettings::normaliseFingerprint)
                .filter(f -> !f.isEmpty()).collect(Collectors.toSet());
    }

    public int idleMinutes() {
        return Math.max(1, idleMinutes);
    }

    public int maxHours() {
        return Math.max(1, maxHours);
    }

    public boolean cookieSecure() {
        return cookieSecure;
    }

    /** Admin API requests a minute per session or token; 0 disables the limit. */
    public int rateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    public boolean legacyPaths() {
        return legacyPaths;
    }

    public String bootstrapUser() {
        return bootstrapUser;
    }

    public Optional<String> bootstrapPassword() {
        return bootstrapPassword.filter(p -> !p.isBlank());
    }

    /** Colons, dashes, spaces and case ignored; a valid SHA-256 fingerprint is 64 hex characters. */
    public static String normaliseFingerprint(String value) {
        String hex = value == null ? "" : value.replaceAll("[:\\-\\s]", "").toLowerCase(Locale.ROOT);
        return hex.matches("^[0-9a-f]{64}$") ? hex : "";
    }
}
