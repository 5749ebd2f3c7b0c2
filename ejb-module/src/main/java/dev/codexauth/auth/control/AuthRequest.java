package dev.codexauth.auth.control;

import dev.codexauth.http.ValidationFailed;
import dev.codexauth.sync.control.VersionOrder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A {@code POST /auth} body, read and validated before anything is written (host-api.md §4.1; the original counted
 * the call and overwrote versions even when it then answered 422). Members have their types and the lengths of the
 * columns they land in: a number where a string belongs is a 422, not a default.
 *
 * @param upload store only: the canonicalised {@code auth} object
 * @param localFile the host's auth.json when sent as {@code local_auth_b64} (docs/cdx-protocol.md §2), else null;
 *                  it then stands in for {@code auth}, {@code digest} and {@code last_refresh}
 */
public record AuthRequest(boolean store, String digest, String lastRefresh, Canonical upload, String clientVersion,
                          String wrapperVersion, LocalAuthFile localFile) {

    private static final Pattern HEX64 = Pattern.compile("^[a-f0-9]{64}$");
    /** {@code hosts.client_version} and {@code hosts.wrapper_version} are VARCHAR(64). */
    static final int MAX_VERSION_CHARS = 64;

    /**
     * @param query reads a query parameter ({@code client_version}, {@code cdx_version}, {@code wrapper_version})
     * @throws ValidationFailed with the original's field names and messages
     */
    public static AuthRequest parse(JsonObject body, Function<String, String> query, int tokenMinLength, String installation) {
        String installationId = text(body, "installation_id").map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (installationId != null && !installationId.equals(installation)) {
            throw dev.codexauth.host.control.HostDenied.installationMismatch();
        }
        String command = text(body, "command").map(c -> c.trim().toLowerCase(Locale.ROOT)).filter(c -> !c.isEmpty()).orElse("retrieve");
        if (!command.equals("retrieve") && !command.equals("store")) {
            throw ValidationFailed.of("command", "command must be \"retrieve\" or \"store\"");
        }
        String clientVersion = version("client_version", text(body, "client_version").orElseGet(() -> query.apply("client_version") != null
                ? query.apply("client_version") : query.apply("cdx_version")));
        String wrapperVersion = version("wrapper_version", text(body, "wrapper_version").orElseGet(() -> query.apply("wrapper_version")));
        if (body.containsKey(LocalAuthFile.FIELD)) {
            LocalAuthFile local = LocalAuthFile.read(body.get(LocalAuthFile.FIELD));
            return command.equals("store")
                    ? new AuthRequest(true, null, null, CanonicalAuth.canonicalize(local.document(), tokenMinLength, "auth"),
                            clientVersion, wrapperVersion, local)
                    : new AuthRequest(false, local.digest(), local.lastRefresh(), null, clientVersion, wrapperVersion, local);
        }
        if (command.equals("store")) {
            if (!(body.get("auth") instanceof JsonObject auth)) {
                throw ValidationFailed.of("auth", "Auth payload is required");
            }
            return new AuthRequest(true, null, null, CanonicalAuth.canonicalize(auth, tokenMinLength, "auth"),
                    clientVersion, wrapperVersion, null);
        }
        String digest = firstNonBlank(body, "digest", "auth_digest", "auth_sha");
        if (digest == null) {
            throw ValidationFailed.of("digest", "digest is required");
        }
        digest = digest.trim().toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(digest).matches()) {
            throw ValidationFailed.of("digest", "digest must be a 64-character hex sha256 value");
        }
        String lastRefresh = text(body, "last_refresh").filter(s -> !s.isEmpty())
                .orElseThrow(() -> ValidationFailed.of("last_refresh", "last_refresh is required"));
        LastRefresh.problem(lastRefresh).ifPresent(problem -> {
            throw ValidationFailed.of("last_refresh", problem);
        });
        return new AuthRequest(false, digest, lastRefresh, null, clientVersion, wrapperVersion, null);
    }

    /** Normalized, and no longer than the {@code hosts} column that stores it. */
    private static String version(String field, String reported) {
        String normalized = VersionOrder.normalize(reported);
        if (normalized != null && normalized.length() > MAX_VERSION_CHARS) {
            throw ValidationFailed.of(field, field + " must be at most " + MAX_VERSION_CHARS + " characters");
        }
        return normalized == null || normalized.isEmpty() ? null : normalized;
    }

    private static String firstNonBlank(JsonObject body, String... keys) {
        for (String key : keys) {
            String value = text(body, key).orElse(null);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** A string member; absent and null are empty, any other type is a 422 naming the member. */
    private static Optional<String> text(JsonObject body, String key) {
        JsonValue value = body.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        throw ValidationFailed.of(key, key + " must be a string");
    }
}
