package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.http.Jsonp;
import dev.codexauth.http.QueryInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.mcp.control.MemoryAdministration;
import dev.codexauth.mcp.control.MemoryInput;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/api/mcp/memories}: every host's MCP memories, searched in SQL (full text with the substring
 * fallback, exact tags ignoring case) and paged; a delete is soft and audited (admin.md §2.10). Admins write the
 * fleet's shared memories here, by key.
 */
@Path("mcp/memories")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin-mcp")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class McpMemoriesResource {

    @EJB
    MemoryAdministration administration;

    @Inject
    AdminRequest request;

    @GET
    @RolesAllowed("viewer")
    @Operation(operationId = "searchAllMemories", summary = "Search the memories of every host, or of one, or the fleet's",
            description = "q (or query): full text, else newest first; tags: comma or space separated, all must match; "
                    + "scope=fleet: only the memories every host shares (not with host_id).")
    @APIResponse(responseCode = "200", description = "One page of matches", content = @Content(schema = @Schema(ref = "MemoryMatches")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<JsonObject> search(@QueryParam("q") String q, @QueryParam("query") String query,
                                       @QueryParam("host_id") String hostId, @QueryParam("tags") String tags,
                                       @QueryParam("scope") String scope,
                                       @QueryParam("limit") @DefaultValue("50") String limit,
                                       @QueryParam("page") @DefaultValue("1") String page) {
        Long host = null;
        if (hostId != null && !hostId.isBlank()) {
            if (!hostId.matches("^\\d{1,18}$")) {
                throw ValidationFailed.of("host_id", "host_id must be numeric");
            }
            host = Long.parseLong(hostId);
        }
        boolean fleet = scope != null && !scope.isBlank();
        if (fleet && !scope.strip().equals("fleet")) {
            throw ValidationFailed.of("scope", "scope must be fleet, or absent for every memory");
        }
        if (fleet && host != null) {
            throw ValidationFailed.of("scope", "scope=fleet and host_id exclude each other");
        }
        String text = q != null && !q.isBlank() ? q : query;
        JsonObject filter = Jsonp.PROVIDER.createObjectBuilder().add("query", text == null ? "" : text)
                .add("tags", Jsonp.PROVIDER.createArrayBuilder(MemoryInput.tagList(tags))).build();
        return Envelope.ok(administration.search(fleet, host, MemoryInput.query(filter, "query"), MemoryInput.tagFilter(filter),
                QueryInput.integer("limit", limit, 1, 200), QueryInput.integer("page", page, 1, 1_000_000)));
    }

    @PUT
    @Path("fleet/{key}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "storeFleetMemory", summary = "Store a memory every host reads (scope fleet), by key",
            description = "Body as a host's store (content, tags, metadata); the key is the path's. Audited with sizes, not content.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MemoryDraft")))
    @APIResponse(responseCode = "200", description = "created, updated or unchanged", content = @Content(schema = @Schema(ref = "MemoryStored")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<JsonObject> storeForFleet(@PathParam("key") String key, JsonObject body) {
        return Envelope.ok(administration.storeForFleet(key, body == null ? JsonValue.EMPTY_JSON_OBJECT : body, request.actor()));
    }

    @DELETE
    @Path("{record_id: [0-9]+}")
    @RolesAllowed("admin")
    @Operation(operationId = "deleteMemoryRecord", summary = "Delete one memory (soft, audited)")
    @APIResponse(responseCode = "200", description = "The deleted record id", content = @Content(schema = @Schema(ref = "MemoryRecordDeleted")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Envelope<Map<String, Object>> delete(@PathParam("record_id") long recordId) {
        return Envelope.ok(Map.of("deleted", administration.delete(recordId, request.actor())));
    }
}
