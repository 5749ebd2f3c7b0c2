package dev.codexauth.mcp.boundary;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.ErrorBody;
import dev.codexauth.mcp.control.JsonRpc;
import dev.codexauth.mcp.control.McpError;
import dev.codexauth.mcp.control.McpOrigins;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Every answer of {@code /mcp}: a REST error body produced before the resource ran (kill switch, global rate limit,
 * an unsupported method) becomes a JSON-RPC error with the same status, and an allowed browser Origin gets the CORS
 * headers (spec/mcp.md §8). Paths below {@code /mcp/} (the memory REST mirror) are left alone.
 */
@Provider
@Priority(50)
@ApplicationScoped
public class McpResponseFilter implements ContainerResponseFilter {

    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Accept, X-API-Key, Mcp-Session-Id, MCP-Protocol-Version, "
            + "Last-Event-ID";

    @Inject
    McpOrigins origins;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"mcp".equals(request.getUriInfo().getPath().replaceAll("^/+|/+$", ""))) {
            return;
        }
        if (response.getEntity() instanceof ErrorBody body) {
            McpError error = McpErrors.other(new ApiException(response.getStatus(), body.code(), body.message(), body.details(), null,
                    Map.of()));
            response.setEntity(JsonRpc.error(null, error.rpcCode(), error.getMessage(), error.rpcData()), null,
                    MediaType.APPLICATION_JSON_TYPE);
            error.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
        String origin = request.getHeaderString("Origin");
        if (origins.allowedPresent(origin)) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            headers.putSingle("Access-Control-Allow-Origin", origin);
            headers.add("Vary", "Origin");
            headers.putSingle("Access-Control-Expose-Headers", "Mcp-Session-Id, WWW-Authenticate");
            if ("OPTIONS".equals(request.getMethod())) {
                headers.putSingle("Access-Control-Allow-Methods", "POST, GET, DELETE, OPTIONS");
                headers.putSingle("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                headers.putSingle("Access-Control-Max-Age", "600");
            }
        }
    }
}
