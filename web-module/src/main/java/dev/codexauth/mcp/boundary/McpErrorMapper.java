package dev.codexauth.mcp.boundary;

import dev.codexauth.mcp.control.JsonRpc;
import dev.codexauth.mcp.control.McpError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused {@code /mcp} request: its status and headers with a JSON-RPC error body of id null. */
@Provider
public class McpErrorMapper implements ExceptionMapper<McpError> {

    @Override
    public Response toResponse(McpError e) {
        return render(e);
    }

    static Response render(McpError e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonRpc.error(null, e.rpcCode(), e.getMessage(), e.rpcData()));
        e.headers().forEach(response::header);
        return response.build();
    }
}
