package dev.codexauth.identity.boundary;

import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.identity.control.LlmTokens;
import dev.codexauth.identity.control.Scopes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/llm-tokens}: a person mints, lists and revokes their {@code xwllm_} install tokens (seed 000 step
 * 3). Minting takes a live Clerk session and an active workspace; the token is in that one answer only.
 */
@Path("api/v1/llm-tokens")
@RequestScoped
@Tag(name = "identity")
@Produces(MediaType.APPLICATION_JSON)
public class LlmTokensResource {

    @Inject
    PersonRequest person;

    @Inject
    HostRequest request;

    @Inject
    LlmTokens tokens;

    @POST
    @Operation(operationId = "mintLlmToken", summary = "Mint an install token",
            description = "Body {label, scopes?, expires_in_days?}. Scopes default to api:read, api:write and mcp.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "LlmTokenRequest"))
    @SecurityRequirement(name = "clerkSession")
    @APIResponse(responseCode = "201", description = "The token, shown this once",
            content = @Content(schema = @Schema(ref = "MintedLlmToken")))
    public Response mint() {
        LlmTokens.Minted minted = tokens.mint(person.signedIn(), request.jsonBody());
        return Response.status(201).entity(Envelope.ok(minted)).build();
    }

    @GET
    @Operation(operationId = "listLlmTokens", summary = "The caller's install tokens, never their values")
    @SecurityRequirement(name = "clerkSession")
    @SecurityRequirement(name = "llmToken")
    @APIResponse(responseCode = "200", description = "Newest first", content = @Content(schema = @Schema(ref = "LlmTokenList")))
    public Envelope<Map<String, List<LlmTokens.Listed>>> list() {
        if (person.principal().token() != null) {
            person.token(Scopes.API_READ);
        }
        return Envelope.ok(Map.of("tokens", tokens.ofPerson(person.personId())));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @Operation(operationId = "revokeLlmToken", summary = "Revoke one of the caller's install tokens, on every node at once")
    @SecurityRequirement(name = "clerkSession")
    @SecurityRequirement(name = "llmToken")
    @APIResponse(responseCode = "200", description = "The revoked token", content = @Content(schema = @Schema(ref = "LlmToken")))
    public Envelope<LlmTokens.Listed> revoke(@PathParam("id") long id) {
        if (person.principal().token() != null) {
            person.token(Scopes.API_WRITE);
        }
        return Envelope.ok(tokens.revokeOwn(person.personId(), id, "person:" + person.principal().getName()));
    }
}
