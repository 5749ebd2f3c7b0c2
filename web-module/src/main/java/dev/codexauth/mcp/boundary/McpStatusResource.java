package dev.codexauth.mcp.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.mcp.control.McpStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/mcp/status}: public like the Codex and Claude status beside it; counts and a time, never content. */
@Path("api/mcp/status")
@ApplicationScoped
@Tag(name = "status")
@Produces(MediaType.APPLICATION_JSON)
public class McpStatusResource {

    @EJB
    McpStatus status;

    @GET
    @Operation(operationId = "mcpStatus", summary = "The MCP server's protocol versions, tool counts and last logged call")
    @APIResponse(responseCode = "200", description = "The state", content = @Content(schema = @Schema(ref = "McpStatus")))
    public Envelope<McpStatus.State> current() {
        return Envelope.ok(status.current());
    }
}
