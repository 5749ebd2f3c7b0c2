package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AdminTokens;
import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.console.entity.AdminApiToken;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.JsonInput;
import dev.codexauth.ops.control.Timestamps;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /admin/api/api-tokens}: tokens for scripts, shown once at creation; admins only (admin.md §1.2). */
@Path("api-tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "admin-api-tokens")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class ApiTokensResource {

    /** A token as listed: never the secret, never its hash. */
    public record TokenView(long id, String prefix, String label, String role, String createdBy, String createdAt,
                            String expiresAt, String lastUsedAt, String lastUsedIp, String revokedAt) {
        static TokenView of(AdminApiToken t) {
            return new TokenView(t.getId(), t.getPrefix(), t.getLabel(), t.getRole(), t.getCreatedBy(), Timestamps.format(t.getCreatedAt()),
                    Timestamps.format(t.getExpiresAt()), Timestamps.format(t.getLastUsedAt()), t.getLastUsedIp(),
                    Timestamps.format(t.getRevokedAt()));
        }
    }

    /** The new token: its secret appears here and nowhere else, ever. */
    public record Created(TokenView token, String secret) {
    }

    @Inject
    AdminTokens tokens;

    @Inject
    AuditTrail audit;

    @Inject
    AdminRequest request;

    @GET
    @Operation(operationId = "listApiTokens", summary = "Admin API tokens")
    @APIResponse(responseCode = "200", description = "The tokens", content = @Content(schema = @Schema(ref = "ApiTokens")))
    public Envelope<Map<String, List<TokenView>>> list() {
        return Envelope.ok(Map.of("tokens", tokens.list().stream().map(TokenView::of).toList()));
    }

    /**
     * Body {@code {label, role, expires_in_days (1-365, default 90)}}. Only a signed-in admin mints tokens: a token
     * lives only while its creator's account is enabled, and a token has no account.
     */
    @POST
    @Operation(operationId = "createApiToken", summary = "Create an API token (signed-in admins only)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiTokenCreation")))
    @APIResponse(responseCode = "200", description = "The token and its secret, shown once",
            content = @Content(schema = @Schema(ref = "ApiTokenCreated")))
    public Envelope<Created> create(JsonObject body) {
        if (!"form".equals(request.principal().method())) {
            throw new ApiException(403, "forbidden", "API tokens are created by a signed-in admin, not by another token");
        }
        AdminTokens.Created created = tokens.create(JsonInput.text(body, "label").orElse(null), JsonInput.text(body, "role").orElse(null),
                JsonInput.integer(body, "expires_in_days", 1, 365, "expires_in_days must be between 1 and 365").orElse(null),
                request.principal().name());
        audit.record(request.actor(), "api_token.create", "api_token", created.row().getId(), null,
                Map.of("prefix", created.row().getPrefix(), "label", created.row().getLabel(), "role", created.row().getRole()), "ok");
        return Envelope.ok(new Created(TokenView.of(created.row()), created.token()));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @Operation(operationId = "revokeApiToken", summary = "Revoke an API token on every node at once")
    @APIResponse(responseCode = "200", description = "The revoked token", content = @Content(schema = @Schema(ref = "ApiToken")))
    public Envelope<TokenView> revoke(@PathParam("id") long id) {
        AdminApiToken token = tokens.revoke(id);
        audit.record(request.actor(), "api_token.revoke", "api_token", id, null, Map.of("prefix", token.getPrefix()), "ok");
        return Envelope.ok(TokenView.of(token));
    }
}
