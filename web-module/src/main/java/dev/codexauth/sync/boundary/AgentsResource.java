package dev.codexauth.sync.boundary;

import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.sync.control.AgentsFile;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /agents/retrieve}: the fleet {@code AGENTS.md} (host-api.md §4.9, sync.md §5). */
@Path("agents")
@RequestScoped
@Tag(name = "sync")
@SecurityRequirement(name = "hostApiKey")
@SecurityRequirement(name = "hostBearer")
public class AgentsResource {

    @Inject
    HostRequest request;

    @Inject
    AgentsFile agents;

    @POST
    @Path("retrieve")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retrieveAgents", summary = "The fleet AGENTS.md",
            description = "Body {sha256?}: missing (delete the local copy), unchanged, or updated with the content.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "KnownVersion"))
    @APIResponse(responseCode = "200", description = "The document's state",
            content = @Content(schema = @Schema(ref = "AgentsRetrieved")))
    public Envelope<JsonObject> retrieve() {
        return Envelope.ok(agents.hostRetrieve(request.credentials(), request.jsonBody()));
    }
}
