package dev.codexauth.auth.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The compact JSON that hosts hash their {@code auth.json} in: what Python's
 * {@code json.dumps(doc, separators=(",", ":"), ensure_ascii=False)} writes. Members in document order, no
 * whitespace, raw UTF-8, {@code "} {@code \} and control characters escaped ({@code \b \f \n \r \t}, others
 * {@code \\u00XX}), {@code /} and U+2028/U+2029 left alone, empty objects as {@code {}}, integers as written and
 * floats in Python's shortest round-trip form (a float -0.0 reads as 0.0: JSON-P keeps numbers as BigDecimal).
 * No JSON library writes this byte for byte, hence this class. {@link #fileBytes} is the same document as the
 * original wrapper wrote it to disk: {@code json.dumps(doc, indent=2, ensure_ascii=False)} plus a newline.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] bytes(JsonValue value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out, -1);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The 2-space indented file form, ending in one newline. */
    public static byte[] fileBytes(JsonValue value) {
        StringBuilder out = new StringBuilder(512);
        write(value, out, 0);
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String text(JsonValue value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /** @param depth nesting level of an indented document, or -1 for the compact form */
    private static void write(JsonValue value, StringBuilder out, int depth) {
        switch (value.getValueType()) {
            case OBJECT -> {
                JsonObject object = (JsonObject) value;
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    indent(out, depth, 1);
                    string(member.getKey(), out);
                    out.append(depth < 0 ? ":" : ": ");
                    write(member.getValue(), out, depth < 0 ? -1 : depth + 1);
                }
                if (!object.isEmpty()) {
                    indent(out, depth, 0);
                }
                out.append('}');
            }
            case ARRAY -> {
                JsonArray array = (JsonArray) value;
                out.append('[');
                boolean first = true;
                for (JsonValue item : array) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    indent(out, depth, 1);
                    write(item, out, depth < 0 ? -1 : depth + 1);
                }
                if (!array.isEmpty()) {
                    indent(out, depth, 0);
                }
                out.append(']');
            }
            case STRING -> string(((JsonString) value).getString(), out);
            case NUMBER -> number((JsonNumber) value, out);
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("Unknown JSON value type " + value.getValueType());
        }
    }

    /** A line break and the indentation of {@code depth + extra} levels, in the indented form only. */
    private static void indent(StringBuilder out, int depth, int extra) {
        if (depth >= 0) {
            out.append('\n').append("  ".repeat(depth + extra));
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Whether the document holds a float beyond a double's range, whose canonical form would be Python's
     * {@code Infinity}, which no JSON parser reads.
     */
    public static boolean hasUnwritableNumber(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> value.asJsonObject().values().stream().anyMatch(CanonicalJson::hasUnwritableNumber);
            case ARRAY -> value.asJsonArray().stream().anyMatch(CanonicalJson::hasUnwritableNumber);
            case NUMBER -> isFloat(value.toString()) && Double.isInfinite(Double.parseDouble(value.toString()));
            default -> false;
        };
    }

    /** Python keeps JSON integers exact and reads anything with a fraction or exponent as a float. */
    private static void number(JsonNumber number, StringBuilder out) {
        String source = number.toString();
        if (!isFloat(source)) {
            out.append(new BigDecimal(source).toBigIntegerExact());
            return;
        }
        double value = Double.parseDouble(source);
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("A float beyond a double's range has no JSON form");
        }
        out.append(PythonFloat.repr(value));
    }

    private static boolean isFloat(String source) {
        return source.indexOf('.') >= 0 || source.indexOf('e') >= 0 || source.indexOf('E') >= 0;
    }
}
