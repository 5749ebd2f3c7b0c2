package dev.codexauth.sync.control;

import dev.codexauth.http.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/** JSON values of the normalized settings document; absent values are JSON null so every key is always present. */
final class SettingsJson {

    private SettingsJson() {
    }

    static JsonString string(String text) {
        return Jsonp.PROVIDER.createValue(text);
    }

    static JsonValue nullable(String text) {
        return text == null ? JsonValue.NULL : string(text);
    }

    static JsonValue nullable(Boolean flag) {
        return flag == null ? JsonValue.NULL : flag ? JsonValue.TRUE : JsonValue.FALSE;
    }

    static JsonValue nullable(Long number) {
        return number == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(number.longValue());
    }

    static JsonArray strings(List<String> texts) {
        JsonArrayBuilder array = Jsonp.PROVIDER.createArrayBuilder();
        texts.forEach(array::add);
        return array.build();
    }

    static JsonObject members(Map<String, JsonValue> members) {
        JsonObjectBuilder object = Jsonp.PROVIDER.createObjectBuilder();
        members.forEach(object::add);
        return object.build();
    }

    static JsonObjectBuilder object() {
        return Jsonp.PROVIDER.createObjectBuilder();
    }

    static JsonArrayBuilder array() {
        return Jsonp.PROVIDER.createArrayBuilder();
    }
}
