package dev.codexauth.console.boundary;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.QueryInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.usage.control.CostHistory;
import dev.codexauth.usage.control.PriceList;
import dev.codexauth.usage.control.UsageReports;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/api/usage}: usage rows, the ingest browser, one ingest with its payload, and the daily cost history
 * (admin.md §2.7). Out-of-range parameters are a 422, not silently clamped.
 */
@Path("usage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-usage")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class UsageReportsResource {

    @Inject
    UsageReports reports;

    @Inject
    CostHistory costHistory;

    @Inject
    PriceList priceList;

    @GET
    @Operation(operationId = "listUsage", summary = "Usage rows, newest first")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(schema = @Schema(ref = "UsagePage")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<UsageReports.UsagePage> usages(@QueryParam("limit") @DefaultValue("50") String limit,
                                                   @QueryParam("page") @DefaultValue("1") String page,
                                                   @QueryParam("host_id") String hostId) {
        return Envelope.ok(reports.usages(hostId(hostId), QueryInput.integer("page", page, 1, 1_000_000),
                QueryInput.integer("limit", limit, 1, 500)));
    }

    /** Sort keys {@code created_at, entries, total, input, output, cached, reasoning, cost, host, client_ip, id}; others sort by time. */
    @GET
    @Path("ingests")
    @Operation(operationId = "listUsageIngests", summary = "Usage reports as received, filtered and sorted")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(schema = @Schema(ref = "IngestPage")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<UsageReports.IngestPage> ingests(@QueryParam("page") @DefaultValue("1") String page,
                                                     @QueryParam("per_page") @DefaultValue("50") String perPage,
                                                     @QueryParam("q") String search, @QueryParam("host_id") String hostId,
                                                     @QueryParam("sort") @DefaultValue("created_at") String sort,
                                                     @QueryParam("direction") @DefaultValue("desc") String direction) {
        if (!direction.equalsIgnoreCase("asc") && !direction.equalsIgnoreCase("desc")) {
            throw ValidationFailed.of("direction", "direction must be asc or desc");
        }
        UsageReports.IngestQuery query = new UsageReports.IngestQuery(QueryInput.integer("page", page, 1, 1_000_000),
                QueryInput.integer("per_page", perPage, 1, 200), search, hostId(hostId), sort, direction.equalsIgnoreCase("asc"));
        return Envelope.ok(reports.ingests(query, priceList.defaultPrices().currency()));
    }

    @GET
    @Path("ingests/{id: [0-9]+}")
    @Operation(operationId = "getUsageIngest", summary = "One usage report with its entries")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(schema = @Schema(ref = "IngestDetail")))
    public Envelope<UsageReports.IngestDetail> ingest(@PathParam("id") long id) {
        return Envelope.ok(reports.ingest(id).orElseThrow(() -> new ApiException(404, "ingest_not_found", "Usage ingest not found")));
    }

    @GET
    @Path("cost-history")
    @Operation(operationId = "getCostHistory", summary = "Daily tokens and cost")
    @APIResponse(responseCode = "200", description = "One point per day",
            content = @Content(schema = @Schema(ref = "CostHistory")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<CostHistory.History> costHistory(@QueryParam("days") @DefaultValue("60") String days) {
        return Envelope.ok(costHistory.of(QueryInput.integer("days", days, 1, 180), Instant.now()));
    }

    static Long hostId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.trim().matches("\\d{1,18}")) {
            throw new ValidationFailed(Map.of("host_id", List.of("host_id must be numeric")));
        }
        return Long.parseLong(value.trim());
    }
}
