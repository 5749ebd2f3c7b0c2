package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /admin/api/diagnostics/connection} (admin.md §1.2): how this server sees the admin's connection, to set
 * up proxies and client certificates ({@link ConnectionDiagnostics}, which the console's Connection page shows too).
 * Replaces the original's debug pages; never environment variables or secrets.
 */
@Path("diagnostics/connection")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "admin-operations")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class DiagnosticsResource {

    @Inject
    ConnectionDiagnostics diagnostics;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Operation(operationId = "getConnectionDiagnostics",
            summary = "How the server sees this connection (proxies, client certificate, session)")
    @APIResponse(responseCode = "200", description = "The connection as seen",
            content = @Content(schema = @Schema(ref = "ConnectionDiagnostics")))
    public Envelope<Map<String, Object>> connection() {
        return Envelope.ok(diagnostics.of(servletRequest));
    }
}
