package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.http.QueryInput;
import dev.codexauth.identity.control.IdentityAdministration;
import dev.codexauth.identity.control.LlmTokens;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/api/people} and {@code /admin/api/llm-tokens}: who signed in and the install tokens they minted
 * (never a token's value); an admin revokes any token, effective on every node at the next request, audited.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-identity")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class PeopleResource {

    @EJB
    IdentityAdministration identity;

    @EJB
    LlmTokens tokens;

    @Inject
    AdminRequest request;

    @GET
    @Path("people")
    @Operation(operationId = "listPeople", summary = "People who signed in, newest first")
    @APIResponse(responseCode = "200", description = "The people", content = @Content(schema = @Schema(ref = "PersonList")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<Map<String, List<IdentityAdministration.Person>>> people(@QueryParam("limit") @DefaultValue("500") String limit) {
        return Envelope.ok(Map.of("people", identity.people(QueryInput.integer("limit", limit, 1, 5000))));
    }

    @GET
    @Path("llm-tokens")
    @Operation(operationId = "listAllLlmTokens", summary = "Every install token, newest first, never their values")
    @APIResponse(responseCode = "200", description = "The tokens", content = @Content(schema = @Schema(ref = "LlmTokenList")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<Map<String, List<LlmTokens.Listed>>> tokens(@QueryParam("limit") @DefaultValue("500") String limit) {
        return Envelope.ok(Map.of("tokens", tokens.all(QueryInput.integer("limit", limit, 1, 1000))));
    }

    @DELETE
    @Path("llm-tokens/{id: [0-9]+}")
    @RolesAllowed("admin")
    @Operation(operationId = "revokeAnyLlmToken", summary = "Revoke an install token")
    @APIResponse(responseCode = "200", description = "The revoked token", content = @Content(schema = @Schema(ref = "LlmToken")))
    public Envelope<LlmTokens.Listed> revoke(@PathParam("id") long id) {
        return Envelope.ok(identity.revoke(id, request.actor()));
    }
}
