package dev.codexauth.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher reads from the environment (or the same names as {@code -D} system properties in lower case
 * with dots, as MicroProfile Config would). Everything the applications read themselves stays with them.
 */
record LauncherSettings(int port, Path dataDir, Optional<String> dbUrl, Optional<String> dbUsername,
                        Optional<String> dbPassword, boolean encryptionConfigured, ClusterSettings cluster,
                        int maxHttpThreads, Duration shutdownDrain, boolean adminOnDemand) {

    static LauncherSettings from(Map<String, String> env) {
        Lookup lookup = new Lookup(env);
        Optional<String> url = lookup.get("DB_URL").or(() -> lookup.get("DB_HOST").map(host ->
                "jdbc:mysql://" + host + ":" + lookup.get("DB_PORT").orElse("3306") + "/"
                        + lookup.get("DB_DATABASE").orElse("codex_auth") + "?sslMode=PREFERRED"));
        return new LauncherSettings(
                Integer.parseInt(lookup.get("PORT").orElse("8080")),
                Path.of(lookup.get("DATA_DIR").orElse(System.getProperty("user.home") + "/.codex-auth-central")),
                url,
                lookup.get("DB_USERNAME"),
                lookup.get("DB_PASSWORD"),
                lookup.get("AUTH_ENCRYPTION_KEY").or(() -> lookup.get("AUTH_ENCRYPTION_KEYS"))
                        .or(() -> lookup.get("AUTH_ENCRYPTION_KEY_FILE")).isPresent(),
                new ClusterSettings(
                        lookup.get("CLUSTER_ENABLED").map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false),
                        lookup.get("CLUSTER_NAME").orElse("codex-auth-central"),
                        ClusterSettings.parseMembers(lookup.get("CLUSTER_MEMBERS")),
                        Integer.parseInt(lookup.get("CLUSTER_PORT").orElse(String.valueOf(ClusterSettings.DEFAULT_PORT))),
                        lookup.get("CLUSTER_INTERFACE")),
                Integer.parseInt(lookup.get("HTTP_MAX_THREADS").orElse("64")),
                Duration.ofSeconds(Integer.parseInt(lookup.get("SHUTDOWN_DRAIN_SECONDS").orElse("5"))),
                adminOnDemand(lookup.get("ADMIN_CONSOLE_START").orElse("at-start")));
    }

    /** {@code at-start} deploys the admin application right after the host API, {@code on-demand} on its first request. */
    private static boolean adminOnDemand(String start) {
        return switch (start.toLowerCase(java.util.Locale.ROOT)) {
            case "at-start" -> false;
            case "on-demand" -> true;
            default -> throw new IllegalStateException("ADMIN_CONSOLE_START is '" + start + "'; it is at-start (the default) or on-demand");
        };
    }

    /** With DB_URL the launcher generates nothing, so what it would generate must be configured. */
    void requireExternalDatabaseSettings() {
        if (dbUrl.isEmpty()) {
            return;
        }
        if (dbPassword.isEmpty()) {
            throw new IllegalStateException("DB_URL is set but DB_PASSWORD is not. MicroProfile Config treats an empty value as"
                    + " missing, so a database user without a password cannot be used: give it one; see docs/configuration.md.");
        }
        if (!encryptionConfigured) {
            throw new IllegalStateException("No encryption key configured. Set AUTH_ENCRYPTION_KEY to the Base64 of 32 random "
                    + "bytes (openssl rand -base64 32) or AUTH_ENCRYPTION_KEYS / AUTH_ENCRYPTION_KEY_FILE; see docs/configuration.md.");
        }
    }

    private record Lookup(Map<String, String> env) {
        Optional<String> get(String name) {
            String property = System.getProperty(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
            String value = property != null ? property : env.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }
    }
}
