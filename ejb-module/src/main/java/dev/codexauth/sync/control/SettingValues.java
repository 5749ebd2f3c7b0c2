package dev.codexauth.sync.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The forgiving reads of the config builder's settings (sync.md 2.2): the admin UI and the original service send
 * booleans as strings or numbers, lists as text and empty maps as {@code []}. Each read returns null (or an empty
 * collection) for a value it cannot make sense of.
 */
final class SettingValues {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Set<String> TRUE_WORDS = Set.of("1", "true", "yes", "on");
    private static final Set<String> FALSE_WORDS = Set.of("0", "false", "no", "off");

    private SettingValues() {
    }

    static Boolean bool(JsonValue value) {
        if (value == null) {
            return null;
        }
        return switch (value.getValueType()) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NUMBER -> {
                BigDecimal number = ((JsonNumber) value).bigDecimalValue();
                yield isIntegral(number) ? number.signum() != 0 : null;
            }
            case STRING -> {
                String word = ((JsonString) value).getString().trim().toLowerCase(Locale.ROOT);
                yield TRUE_WORDS.contains(word) ? Boolean.TRUE : FALSE_WORDS.contains(word) ? Boolean.FALSE : null;
            }
            default -> null;
        };
    }

    static Long integer(JsonValue value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (value.getValueType()) {
                case NUMBER -> {
                    BigDecimal number = ((JsonNumber) value).bigDecimalValue();
                    yield isIntegral(number) ? number.longValueExact() : null;
                }
                case STRING -> {
                    String text = ((JsonString) value).getString().trim();
                    yield INTEGER.matcher(text).matches() ? Long.parseLong(text) : null;
                }
                default -> null;
            };
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return null;
        }
    }

    /** Trimmed text; numbers count as their JSON text; empty means absent. */
    static String string(JsonValue value) {
        if (value == null) {
            return null;
        }
        String text = switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString().trim();
            case NUMBER -> value.toString();
            default -> "";
        };
        return text.isEmpty() ? null : text;
    }

    /** An array or newline-separated text; empty entries dropped, duplicates dropped keeping the first. */
    static List<String> stringList(JsonValue value) {
        List<JsonValue> items = new ArrayList<>();
        if (value instanceof JsonArray array) {
            items.addAll(array);
        } else if (value instanceof JsonString text) {
            for (String line : text.getString().split("\r?\n|\r")) {
                items.add(SettingsJson.string(line));
            }
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (JsonValue item : items) {
            String text = string(item);
            if (text != null) {
                distinct.add(text);
            }
        }
        return List.copyOf(distinct);
    }

    /**
     * An object sorted by key: keys trimmed, empty keys dropped (the first of two keys that trim alike wins), booleans
     * and numbers kept, other values turned into text. {@code []} is how the original wrote an empty map.
     */
    static Map<String, JsonValue> map(JsonValue value) {
        Map<String, JsonValue> sorted = new TreeMap<>();
        if (value instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                String key = member.getKey().trim();
                JsonValue kept = scalar(member.getValue());
                if (!key.isEmpty() && kept != null) {
                    sorted.putIfAbsent(key, kept);
                }
            }
        }
        return sorted;
    }

    /** A map whose values must read as booleans; the others are dropped. */
    static Map<String, JsonValue> boolMap(JsonValue value) {
        Map<String, JsonValue> flags = new TreeMap<>();
        if (value instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                String key = member.getKey().trim();
                Boolean flag = bool(member.getValue());
                if (!key.isEmpty() && flag != null) {
                    flags.putIfAbsent(key, flag ? JsonValue.TRUE : JsonValue.FALSE);
                }
            }
        }
        return flags;
    }

    static List<JsonObject> objects(JsonValue value) {
        List<JsonObject> objects = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                if (item instanceof JsonObject object) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }

    static JsonObject object(JsonValue value) {
        return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static JsonValue scalar(JsonValue value) {
        return switch (value.getValueType()) {
            case TRUE, FALSE, NUMBER, STRING -> value;
            case NULL -> null;
            default -> SettingsJson.string(value.toString());
        };
    }

    private static boolean isIntegral(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }
}
