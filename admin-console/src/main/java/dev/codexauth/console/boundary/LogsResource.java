package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.http.QueryInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.EventQueries;
import dev.codexauth.ops.control.Timestamps;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /admin/api/logs}: the event log newest first, filtered in SQL by host ({@code host_id}, or
 * {@code system}), action prefix, time window and text, paged (admin.md §2.10).
 */
@Path("logs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-logs")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class LogsResource {

    @Inject
    EventQueries events;

    @GET
    @Operation(operationId = "listLogs", summary = "The event log, filtered in SQL and paged")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(schema = @Schema(ref = "LogsPage")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<EventQueries.Page> logs(@QueryParam("limit") @DefaultValue("50") String limit,
                                            @QueryParam("page") @DefaultValue("1") String page,
                                            @QueryParam("host_id") String hostId, @QueryParam("action_prefix") String actionPrefix,
                                            @QueryParam("since") String since, @QueryParam("until") String until,
                                            @QueryParam("q") String search) {
        boolean system = "system".equals(hostId);
        Long host = null;
        if (hostId != null && !hostId.isBlank() && !system) {
            if (!hostId.matches("^\\d{1,18}$")) {
                throw ValidationFailed.of("host_id", "host_id must be numeric or system");
            }
            host = Long.parseLong(hostId);
        }
        return Envelope.ok(events.find(new EventQueries.Filter(host, system, actionPrefix, time("since", since), time("until", until),
                search), QueryInput.integer("page", page, 1, 1_000_000), QueryInput.integer("limit", limit, 1, 500)));
    }

    static Instant time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Timestamps.parse(value).orElseThrow(() -> ValidationFailed.of(name, name + " must be an RFC 3339 timestamp"));
    }
}
