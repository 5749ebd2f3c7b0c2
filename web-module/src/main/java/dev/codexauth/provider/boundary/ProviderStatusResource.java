package dev.codexauth.provider.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.provider.control.ProviderStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/codex/status} and {@code GET /api/claude/status} (seed 002 §4): whether the fleet holds a usable
 * credential of each CLI, and until when. Public like {@code /health}: a yes and a date, never the credential.
 */
@Path("api")
@RequestScoped
@Tag(name = "status")
@Produces(MediaType.APPLICATION_JSON)
public class ProviderStatusResource {

    @EJB
    ProviderStatus status;

    @GET
    @Path("codex/status")
    @Operation(operationId = "codexStatus", summary = "Whether the canonical Codex auth is present and not expired")
    @APIResponse(responseCode = "200", description = "The state", content = @Content(schema = @Schema(ref = "ProviderState")))
    public Envelope<ProviderStatus.State> codex() {
        return Envelope.ok(status.codex());
    }

    @GET
    @Path("claude/status")
    @Operation(operationId = "claudeStatus", summary = "Whether the fleet's Claude Code token is present and not expired")
    @APIResponse(responseCode = "200", description = "The state", content = @Content(schema = @Schema(ref = "ProviderState")))
    public Envelope<ProviderStatus.State> claude() {
        return Envelope.ok(status.claude());
    }
}
