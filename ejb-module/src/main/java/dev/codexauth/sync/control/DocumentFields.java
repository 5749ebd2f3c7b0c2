package dev.codexauth.sync.control;

import dev.codexauth.http.ValidationFailed;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Request fields shared by the synced documents: sha256 values, base versions for optimistic locking, contents. */
final class DocumentFields {

    private static final Pattern HEX64 = Pattern.compile("^[0-9a-f]{64}$");

    private DocumentFields() {
    }

    /** A sha256 the caller may send: empty when absent, null or blank; 422 unless 64 hex; lower-cased. */
    static Optional<String> sha256(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString text)) {
            throw ValidationFailed.of(field, field + " must be 64 hex characters");
        }
        String sha = text.getString().trim().toLowerCase(Locale.ROOT);
        if (sha.isEmpty()) {
            return Optional.empty();
        }
        if (!HEX64.matcher(sha).matches()) {
            throw ValidationFailed.of(field, field + " must be 64 hex characters");
        }
        return Optional.of(sha);
    }

    /** The version an editor started from: {@code base_sha256}, else an {@code If-Match} header (quotes and W/ dropped). */
    static Optional<String> baseVersion(JsonObject body, String ifMatch) {
        Optional<String> base = sha256(body, "base_sha256");
        if (base.isPresent() || ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return base;
        }
        String tag = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "").trim().toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(tag).matches()) {
            throw ValidationFailed.of("base_sha256", "If-Match must carry the sha256 of the version being edited");
        }
        return Optional.of(tag);
    }

    /**
     * The document text from the first present of {@code aliases}, or from {@code content_b64} (docs/cdx-protocol.md
     * §3); empty when none is given.
     */
    static Optional<String> content(JsonObject body, java.util.List<String> aliases) {
        for (String alias : aliases) {
            JsonValue value = body.get(alias);
            if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
                if (!(value instanceof JsonString text)) {
                    throw ValidationFailed.of(aliases.get(0), aliases.get(0) + " must be a string");
                }
                return Optional.of(text.getString());
            }
        }
        if (body.get("content_b64") instanceof JsonString encoded) {
            return Optional.of(decodeBase64Text(encoded.getString()));
        }
        return Optional.empty();
    }

    private static String decodeBase64Text(String encoded) {
        try {
            byte[] raw = Base64.getMimeDecoder().decode(encoded.trim());
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw ValidationFailed.of("content_b64", "content_b64 must be the base64 of UTF-8 text");
        }
    }
}
