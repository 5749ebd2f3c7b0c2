package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.http.JsonInput;
import dev.codexauth.http.QueryInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.identity.control.Entitlements;
import dev.codexauth.identity.control.IdentityAdministration;
import dev.codexauth.ops.control.Timestamps;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/api/workspaces}: workspaces with their members, tokens, hosts and entitlement; an admin sets an
 * entitlement by hand (for example for a customer billed outside Stripe), audited with before and after.
 */
@Path("workspaces")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-identity")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class WorkspacesResource {

    @EJB
    IdentityAdministration identity;

    @Inject
    AdminRequest request;

    @GET
    @Operation(operationId = "listWorkspaces", summary = "Workspaces, newest first")
    @APIResponse(responseCode = "200", description = "The workspaces", content = @Content(schema = @Schema(ref = "WorkspaceList")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<Map<String, List<IdentityAdministration.Workspace>>> list(@QueryParam("limit") @DefaultValue("500") String limit) {
        return Envelope.ok(Map.of("workspaces", identity.workspaces(QueryInput.integer("limit", limit, 1, 5000))));
    }

    @PUT
    @Path("{id: [0-9]+}/entitlement")
    @RolesAllowed("admin")
    @Operation(operationId = "setWorkspaceEntitlement", summary = "Set a workspace's entitlement by hand",
            description = "Body {status, plan?, period_end?}; status active, trialing, past_due, canceled, unpaid or none. "
                    + "A later Stripe event for the workspace replaces it.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "EntitlementChange")))
    @APIResponse(responseCode = "200", description = "The workspace as changed", content = @Content(schema = @Schema(ref = "Workspace")))
    public Envelope<IdentityAdministration.Workspace> setEntitlement(@PathParam("id") long id, JsonObject body) {
        String status = JsonInput.text(body, "status").filter(Entitlements.STATUSES::contains)
                .orElseThrow(() -> ValidationFailed.of("status", "status is one of active, trialing, past_due, canceled, unpaid, none"));
        String plan = JsonInput.text(body, "plan").orElse(null);
        if (plan != null && (plan.isEmpty() || plan.length() > 128)) {
            throw ValidationFailed.of("plan", "plan is 1 to 128 characters");
        }
        Instant periodEnd = JsonInput.text(body, "period_end").map(text -> Timestamps.parse(text)
                .orElseThrow(() -> ValidationFailed.of("period_end", "period_end is an RFC 3339 time"))).orElse(null);
        return Envelope.ok(identity.entitle(id, status, plan, periodEnd, request.actor()));
    }
}
