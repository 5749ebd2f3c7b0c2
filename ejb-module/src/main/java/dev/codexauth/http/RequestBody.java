package dev.codexauth.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;

/**
 * A request body, parsed as JSON within {@link JsonLimits} the first time someone reads it, so a route that
 * authenticates first never reads the body of a caller it refuses. An empty body is an empty object; any other
 * JSON value where an object is required is a 422.
 */
public final class RequestBody {

    private final InputStream source;
    private final JsonLimits limits;
    private JsonValue value;
    private boolean parsed;
    private ApiException refusal;

    private RequestBody(InputStream source, JsonLimits limits, JsonValue value, boolean parsed) {
        this.source = source;
        this.limits = limits;
        this.value = value;
        this.parsed = parsed;
    }

    public static RequestBody streaming(InputStream source, JsonLimits limits) {
        return new RequestBody(source, limits, null, false);
    }

    /** A body without content. */
    public static RequestBody empty() {
        return new RequestBody(null, null, null, true);
    }

    /** @return the JSON value, or null when the body is empty; the same refusal every time when it is not JSON */
    public JsonValue value() {
        if (refusal != null) {
            throw refusal;
        }
        if (!parsed) {
            try {
                value = BoundedJson.read(source, limits);
            } catch (ApiException refused) {
                refusal = refused;
                throw refused;
            }
            parsed = true;
        }
        return value;
    }

    /** @throws ValidationFailed when the body is JSON but not an object */
    public JsonObject object() {
        JsonValue body = value();
        if (body == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (body instanceof JsonObject object) {
            return object;
        }
        throw ValidationFailed.of("body", "the request body must be a JSON object");
    }

    /** The body as an object that parses only when a member is first read (see {@link DeferredJsonObject}). */
    public JsonObject deferredObject() {
        return new DeferredJsonObject(this::object);
    }
}
