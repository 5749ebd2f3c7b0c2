package dev.codexauth.provider.boundary;

import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.BareAnswers;
import dev.codexauth.provider.control.ProviderAdministration;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /claude/setup-token} (seed 002 §2, spec/identity.md) for admin API tokens: starts the Claude Code OAuth
 * sign-in with PKCE, which {@link ClaudeSetupCallbackResource} finishes, through the same audited
 * {@link ProviderAdministration} as {@code /admin/api/providers} and the console's Providers page. Answers are bare
 * JSON, errors {@code {"detail"}}.
 */
@Path("claude/setup-token")
@RequestScoped
@Tag(name = "providers")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
public class ClaudeSetupResource {

    @EJB
    ProviderAdministration administration;

    @Inject
    AdminBearer bearer;

    @POST
    @Operation(operationId = "seedStartClaudeSetup", summary = "Start the Claude Code OAuth sign-in (PKCE) with an admin token",
            extensions = @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true"))
    @APIResponse(responseCode = "200", description = "Open authorize_url, sign in, then post the code Anthropic shows to the callback",
            content = @Content(schema = @Schema(ref = "ClaudeSetupStarted")))
    @APIResponse(responseCode = "401", description = "No admin token, or an unknown, expired or revoked one",
            content = @Content(schema = @Schema(ref = "DetailBody")))
    @APIResponse(responseCode = "403", description = "The token reads only (viewer)", content = @Content(schema = @Schema(ref = "DetailBody")))
    public Response start() {
        return BareAnswers.answer(() -> administration.startClaude(bearer.admin()));
    }
}
