package dev.codexauth.console.boundary;

import dev.codexauth.console.control.RetentionAdministration;
import dev.codexauth.http.Envelope;
import dev.codexauth.ops.control.Retention;
import dev.codexauth.ops.control.RetentionPolicy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /admin/api/retention} (new): the configured ages (days, 0 = forever) and a pass run now instead of at :37. */
@Path("retention")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-operations")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class RetentionResource {

    @Inject
    RetentionPolicy policy;

    @Inject
    RetentionAdministration administration;

    @Inject
    AdminRequest request;

    @GET
    @Operation(operationId = "getRetention", summary = "The configured retention ages")
    @APIResponse(responseCode = "200", description = "Ages in days", content = @Content(schema = @Schema(ref = "RetentionDays")))
    public Envelope<RetentionPolicy.Days> policy() {
        return Envelope.ok(policy.days());
    }

    @POST
    @Path("run")
    @RolesAllowed("admin")
    @Operation(operationId = "runRetention", summary = "Run a retention pass now")
    @APIResponse(responseCode = "200", description = "What the pass deleted",
            content = @Content(schema = @Schema(ref = "RetentionPass")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Envelope<Retention.Pass> run() {
        return Envelope.ok(administration.run(request.actor()));
    }
}
