package dev.codexauth.system;

import io.swagger.v3.oas.models.media.Schema;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Request bodies for the fuzzer: near-valid objects from an operation's schema with one thing wrong (a member of the
 * wrong type, missing, too long, out of range, unknown), and hostile bytes whatever the schema (deep nesting, invalid
 * UTF-8, escaped half surrogates, scalars, duplicates, garbage, strings near the body limit).
 */
final class FuzzBodies {

    private FuzzBodies() {
    }

    static Arbitrary<byte[]> forSchema(Schema<?> schema) {
        Arbitrary<byte[]> hostile = hostile();
        if (schema == null || schema.getProperties() == null || schema.getProperties().isEmpty()) {
            return Arbitraries.oneOf(hostile, Arbitraries.just("{}".getBytes(StandardCharsets.UTF_8)));
        }
        return Arbitraries.oneOf(hostile, mutated(schema), mutated(schema), valid(schema).map(FuzzBodies::bytes));
    }

    private static Arbitrary<JsonValue> valid(Schema<?> schema) {
        List<Arbitrary<Map.Entry<String, JsonValue>>> members = new ArrayList<>();
        schema.getProperties().forEach((name, property) -> members.add(value(property).map(v -> Map.entry(name, v))));
        return Combinators.combine(members).as(entries -> {
            JsonObjectBuilder object = Json.createObjectBuilder();
            entries.forEach(e -> object.add(e.getKey(), e.getValue()));
            return object.build();
        });
    }

    /** A valid object with one member replaced by something its schema does not allow. */
    private static Arbitrary<byte[]> mutated(Schema<?> schema) {
        List<String> names = new ArrayList<>(schema.getProperties().keySet());
        return Combinators.combine(valid(schema), Arbitraries.of(names), wrongValue()).as((base, name, wrong) -> {
            JsonObjectBuilder object = Json.createObjectBuilder(base.asJsonObject());
            if (wrong == null) {
                object.remove(name);
            } else {
                object.add(name, wrong);
            }
            return bytes(object.build());
        });
    }

    private static Arbitrary<JsonValue> value(Schema<?> property) {
        String type = property.getType() != null ? property.getType()
                : property.getTypes() != null && !property.getTypes().isEmpty() ? property.getTypes().iterator().next() : "string";
        if (property.getEnum() != null && !property.getEnum().isEmpty()) {
            return Arbitraries.of(property.getEnum()).map(v -> Json.createValue(String.valueOf(v)));
        }
        return switch (type) {
            case "integer" -> Arbitraries.integers().between(minimum(property, 0), maximum(property, 1000)).map(Json::createValue);
            case "number" -> Arbitraries.doubles().between(0, 1000).map(Json::createValue);
            case "boolean" -> Arbitraries.of(JsonValue.TRUE, JsonValue.FALSE);
            case "array" -> Arbitraries.strings().alpha().ofMaxLength(12).list().ofMaxSize(3).map(items -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                items.forEach(array::add);
                return array.build();
            });
            case "object" -> Arbitraries.just(JsonValue.EMPTY_JSON_OBJECT);
            default -> Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789.-_")
                    .ofMinLength(property.getMinLength() == null ? 1 : property.getMinLength())
                    .ofMaxLength(Math.max(1, Math.min(40, property.getMaxLength() == null ? 40 : property.getMaxLength())))
                    .map(Json::createValue);
        };
    }

    private static int minimum(Schema<?> property, int fallback) {
        BigDecimal minimum = property.getMinimum();
        return minimum == null ? fallback : minimum.intValue();
    }

    private static int maximum(Schema<?> property, int fallback) {
        BigDecimal maximum = property.getMaximum();
        return maximum == null ? fallback : Math.max(minimum(property, 0), maximum.intValue());
    }

    /** Something of the wrong type or size; null means "leave the member out". */
    private static Arbitrary<JsonValue> wrongValue() {
        return Arbitraries.oneOf(
                Arbitraries.just((JsonValue) null),
                Arbitraries.of(JsonValue.NULL, JsonValue.TRUE, JsonValue.FALSE, JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_ARRAY),
                Arbitraries.of("12", "", " ", "true", "-1", "1e400", "../../etc/passwd", "'; DROP TABLE hosts; --", "\u0000",
                        "\u202Egnp.exe", "<script>alert(1)</script>").map(Json::createValue),
                Arbitraries.of(-1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE).map(Json::createValue),
                Arbitraries.of(new BigDecimal("1e308"), new BigDecimal("3.5"), new BigDecimal("-0.0")).map(Json::createValue),
                Arbitraries.integers().between(65, 70_000).map(n -> Json.createValue("x".repeat(n))),
                Arbitraries.integers().between(1, 70).map(FuzzBodies::nestedArray));
    }

    private static JsonValue nestedArray(int depth) {
        JsonValue value = JsonValue.EMPTY_JSON_ARRAY;
        for (int i = 0; i < depth; i++) {
            value = Json.createArrayBuilder().add(value).build();
        }
        return value;
    }

    private static Arbitrary<byte[]> hostile() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Arbitraries.integers().between(1, 20_000).map(n -> ("[".repeat(n) + "]".repeat(n)).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.integers().between(1, 3000).map(n -> ("{\"a\":".repeat(n) + "1" + "}".repeat(n))
                        .getBytes(StandardCharsets.UTF_8)),
                Arbitraries.of("false", "12", "\"text\"", "null", "[]", "[1,2]", "", "   ", "{", "{}}", "{\"a\":1,\"a\":2}",
                        "{\"a\":\"\\ud800\"}", "{\"a\":1e99999}", "{\"n\":" + "9".repeat(500) + "}", "\uFEFF{}",
                        "{\"a\":\"\u0000\"}").map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.just(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'}),
                Arbitraries.integers().between(900_000, 1_100_000)
                        .map(n -> ("{\"content\":\"" + "y".repeat(n) + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] bytes(JsonValue value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
