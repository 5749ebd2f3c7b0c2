package dev.codexauth.http;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The line format of docs/cdx-protocol.md §1: a JSON document flattened to {@code path=value} lines so that a bash
 * host can read an answer with {@code read} and restore any value byte for byte with {@code printf '%b'}.
 */
public final class LineFormat {

    private LineFormat() {
    }

    public static String flatten(JsonValue document) {
        StringBuilder out = new StringBuilder(256);
        write(out, "", document);
        return out.toString();
    }

    private static void write(StringBuilder out, String path, JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                for (var member : ((JsonObject) value).entrySet()) {
                    write(out, join(path, escape(member.getKey(), true)), member.getValue());
                }
            }
            case ARRAY -> {
                JsonArray array = (JsonArray) value;
                line(out, join(path, "#"), Integer.toString(array.size()));
                for (int i = 0; i < array.size(); i++) {
                    write(out, join(path, Integer.toString(i)), array.get(i));
                }
            }
            case STRING -> line(out, path, escape(((JsonString) value).getString(), false));
            case NUMBER -> line(out, path, ((JsonNumber) value).toString());
            case TRUE -> line(out, path, "true");
            case FALSE -> line(out, path, "false");
            case NULL -> line(out, path, "");
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static void line(StringBuilder out, String path, String value) {
        out.append(path).append('=').append(value).append('\n');
    }

    /** Keys additionally escape {@code =} and {@code .}, which would otherwise split the path. */
    static String escape(String text, boolean key) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '=', '.' -> key ? String.format("\\x%02x", (int) c) : null;
                default -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : null;
            };
            if (replacement != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (replacement != null) {
                    escaped.append(replacement);
                } else {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
