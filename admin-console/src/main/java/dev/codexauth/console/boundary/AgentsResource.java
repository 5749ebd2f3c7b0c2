package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.sync.control.AgentsFile;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/** The fleet {@code AGENTS.md}: {@code /admin/api/agents} (admin.md §2.9). */
@Path("agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-sync")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class AgentsResource {

    @Inject
    AgentsFile agents;

    @Inject
    AdminRequest request;

    @GET
    @Operation(operationId = "getAgents", summary = "The fleet AGENTS.md")
    @APIResponse(responseCode = "200", description = "The document; ETag is its sha256",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(ref = "AgentsDocument")))
    public Response read() {
        JsonObject document = agents.adminRead();
        Response.ResponseBuilder response = Response.ok(Envelope.ok(document));
        return document.containsKey("sha256") ? response.tag(new EntityTag(document.getString("sha256"))).build() : response.build();
    }

    @POST
    @Path("store")
    @RolesAllowed("admin")
    @Operation(operationId = "saveAgents", summary = "Save the fleet AGENTS.md")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AgentsSave")))
    @APIResponse(responseCode = "200", description = "The saved version",
            content = @Content(schema = @Schema(ref = "AgentsSaved")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Envelope<JsonObject> store(JsonObject body, @HeaderParam("If-Match") String ifMatch) {
        return Envelope.ok(agents.adminStore(body, ifMatch, request.actor()));
    }

    @DELETE
    @RolesAllowed("admin")
    @Operation(operationId = "deleteAgents", summary = "Delete the fleet AGENTS.md; hosts delete their copy")
    @APIResponse(responseCode = "200", description = "status missing",
            content = @Content(schema = @Schema(ref = "AgentsDocument")))
    public Envelope<JsonObject> delete() {
        return Envelope.ok(agents.adminDelete(request.actor()));
    }
}
