package dev.codexauth.http;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads request fields strictly: booleans are {@code true/false}, {@code 1/0} or the strings
 * {@code 1 0 true false yes no on off} (admin.md §2.1); integers must be JSON numbers, whole and in range (a string
 * of digits is refused); text must be a string. Anything else is a 422 naming the field (the original coerced).
 */
public final class JsonInput {

    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on");
    private static final Set<String> FALSE = Set.of("0", "false", "no", "off");

    private JsonInput() {
    }

    /** @return empty when the field is absent or null */
    public static Optional<Boolean> flag(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        switch (value.getValueType()) {
            case TRUE:
                return Optional.of(true);
            case FALSE:
                return Optional.of(false);
            case NUMBER:
                JsonNumber number = (JsonNumber) value;
                if (number.isIntegral() && (number.intValue() == 0 || number.intValue() == 1)) {
                    return Optional.of(number.intValue() == 1);
                }
                break;
            case STRING:
                String text = ((JsonString) value).getString().trim().toLowerCase(Locale.ROOT);
                if (TRUE.contains(text)) {
                    return Optional.of(true);
                }
                if (FALSE.contains(text)) {
                    return Optional.of(false);
                }
                break;
            default:
                break;
        }
        throw ValidationFailed.of(field, field + " must be boolean");
    }

    public static boolean requiredFlag(JsonObject body, String field) {
        return flag(body, field).orElseThrow(() -> ValidationFailed.of(field, field + " must be boolean"));
    }

    /** @return empty when absent or null; 422 {@code message} when not a whole JSON number in range */
    public static Optional<Integer> integer(JsonObject body, String field, int min, int max, String message) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        Integer parsed = null;
        if (value instanceof JsonNumber number && number.isIntegral()) {
            parsed = number.bigIntegerValue().bitLength() < 32 ? number.intValue() : null;
        }
        if (parsed == null || parsed < min || parsed > max) {
            throw ValidationFailed.of(field, message);
        }
        return Optional.of(parsed);
    }

    /** @return empty when absent or null; the trimmed text of a string (422 for other types) */
    public static Optional<String> text(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString text)) {
            throw ValidationFailed.of(field, field + " must be a string");
        }
        return Optional.of(text.getString().trim());
    }
}
