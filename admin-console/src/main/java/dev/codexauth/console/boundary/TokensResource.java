package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
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

/** {@code GET /admin/api/tokens}: usage grouped by its reported line, biggest first (admin.md §2.7; not API tokens). */
@Path("tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class TokensResource {

    public record Lines(List<UsageReports.TokenLine> tokens) {
    }

    @Inject
    UsageReports reports;

    @GET
    public Envelope<Lines> lines(@QueryParam("limit") @DefaultValue("50") String limit) {
        return Envelope.ok(new Lines(reports.tokenLines(QueryInput.integer("limit", limit, 1, 200))));
    }
}
