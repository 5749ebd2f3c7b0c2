package dev.codexauth.mcp.boundary;

import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.http.Jsonp;
import dev.codexauth.mcp.control.McpAuthentication;
import dev.codexauth.mcp.control.McpCaller;
import dev.codexauth.mcp.control.Memories;
import dev.codexauth.mcp.control.MemoryInput;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST mirror of the memory tools (host-api.md §4.11): the same service, validation (422) and host policy as
 * {@code /mcp}, including the insecure window the original skipped here. Each body (the path delete: its query) may
 * name the {@code scope} as the tools do.
 */
@Path("mcp/memories")
@RequestScoped
@Tag(name = "mcp")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "hostApiKey")
@SecurityRequirement(name = "hostBearer")
public class McpMemoriesResource {

    @Inject
    HostRequest request;

    @EJB
    McpAuthentication authentication;

    @EJB
    Memories memories;

    @POST
    @Path("store")
    @Operation(operationId = "storeMemory", summary = "Store a memory", description = "Upsert by key; without id a UUID is generated.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "MemoryDraft"))
    @APIResponse(responseCode = "200", description = "created, updated or unchanged", content = @Content(schema = @Schema(ref = "MemoryStored")))
    public Envelope<JsonObject> store() {
        McpCaller caller = caller();
        JsonObject body = request.jsonBody();
        return Envelope.ok(memories.store(caller, MemoryInput.scope(body, false), MemoryInput.draft(body)));
    }

    @POST
    @Path("retrieve")
    @Operation(operationId = "retrieveMemory", summary = "Retrieve a memory",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "MemoryKey"))
    @APIResponse(responseCode = "200", description = "found or missing", content = @Content(schema = @Schema(ref = "MemoryFound")))
    public Envelope<JsonObject> retrieve() {
        McpCaller caller = caller();
        JsonObject body = request.jsonBody();
        return Envelope.ok(memories.retrieve(caller, MemoryInput.scope(body, false), MemoryInput.key(body)));
    }

    @POST
    @Path("search")
    @Operation(operationId = "searchMemories", summary = "Search memories",
            description = "Full-text with a substring fallback; an empty query lists the newest; every tag must match.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "MemoryQuery"))
    @APIResponse(responseCode = "200", description = "The matches", content = @Content(schema = @Schema(ref = "MemoryMatches")))
    public Envelope<JsonObject> search() {
        McpCaller caller = caller();
        JsonObject body = request.jsonBody();
        return Envelope.ok(memories.search(caller, MemoryInput.scope(body, true), MemoryInput.query(body, "query", "q"),
                MemoryInput.tagFilter(body), MemoryInput.limit(body, "limit", 20, 1, 100)));
    }

    @POST
    @Path("delete")
    @Operation(operationId = "deleteMemory", summary = "Delete a memory",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "MemoryKey"))
    @APIResponse(responseCode = "200", description = "deleted or missing", content = @Content(schema = @Schema(ref = "MemoryDeleted")))
    public Envelope<JsonObject> delete() {
        McpCaller caller = caller();
        JsonObject body = request.jsonBody();
        return Envelope.ok(memories.delete(caller, MemoryInput.scope(body, false), MemoryInput.key(body)));
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "deleteMemoryByPath", summary = "Delete a memory named in the path")
    @APIResponse(responseCode = "200", description = "deleted or missing", content = @Content(schema = @Schema(ref = "MemoryDeleted")))
    public Envelope<JsonObject> deleteByPath(@PathParam("id") String id, @QueryParam("scope") String scope) {
        McpCaller caller = caller();
        return Envelope.ok(memories.delete(caller, MemoryInput.scope(Jsonp.PROVIDER.createObjectBuilder()
                .add("scope", scope == null ? "" : scope).build(), false), MemoryInput.key(id)));
    }

    private McpCaller caller() {
        return authentication.authenticate(request.credentials());
    }
}
