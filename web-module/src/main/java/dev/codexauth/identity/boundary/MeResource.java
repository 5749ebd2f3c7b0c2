package dev.codexauth.identity.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.identity.control.Entitlements;
import dev.codexauth.identity.control.Member;
import dev.codexauth.identity.control.TokenCaller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/me}: who the bearer is, in which workspace, its entitlement and the token's scopes (the pill's health check). */
@Path("api/v1/me")
@RequestScoped
@Tag(name = "identity")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    /** The caller; {@code token_id} and {@code scopes} are null for a Clerk session. */
    public record Me(String userId, String email, String workspace, String role, String entitlement, Long tokenId, List<String> scopes,
                     String authenticatedBy) {
    }

    @Inject
    PersonRequest person;

    @EJB
    Entitlements entitlements;

    @GET
    @Operation(operationId = "whoAmI", summary = "The calling person, workspace and entitlement")
    @SecurityRequirement(name = "clerkSession")
    @SecurityRequirement(name = "llmToken")
    @APIResponse(responseCode = "200", description = "The caller", content = @Content(schema = @Schema(ref = "Me")))
    public Envelope<Me> me() {
        PersonPrincipal caller = person.principal();
        TokenCaller token = caller.token();
        if (token != null) {
            return Envelope.ok(new Me(token.userId(), token.email(), token.workspaceSlug(), null, token.entitlement(), token.tokenId(),
                    List.copyOf(token.scopes()), "install_token"));
        }
        Member member = person.signedIn();
        return Envelope.ok(new Me(member.userId(), member.email(), member.workspaceSlug(), member.role(),
                entitlements.of(member.workspaceId()).status(), null, null, "clerk_session"));
    }
}
