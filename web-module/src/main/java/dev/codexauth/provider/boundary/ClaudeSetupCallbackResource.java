package dev.codexauth.provider.boundary;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.BareAnswers;
import dev.codexauth.http.HostRequest;
import dev.codexauth.http.JsonInput;
import dev.codexauth.provider.control.ProviderAdministration;
import dev.codexauth.provider.control.ProviderCredentials;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
 * {@code POST /claude/setup-token/callback} (seed 002 §2, spec/identity.md) for admin API tokens: exchanges the code
 * Anthropic showed for the fleet's Claude Code token and stores it sealed, through the same audited
 * {@link ProviderAdministration} as {@code /admin/api/providers}. The body is read only once the token is known.
 */
@Path("claude/setup-token/callback")
@RequestScoped
@Tag(name = "providers")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "adminToken")
public class ClaudeSetupCallbackResource {

    /** What the callback answers: the seed's {@code ok}, and which token is now the fleet's, never the token. */
    public record Stored(boolean ok, String kind, String fingerprint, String expiresAt) {
    }

    @EJB
    ProviderAdministration administration;

    @Inject
    AdminBearer bearer;

    @Inject
    HostRequest request;

    @POST
    @Operation(operationId = "seedFinishClaudeSetup", summary = "Exchange the code Anthropic showed for the fleet's Claude Code token",
            extensions = {@Extension(name = ApiDocumentFilter.JSON_BODY, value = "ClaudeSetupCallback"),
                    @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true")})
    @APIResponse(responseCode = "200", description = "Stored, encrypted; hosts fetch it on their next sync",
            content = @Content(schema = @Schema(ref = "ClaudeSetupDone")))
    @APIResponse(responseCode = "400", description = "The code is missing, wrong or failed its PKCE check", content = @Content(schema = @Schema(ref = "DetailBody")))
    @APIResponse(responseCode = "409", description = "The sign-in was already finished or has expired", content = @Content(schema = @Schema(ref = "DetailBody")))
    @APIResponse(responseCode = "502", description = "Anthropic's token endpoint failed", content = @Content(schema = @Schema(ref = "DetailBody")))
    public Response finish() {
        return BareAnswers.answer(() -> {
            AuditTrail.Actor admin = bearer.admin();
            JsonObject body = request.jsonBody();
            String session = JsonInput.text(body, "session_id").filter(id -> !id.isEmpty())
                    .orElseThrow(() -> new ApiException(400, "missing_field", "session_id is required"));
            ProviderCredentials.Summary stored = administration.finishClaude(session, JsonInput.text(body, "code").orElse(null), admin);
            return new Stored(true, stored.kind(), stored.fingerprint(), stored.expiresAt());
        });
    }
}
