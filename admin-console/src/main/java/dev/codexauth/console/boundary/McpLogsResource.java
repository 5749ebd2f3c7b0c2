package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.http.QueryInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.mcp.control.McpLogQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /admin/api/mcp/logs}: one row per MCP JSON-RPC item or refused request, newest first, paged (admin.md §2.10). */
@Path("mcp/logs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-mcp")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class McpLogsResource {

    @EJB
    McpLogQueries queries;

    @GET
    @Operation(operationId = "listMcpLogs", summary = "The MCP access log, filtered in SQL and paged")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(schema = @Schema(ref = "McpLogsPage")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<Map<String, Object>> logs(@QueryParam("limit") @DefaultValue("200") String limit,
                                              @QueryParam("page") @DefaultValue("1") String page,
                                              @QueryParam("host_id") String hostId, @QueryParam("success") String success,
                                              @QueryParam("method") String method) {
        Long host = null;
        if (hostId != null && !hostId.isBlank()) {
            if (!hostId.matches("^\\d{1,18}$")) {
                throw ValidationFailed.of("host_id", "host_id must be numeric");
            }
            host = Long.parseLong(hostId);
        }
        Boolean outcome = success == null || success.isBlank() ? null : QueryInput.flag("success", success);
        return Envelope.ok(queries.find(new McpLogQueries.Filter(host, outcome, method), QueryInput.integer("page", page, 1, 1_000_000),
                QueryInput.integer("limit", limit, 1, 500)));
    }
}
