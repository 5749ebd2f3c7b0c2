package dev.codexauth.auth.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.security.control.Hashes;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an uploaded auth.json into the canonical document (host-api.md §5.8): validated {@code last_refresh},
 * {@code auths} normalised per target (aliases folded, keys sorted, targets sorted) and every other member left as
 * it was, in place. Unlike the original, members of an entry that are objects or arrays are kept, not dropped.
 */
public final class CanonicalAuth {

    /** {@code auth_entries.target}; a token is sealed into a TEXT column, which its ciphertext must fit. */
    static final int MAX_TARGET_CHARS = 255;
    static final int MAX_TOKEN_CHARS = 16_384;
    private static final Map<String, Integer> COLUMN_CHARS = Map.of("token_type", 32, "organization", 255, "project", 255,
            "api_base", 255);

    private CanonicalAuth() {
    }

    /**
     * @param prefix field prefix of error messages ({@code auth} for uploads)
     * @throws ValidationFailed naming the first failing field, as the original does
     */
    public static Canonical canonicalize(JsonObject upload, int tokenMinLength, String prefix) {
        JsonValue lastRefresh = upload.get("last_refresh");
        if (!(lastRefresh instanceof JsonString text) || text.getString().isEmpty()) {
            throw ValidationFailed.of(prefix + ".last_refresh", "last_refresh is required");
        }
        LastRefresh.problem(text.getString()).ifPresent(problem -> {
            throw ValidationFailed.of(prefix + ".last_refresh", problem);
        });
        if (CanonicalJson.hasUnwritableNumber(upload)) {
            // 1e400 parses, but its canonical form (Python's Infinity) is not JSON: no node could read the stored copy back.
            throw ValidationFailed.of(prefix, "numbers must be within the range of a 64-bit float");
        }
        JsonObject auths = normalisedAuths(upload, tokenMinLength, prefix);
        JsonObjectBuilder document = Jsonp.PROVIDER.createObjectBuilder();
        boolean placed = false;
        for (Map.Entry<String, JsonValue> member : upload.entrySet()) {
            if (member.getKey().equals("auths")) {
                document.add("auths", auths);
                placed = true;
            } else {
                document.add(member.getKey(), member.getValue());
            }
        }
        if (!placed) {
            document.add("auths", auths);
        }
        return of(document.build());
    }

    /** The canonical form of a document that is already canonical (stored bytes, runner output already checked). */
    public static Canonical of(JsonObject document) {
        byte[] bytes = CanonicalJson.bytes(document);
        return new Canonical(document, bytes, Hashes.sha256Hex(bytes), document.getString("last_refresh"));
    }

    private static JsonObject normalisedAuths(JsonObject upload, int tokenMinLength, String prefix) {
        JsonValue auths = upload.get("auths");
        boolean empty = auths == null
                || (auths instanceof JsonObject o && o.isEmpty())
                || (auths.getValueType() == JsonValue.ValueType.ARRAY && auths.asJsonArray().isEmpty());
        if (empty) {
            return synthesised(upload, tokenMinLength, prefix);
        }
        if (!(auths instanceof JsonObject targets)) {
            throw ValidationFailed.of(prefix + ".auths", "auths must be an object of targets");
        }
        Map<String, JsonObject> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonValue> target : targets.entrySet()) {
            if (target.getKey().isEmpty()) {
                throw ValidationFailed.of(prefix + ".auths", "auths keys must be non-empty strings");
            }
            if (target.getKey().length() > MAX_TARGET_CHARS) {
                throw ValidationFailed.of(prefix + ".auths", "auths keys must be at most " + MAX_TARGET_CHARS + " characters");
            }
            String field = prefix + ".auths." + target.getKey();
            if (!(target.getValue() instanceof JsonObject entry)) {
                throw ValidationFailed.of(field, "entry must be an object");
            }
            sorted.put(target.getKey(), normalisedEntry(entry, tokenMinLength, field));
        }
        JsonObjectBuilder result = Jsonp.PROVIDER.createObjectBuilder();
        sorted.forEach(result::add);
        return result.build();
    }

    private static JsonObject synthesised(JsonObject upload, int tokenMinLength, String prefix) {
        String token = null;
        if (upload.get("tokens") instanceof JsonObject tokens && tokens.get("access_token") instanceof JsonString access
                && !access.getString().isBlank()) {
            token = access.getString().trim();
        } else if (upload.get("OPENAI_API_KEY") instanceof JsonString key && !key.getString().isBlank()) {
            token = key.getString().trim();
        }
        if (token == null) {
            throw ValidationFailed.of(prefix + ".auths", "auths must be an object of targets");
        }
        String field = prefix + ".auths.api.openai.com.token";
        String accepted = token;
        TokenQuality.problem(token, tokenMinLength).ifPresent(problem -> {
            throw ValidationFailed.of(field, problem);
        });
        return Jsonp.PROVIDER.createObjectBuilder()
                .add("api.openai.com", Jsonp.PROVIDER.createObjectBuilder().add("token", accepted).add("token_type", "bearer"))
                .build();
    }

    private static JsonObject normalisedEntry(JsonObject entry, int tokenMinLength, String field) {
        if (!(entry.get("token") instanceof JsonString token) || token.getString().isBlank()) {
            throw ValidationFailed.of(field + ".token", "token is required");
        }
        String trimmed = token.getString().trim();
        if (trimmed.length() > MAX_TOKEN_CHARS) {
            throw ValidationFailed.of(field + ".token", "token must be at most " + MAX_TOKEN_CHARS + " characters");
        }
        TokenQuality.problem(trimmed, tokenMinLength).ifPresent(problem -> {
            throw ValidationFailed.of(field + ".token", problem);
        });
        Map<String, JsonValue> normalised = new TreeMap<>();
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        aliases.put("token_type", List.of("token_type", "type"));
        aliases.put("organization", List.of("organization", "org", "default_organization", "default_org"));
        aliases.put("project", List.of("project", "default_project"));
        aliases.put("api_base", List.of("api_base", "base_url"));
        java.util.Set<String> consumed = new java.util.HashSet<>(List.of("token"));
        aliases.forEach((name, keys) -> {
            consumed.addAll(keys);
            firstPresent(entry, keys).ifPresent(value -> {
                int max = COLUMN_CHARS.get(name);
                if (value instanceof JsonString text && text.getString().length() > max) {
                    throw ValidationFailed.of(field + "." + name, name + " must be at most " + max + " characters");
                }
                normalised.put(name, value);
            });
        });
        normalised.putIfAbsent("token_type", Jsonp.PROVIDER.createValue("bearer"));
        normalised.put("token", Jsonp.PROVIDER.createValue(trimmed));
        entry.forEach((key, value) -> {
            if (!consumed.contains(key)) {
                normalised.put(key, value);
            }
        });
        JsonObjectBuilder result = Jsonp.PROVIDER.createObjectBuilder();
        normalised.forEach(result::add);
        return result.build();
    }

    /** The first alias with a usable value: strings trimmed, blank strings and nulls skipped. */
    private static java.util.Optional<JsonValue> firstPresent(JsonObject entry, List<String> keys) {
        for (String key : keys) {
            JsonValue value = entry.get(key);
            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
                continue;
            }
            if (value instanceof JsonString text) {
                if (text.getString().isBlank()) {
                    continue;
                }
                return java.util.Optional.of(Jsonp.PROVIDER.createValue(text.getString().trim()));
            }
            return java.util.Optional.of(value);
        }
        return java.util.Optional.empty();
    }
}
