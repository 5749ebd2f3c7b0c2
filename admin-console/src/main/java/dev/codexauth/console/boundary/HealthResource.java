package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.ops.control.HealthReport;
import jakarta.annotation.security.RolesAllowed;
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

/**
 * {@code GET /admin/api/health}: the readiness checks with what each rests on (schema versions, key ids, sealed
 * values that do not open); the public {@code /health} says only UP or DOWN.
 */
@Path("health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-operations")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class HealthResource {

    /** Every check up, and each check. */
    public record Health(String status, List<HealthReport.Check> checks) {
    }

    @Inject
    HealthReport report;

    @GET
    @Operation(operationId = "getHealthDetails", summary = "The readiness checks with what each rests on")
    @APIResponse(responseCode = "200", description = "Every check", content = @Content(schema = @Schema(ref = "HealthDetails")))
    public Envelope<Health> health() {
        List<HealthReport.Check> checks = report.checks();
        return Envelope.ok(new Health(checks.stream().allMatch(HealthReport.Check::up) ? "UP" : "DOWN", checks));
    }
}
