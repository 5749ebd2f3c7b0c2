package dev.codexauth.provider.boundary;

import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.provider.control.ProviderCredentials;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /claude/retrieve}: the fleet's Claude Code token for {@code cdx}, which writes it into the agent's env file. */
@Path("claude/retrieve")
@RequestScoped
@Tag(name = "sync")
@SecurityRequirement(name = "hostApiKey")
@SecurityRequirement(name = "hostBearer")
public class ClaudeCredentialResource {

    @Inject
    HostRequest request;

    @EJB
    ProviderCredentials credentials;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retrieveClaudeToken", summary = "The fleet's Claude Code OAuth token",
            description = "Body {sha256?}: the SHA-256 of the token the host holds. ok with the token, unchanged, or missing (none set).",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "KnownVersion"))
    @APIResponse(responseCode = "200", description = "The token's state", content = @Content(schema = @Schema(ref = "ClaudeTokenRetrieved")))
    public Envelope<ProviderCredentials.ForHost> retrieve() {
        return Envelope.ok(credentials.hostRetrieve(request.credentials(), request.jsonBody()));
    }
}
