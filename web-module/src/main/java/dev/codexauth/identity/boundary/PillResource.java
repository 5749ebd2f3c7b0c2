package dev.codexauth.identity.boundary;

import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.http.JsonInput;
import dev.codexauth.identity.control.InstallPill;
import dev.codexauth.identity.control.TokenAuthenticator;
import dev.codexauth.identity.control.TokenCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/pill}: the install pill (seed 000 step 4) for an install token — the bearer itself, or, for
 * the sign-in page that holds a Clerk session, the {@code token} it just minted (which must be the person's own).
 */
@Path("api/v1/pill")
@RequestScoped
@Tag(name = "identity")
@Produces(MediaType.APPLICATION_JSON)
public class PillResource {

    @Inject
    PersonRequest person;

    @Inject
    HostRequest request;

    @Inject
    TokenAuthenticator tokens;

    @Inject
    BaseUrls baseUrls;

    @POST
    @Operation(operationId = "installPill", summary = "The install pill: OpenAPI, REST base, auth, health check and MCP in one document",
            description = "With an install token as bearer the body may be empty; with a Clerk session send {token} (an install token of yours).",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "PillRequest"))
    @SecurityRequirement(name = "clerkSession")
    @SecurityRequirement(name = "llmToken")
    @APIResponse(responseCode = "200", description = "The pill, to hand to a coding agent", content = @Content(schema = @Schema(ref = "InstallPill")))
    public Envelope<Map<String, Object>> pill() {
        PersonPrincipal caller = person.principal();
        String baseUrl = baseUrls.require(request.origin());
        if (caller.token() != null) {
            return Envelope.ok(InstallPill.of(baseUrl, person.bearer(), caller.token()));
        }
        String token = JsonInput.text(request.jsonBody(), "token").orElseThrow(() -> new ApiException(422, "token_required",
                "With a session token, send the install token the pill is for as {\"token\": \"xwllm_...\"}"));
        TokenCaller named = tokens.authenticate(token, request.clientIp());
        if (named.personId() != person.personId()) {
            throw new ApiException(403, "not_your_token", "That install token belongs to someone else");
        }
        return Envelope.ok(InstallPill.of(baseUrl, token, named));
    }
}
