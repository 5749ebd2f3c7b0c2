package dev.codexauth.auth.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.security.control.Hashes;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A host's {@code ~/.codex/auth.json} sent as base64 by a wrapper without a JSON parser (docs/cdx-protocol.md §2):
 * checked the way the original wrapper checked it before syncing, and hashed the way it hashed it.
 *
 * @param state {@code valid}, {@code absent} or {@code malformed} (the host deletes a malformed file)
 * @param document the file when valid, else the empty stand-in the original used
 */
public record LocalAuthFile(String state, JsonObject document, String digest, String lastRefresh) {

    static final String FIELD = "local_auth_b64";

    private static final JsonObject STAND_IN = Jsonp.PROVIDER.createObjectBuilder()
            .add("last_refresh", "2000-01-01T00:00:00Z")
            .add("auths", JsonValue.EMPTY_JSON_OBJECT)
            .build();

    public boolean present() {
        return !state.equals("absent") && !state.equals("malformed");
    }

    /** @throws ValidationFailed only when the field is not a string; any content problem makes the file malformed */
    static LocalAuthFile read(JsonValue field) {
        if (!(field instanceof JsonString encoded)) {
            throw ValidationFailed.of(FIELD, FIELD + " must be a base64 string");
        }
        if (encoded.getString().isBlank()) {
            return standIn("absent");
        }
        JsonObject document = decode(encoded.getString().trim());
        return document == null || !usable(document) ? standIn("malformed") : of("valid", document);
    }

    /** The bytes a host writes to its auth.json for this document. */
    public static String fileBase64(JsonObject document) {
        return Base64.getEncoder().encodeToString(CanonicalJson.fileBytes(document));
    }

    private static LocalAuthFile standIn(String state) {
        return of(state, STAND_IN);
    }

    private static LocalAuthFile of(String state, JsonObject document) {
        return new LocalAuthFile(state, document, Hashes.sha256Hex(CanonicalJson.bytes(document)), document.getString("last_refresh"));
    }

    private static JsonObject decode(String base64) {
        try {
            byte[] raw = Base64.getMimeDecoder().decode(base64);
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw));
            try (var reader = Jsonp.PROVIDER.createReader(new ByteArrayInputStream(raw))) {
                return reader.readValue() instanceof JsonObject object ? object : null;
            }
        } catch (IllegalArgumentException | CharacterCodingException | JsonException e) {
            return null;
        }
    }

    /**
     * A readable {@code last_refresh} and credentials: a non-empty {@code auths} of entries with a token, or, without
     * targets, an access token or API key. A {@code last_refresh} the server would refuse also makes the file
     * unusable, so the host takes the canonical one instead of failing on every run.
     */
    private static boolean usable(JsonObject document) {
        if (!(document.get("last_refresh") instanceof JsonString refresh) || refresh.getString().isEmpty()
                || LastRefresh.problem(refresh.getString()).isPresent()) {
            return false;
        }
        if (document.get("auths") instanceof JsonObject auths && !auths.isEmpty()) {
            for (Map.Entry<String, JsonValue> target : auths.entrySet()) {
                if (target.getKey().isEmpty() || !(target.getValue() instanceof JsonObject entry)
                        || !nonEmptyText(entry.get("token"))) {
                    return false;
                }
            }
            return true;
        }
        return (document.get("tokens") instanceof JsonObject tokens && nonEmptyText(tokens.get("access_token")))
                || nonEmptyText(document.get("OPENAI_API_KEY"));
    }

    private static boolean nonEmptyText(JsonValue value) {
        return value instanceof JsonString text && !text.getString().isEmpty();
    }
}
