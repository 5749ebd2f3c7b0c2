package dev.codexauth.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers in the line format when a host asks for {@code Accept: text/plain}. Resources keep producing JSON: the
 * request is routed as a JSON request, and the JSON they (or an error mapper) write is flattened on the way out.
 * Runs before the host pipeline so that its errors come back in the same format.
 */
@Provider
@PreMatching
@Priority(50)
public class LineFormatNegotiation implements ContainerRequestFilter, WriterInterceptor {

    private static final String REQUESTED = LineFormatNegotiation.class.getName();
    private static final MediaType LINES = MediaType.TEXT_PLAIN_TYPE.withCharset("utf-8");

    @Override
    public void filter(ContainerRequestContext request) {
        if (asksForLines(request.getHeaderString(HttpHeaders.ACCEPT))) {
            request.setProperty(REQUESTED, Boolean.TRUE);
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (context.getProperty(REQUESTED) == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(context.getMediaType())) {
            context.proceed();
            return;
        }
        OutputStream client = context.getOutputStream();
        ByteArrayOutputStream json = new ByteArrayOutputStream(1024);
        context.setOutputStream(json);
        context.proceed();
        byte[] lines;
        try (var reader = Jsonp.PROVIDER.createReader(new ByteArrayInputStream(json.toByteArray()))) {
            lines = LineFormat.flatten(reader.readValue()).getBytes(StandardCharsets.UTF_8);
        }
        context.setMediaType(LINES);
        context.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, LINES.toString());
        context.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        client.write(lines);
        context.setOutputStream(client);
    }

    /** Only an explicit {@code text/plain}; {@code *}{@code /*} and JSON keep the JSON answer. */
    private static boolean asksForLines(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].trim();
            if (type.equalsIgnoreCase(MediaType.TEXT_PLAIN)) {
                return true;
            }
        }
        return false;
    }
}
