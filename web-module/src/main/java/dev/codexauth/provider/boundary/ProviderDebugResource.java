package dev.codexauth.provider.boundary;

import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.BareAnswers;
import dev.codexauth.provider.control.ProviderStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /debug/ai-auth} (seed 002 §4) for admin API tokens: which provider credentials are loaded, with kind,
 * expiry, fingerprint and who set them, never a secret; what {@code GET /admin/api/providers} lists as {@code loaded}.
 */
@Path("debug/ai-auth")
@RequestScoped
@Tag(name = "providers")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
public class ProviderDebugResource {

    @EJB
    ProviderStatus status;

    @Inject
    AdminBearer bearer;

    @GET
    @Operation(operationId = "seedLoadedProviderCredentials", summary = "Which provider credentials are loaded: kind, expiry, fingerprint, never a secret",
            extensions = @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true"))
    @APIResponse(responseCode = "200", description = "The credentials", content = @Content(schema = @Schema(ref = "LoadedCredentials")))
    @APIResponse(responseCode = "401", description = "No admin token, or an unknown, expired or revoked one",
            content = @Content(schema = @Schema(ref = "DetailBody")))
    @APIResponse(responseCode = "403", description = "The token reads only (viewer)", content = @Content(schema = @Schema(ref = "DetailBody")))
    public Response loaded() {
        return BareAnswers.answer(() -> {
            bearer.admin();
            return Map.of("loaded", status.loaded());
        });
    }
}
