package dev.codexauth.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request body as the original reads it: parsed as JSON whenever it is not empty, whatever the Content-Type
 * says (hosts post with curl's default form type). An empty body is an empty object; a JSON value that is not an
 * object is kept for the few routes that tell the difference and reads as an empty object everywhere else.
 */
public record RequestBody(byte[] raw, JsonValue value) {

    public static final RequestBody EMPTY = new RequestBody(new byte[0], JsonValue.EMPTY_JSON_OBJECT);

    /** @throws InvalidJson when a non-empty body is not one complete JSON value */
    public static RequestBody parse(byte[] raw) {
        if (new String(raw, StandardCharsets.UTF_8).isBlank()) {
            return new RequestBody(raw, null);
        }
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new ByteArrayInputStream(raw))) {
            return new RequestBody(raw, reader.readValue());
        } catch (jakarta.json.JsonException e) {
            throw new InvalidJson();
        }
    }

    public boolean isEmpty() {
        return value == null;
    }

    public JsonObject object() {
        return value instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
    }
}
