package dev.codexauth.mcp.control;

import dev.codexauth.http.ValidationFailed;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The arguments of the memory operations, read and checked the same way for MCP tools and the REST mirror
 * (spec/mcp.md §4): failures are collected per field and refused together as a 422 (a tool error over MCP). Limits
 * count characters (Unicode code points), not bytes.
 */
public final class MemoryInput {

    public static final int MAX_CONTENT_CHARS = 32_000;
    public static final int MAX_KEY_CHARS = 128;
    public static final int MAX_TAGS = 32;
    public static final int MAX_TAG_CHARS = 64;
    public static final int MAX_QUERY_CHARS = 1_000;
    /** So that the tag {@code resource:<id>} fits a tag and {@code <id>:<8 hex>} a key. */
    public static final int MAX_RESOURCE_ID_CHARS = MAX_TAG_CHARS - "resource:".length();
    static final Pattern KEY = Pattern.compile("^[A-Za-z0-9._:-]+$");

    /** A memory to store: key null when the server is to generate one; metadata null or a JSON object. */
    public record Draft(String key, String content, List<String> tags, JsonObject metadata) {
    }

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public static Draft draft(JsonObject args) {
        MemoryInput input = new MemoryInput();
        String key = input.optionalKey(args, "id", "memory_id", "key");
        String content = input.text(args, "content", "text");
        if (content == null || content.isBlank()) {
            input.fail("content", "content is required");
        } else if (content.strip().codePointCount(0, content.strip().length()) > MAX_CONTENT_CHARS) {
            input.fail("content", "content must be at most " + MAX_CONTENT_CHARS + " characters");
        }
        List<String> tags = input.tags(args);
        JsonObject metadata = null;
        JsonValue rawMetadata = args.get("metadata");
        if (rawMetadata instanceof JsonObject object) {
            metadata = object;
        } else if (rawMetadata != null && rawMetadata != JsonValue.NULL) {
            input.fail("metadata", "metadata must be a JSON object");
        }
        input.refuseIfFailed();
        return new Draft(key, content.strip(), tags, metadata);
    }

    /** The key of an existing memory ({@code id}, {@code memory_id} or {@code key}), required. */
    public static String key(JsonObject args) {
        MemoryInput input = new MemoryInput();
        String key = input.optionalKey(args, "id", "memory_id", "key");
        if (key == null && input.errors.isEmpty()) {
            input.fail("id", "id is required");
        }
        input.refuseIfFailed();
        return key;
    }

    /** A path segment naming a memory. */
    public static String key(String segment) {
        if (segment == null || segment.length() > MAX_KEY_CHARS || !KEY.matcher(segment).matches()) {
            throw ValidationFailed.of("id", "id must be at most " + MAX_KEY_CHARS + " characters of A-Z a-z 0-9 . _ : -");
        }
        return segment;
    }

    /** The search query ({@code query} or {@code q}), trimmed; empty for the most recent memories. */
    public static String query(JsonObject args, String... names) {
        MemoryInput input = new MemoryInput();
        String query = input.text(args, names);
        if (query != null && query.length() > MAX_QUERY_CHARS) {
            input.fail(names[0], names[0] + " must be at most " + MAX_QUERY_CHARS + " characters");
        }
        input.refuseIfFailed();
        return query == null ? "" : query.strip();
    }

    /** Tags typed as one text (the admin search's {@code tags}, the console): comma or space separated, blanks dropped. */
    public static List<String> tagList(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\s]+")).filter(t -> !t.isBlank()).toList();
    }

    public static List<String> tagFilter(JsonObject args) {
        MemoryInput input = new MemoryInput();
        List<String> tags = input.tags(args);
        input.refuseIfFailed();
        return tags;
    }

    /**
     * The optional {@code scope}: {@code host} (the default) or {@code fleet}, and {@code all} too where {@code searching}.
     */
    public static MemoryScope scope(JsonObject args, boolean searching) {
        MemoryInput input = new MemoryInput();
        String scope = input.text(args, "scope");
        input.refuseIfFailed();
        if (scope == null || scope.isBlank()) {
            return MemoryScope.HOST;
        }
        for (MemoryScope known : MemoryScope.values()) {
            if (known.value().equals(scope.strip()) && (searching || known != MemoryScope.ALL)) {
                return known;
            }
        }
        throw ValidationFailed.of("scope", searching ? "scope must be host, fleet or all" : "scope must be host or fleet");
    }

    /** A whole number within bounds, or the default when absent; out of range is clamped, non-numbers refused. */
    public static int limit(JsonObject args, String name, int defaultValue, int min, int max) {
        JsonValue value = args.get(name);
        if (value == null || value == JsonValue.NULL) {
            return defaultValue;
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            BigInteger whole = number.bigIntegerValue();
            return whole.compareTo(BigInteger.valueOf(min)) < 0 ? min : whole.compareTo(BigInteger.valueOf(max)) > 0 ? max : whole.intValue();
        }
        throw ValidationFailed.of(name, name + " must be a whole number");
    }

    /** A required string of {@code ^[A-Za-z0-9._:-]+$} (resource ids of memory_append/query/list). */
    public static String identifier(JsonObject args, String name) {
        MemoryInput input = new MemoryInput();
        String value = input.text(args, name);
        if (value == null || value.isBlank()) {
            input.fail(name, name + " is required");
        } else if (value.length() > MAX_RESOURCE_ID_CHARS || !KEY.matcher(value).matches()) {
            input.fail(name, name + " must be at most " + MAX_RESOURCE_ID_CHARS + " characters of A-Z a-z 0-9 . _ : -");
        }
        input.refuseIfFailed();
        return value;
    }

    private String optionalKey(JsonObject args, String... names) {
        String key = text(args, names);
        if (key == null || key.isBlank()) {
            return null;
        }
        key = key.strip();
        if (key.length() > MAX_KEY_CHARS || !KEY.matcher(key).matches()) {
            fail("id", "id must be at most " + MAX_KEY_CHARS + " characters of A-Z a-z 0-9 . _ : -");
            return null;
        }
        return key;
    }

    /** The first present alias as a string; a present non-string is an error. */
    private String text(JsonObject args, String... names) {
        for (String name : names) {
            JsonValue value = args.get(name);
            if (value == null || value == JsonValue.NULL) {
                continue;
            }
            if (value instanceof JsonString string) {
                return string.getString();
            }
            fail(names[0], names[0] + " must be a string");
            return null;
        }
        return null;
    }

    /** Blanks dropped, trimmed, de-duplicated ignoring case (first spelling kept). */
    private List<String> tags(JsonObject args) {
        JsonValue value = args.get("tags");
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            fail("tags", "tags must be an array of strings");
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (JsonValue element : array) {
            if (!(element instanceof JsonString string)) {
                fail("tags", "tags must be an array of strings");
                return List.of();
            }
            String tag = string.getString().strip();
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.codePointCount(0, tag.length()) > MAX_TAG_CHARS) {
                fail("tags", "each tag must be at most " + MAX_TAG_CHARS + " characters");
                return List.of();
            }
            if (seen.add(tag.toLowerCase(Locale.ROOT))) {
                tags.add(tag);
            }
        }
        if (tags.size() > MAX_TAGS) {
            fail("tags", "at most " + MAX_TAGS + " tags");
        }
        return tags;
    }

    private void fail(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    private void refuseIfFailed() {
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
    }
}
