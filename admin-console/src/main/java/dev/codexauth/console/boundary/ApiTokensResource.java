package dev.codexauth.console.boundary;

import dev.codexauth.console.control.AdminTokens;
import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.console.entity.AdminApiToken;
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

/** {@code /admin/api/api-tokens}: tokens for scripts, shown once at creation; admins only (admin.md §1.2). */
@Path("api-tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
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
    public Envelope<Map<String, List<TokenView>>> list() {
        return Envelope.ok(Map.of("tokens", tokens.list().stream().map(TokenView::of).toList()));
    }

    /** Body {@code {label, role, expires_in_days (1-365, default 90)}}. */
    @POST
    public Envelope<Created> create(String raw) {
        JsonObject body = AdminBodies.object(raw);
        AdminTokens.Created created = tokens.create(JsonInput.text(body, "label").orElse(null), JsonInput.text(body, "role").orElse(null),
                JsonInput.integer(body, "expires_in_days", 1, 365, "expires_in_days must be between 1 and 365").orElse(null),
                request.principal().name());
        audit.record(request.actor(), "api_token.create", "api_token", created.row().getId(), null,
                Map.of("prefix", created.row().getPrefix(), "label", created.row().getLabel(), "role", created.row().getRole()), "ok");
        return Envelope.ok(new Created(TokenView.of(created.row()), created.token()));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Envelope<TokenView> revoke(@PathParam("id") long id) {
        AdminApiToken token = tokens.revoke(id);
        audit.record(request.actor(), "api_token.revoke", "api_token", id, null, Map.of("prefix", token.getPrefix()), "ok");
        return Envelope.ok(TokenView.of(token));
    }
}
