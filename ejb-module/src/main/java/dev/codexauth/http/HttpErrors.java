package dev.codexauth.http;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The project's JSON error shape for answers given outside JAX-RS (the request gate, the container's error pages):
 * the same body {@link ApiExceptionMapper} writes, as UTF-8 bytes (JSON needs no charset parameter).
 */
public final class HttpErrors {

    private static final Map<Integer, ApiException> BY_STATUS = Map.ofEntries(
            Map.entry(400, new ApiException(400, "bad_request", "Bad request")),
            Map.entry(401, new ApiException(401, "unauthenticated", "Sign in required")),
            Map.entry(403, new ApiException(403, "forbidden", "Forbidden")),
            Map.entry(404, new RouteNotFound()),
            Map.entry(405, new ApiException(405, "method_not_allowed", "Method not allowed")),
            Map.entry(408, new ApiException(408, "request_timeout", "The request took too long to arrive")),
            Map.entry(413, new ApiException(413, "payload_too_large", "Request body too large")),
            Map.entry(414, new ApiException(414, "uri_too_long", "Request URI too long")),
            Map.entry(415, new ApiException(415, "unsupported_media_type", "Unsupported Content-Type")),
            Map.entry(431, new ApiException(431, "headers_too_large", "Request headers too large")),
            Map.entry(503, new ApiException(503, "unavailable", "Service unavailable")));

    private HttpErrors() {
    }

    /** The error a bare status stands for; anything unknown is the generic 500, without detail. */
    public static ApiException forStatus(int status) {
        ApiException known = BY_STATUS.get(status);
        if (known != null) {
            return known;
        }
        if (status >= 400 && status < 500) {
            return new ApiException(status, "http_" + status, "Request refused");
        }
        return new ApiException(500, "internal_error", "Unexpected error");
    }

    public static void write(HttpServletResponse response, ApiException error) throws IOException {
        write(response, error, JsonConfig.jsonb().toJson(ErrorBody.of(error)));
    }

    /** Request attribute set by {@link RequestGate} on requests to a JSON-RPC endpoint of the application ({@code /mcp}). */
    public static final String JSON_RPC = "dev.codexauth.http.jsonRpc";

    /**
     * As {@link #write(HttpServletResponse, ApiException)}, but on a JSON-RPC endpoint ({@link #JSON_RPC}) as a JSON-RPC
     * error of id null, like every other answer there (docs/mcp.md): code -32700 for an unreadable body, else -32000.
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, ApiException error) throws IOException {
        if (!Boolean.TRUE.equals(request.getAttribute(JSON_RPC))) {
            write(response, error);
            return;
        }
        JsonObjectBuilder data = Jsonp.PROVIDER.createObjectBuilder().add("status", error.status()).add("code", error.code());
        write(response, error, Jsonp.PROVIDER.createObjectBuilder().add("jsonrpc", "2.0").add("id", JsonValue.NULL)
                .add("error", Jsonp.PROVIDER.createObjectBuilder().add("code", error.status() == 400 ? -32700 : -32000)
                        .add("message", error.getMessage()).add("data", data)).build().toString());
    }

    private static void write(HttpServletResponse response, ApiException error, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(error.status());
        response.setContentType("application/json");
        error.headers().forEach(response::setHeader);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
