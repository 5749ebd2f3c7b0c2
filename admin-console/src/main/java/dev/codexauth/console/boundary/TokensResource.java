package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.http.QueryInput;
import dev.codexauth.usage.control.UsageReports;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /admin/api/tokens}: usage grouped by its reported line, biggest first (admin.md §2.7; not API tokens). */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-usage")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class TokensResource {

    public record Lines(List<UsageReports.TokenLine> tokens) {
    }

    @Inject
    UsageReports reports;

    @GET
    @Operation(operationId = "listTokenLines", summary = "Usage grouped by its reported line")
    @APIResponse(responseCode = "200", description = "The lines", content = @Content(schema = @Schema(ref = "TokenLines")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<Lines> lines(@QueryParam("limit") @DefaultValue("50") String limit) {
        return Envelope.ok(new Lines(reports.tokenLines(QueryInput.integer("limit", limit, 1, 200))));
    }
}
