package dev.codexauth.http;

import jakarta.annotation.Priority;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Resource parameters of type {@link JsonObject} are read by {@link BoundedJson}, never by the container's JSON-P
 * reader, which recurses without a useful depth limit. Declared for exactly {@code JsonObject}, so Jersey prefers it
 * to its own reader of {@code JsonStructure}. The byte limit is {@link RequestGate}'s, which wraps every body.
 */
@Provider
@Consumes(MediaType.WILDCARD)
@Priority(Priorities.USER - 100)
public class JsonBodyReader implements MessageBodyReader<JsonObject> {

    private static final JsonLimits LIMITS = JsonLimits.forBodiesUpTo(Long.MAX_VALUE);

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == JsonObject.class;
    }

    @Override
    public JsonObject readFrom(Class<JsonObject> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                               MultivaluedMap<String, String> headers, InputStream entity) {
        return RequestBody.streaming(entity, LIMITS).object();
    }
}
