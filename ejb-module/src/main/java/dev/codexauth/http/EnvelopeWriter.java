package dev.codexauth.http;

import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * Writes the success envelope of both APIs through {@link RecordJson}: the same bytes JSON-B would write, at a
 * fraction of the cost. A body {@link RecordJson} cannot write is written by JSON-B ({@link JsonConfig}) instead, so
 * the envelope is rendered into a buffer first and only a complete document reaches the client.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class EnvelopeWriter implements MessageBodyWriter<Envelope<?>> {

    private static final JsonGeneratorFactory GENERATORS = Jsonp.PROVIDER.createGeneratorFactory(Map.of());

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == Envelope.class && MediaType.APPLICATION_JSON_TYPE.isCompatible(mediaType);
    }

    @Override
    public void writeTo(Envelope<?> envelope, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream entity) throws IOException {
        entity.write(render(envelope));
    }

    /** The envelope as UTF-8 JSON. */
    static byte[] render(Envelope<?> envelope) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
        // Not try-with-resources: closing a generator in the middle of a document throws.
        JsonGenerator out = GENERATORS.createGenerator(buffer);
        try {
            out.writeStartObject();
            out.writeKey("status");
            RecordJson.write(envelope.status(), out);
            out.writeKey("data");
            RecordJson.write(envelope.data(), out);
            out.writeEnd();
            out.close();
        } catch (RecordJson.Unsupported onlyJsonbKnows) {
            buffer.reset();
            JsonConfig.jsonb().toJson(envelope, buffer);
        }
        return buffer.toByteArray();
    }
}
