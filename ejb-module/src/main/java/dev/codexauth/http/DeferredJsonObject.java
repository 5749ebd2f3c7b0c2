package dev.codexauth.http;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.AbstractMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A request body handed to a service before it is read: the service authenticates the caller first and only then
 * touches a member, which is when the body is parsed. A refused caller's body is never read.
 */
final class DeferredJsonObject extends AbstractMap<String, JsonValue> implements JsonObject {

    private final Supplier<JsonObject> source;
    private JsonObject object;

    DeferredJsonObject(Supplier<JsonObject> source) {
        this.source = source;
    }

    private JsonObject object() {
        if (object == null) {
            object = source.get();
        }
        return object;
    }

    @Override
    public Set<Entry<String, JsonValue>> entrySet() {
        return object().entrySet();
    }

    @Override
    public JsonValue get(Object key) {
        return object().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return object().containsKey(key);
    }

    @Override
    public JsonArray getJsonArray(String name) {
        return object().getJsonArray(name);
    }

    @Override
    public JsonObject getJsonObject(String name) {
        return object().getJsonObject(name);
    }

    @Override
    public JsonNumber getJsonNumber(String name) {
        return object().getJsonNumber(name);
    }

    @Override
    public JsonString getJsonString(String name) {
        return object().getJsonString(name);
    }

    @Override
    public String getString(String name) {
        return object().getString(name);
    }

    @Override
    public String getString(String name, String defaultValue) {
        return object().getString(name, defaultValue);
    }

    @Override
    public int getInt(String name) {
        return object().getInt(name);
    }

    @Override
    public int getInt(String name, int defaultValue) {
        return object().getInt(name, defaultValue);
    }

    @Override
    public boolean getBoolean(String name) {
        return object().getBoolean(name);
    }

    @Override
    public boolean getBoolean(String name, boolean defaultValue) {
        return object().getBoolean(name, defaultValue);
    }

    @Override
    public boolean isNull(String name) {
        return object().isNull(name);
    }

    @Override
    public ValueType getValueType() {
        return ValueType.OBJECT;
    }

    @Override
    public String toString() {
        return object().toString();
    }
}
