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

/** The fleet {@code AGENTS.md}: {@code /admin/api/agents} (admin.md §2.9). */
@Path("agents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class AgentsResource {

    @Inject
    AgentsFile agents;

    @Inject
    AdminRequest request;

    @GET
    public Response read() {
        JsonObject document = agents.adminRead();
        Response.ResponseBuilder response = Response.ok(Envelope.ok(document));
        return document.containsKey("sha256") ? response.tag(new EntityTag(document.getString("sha256"))).build() : response.build();
    }

    @POST
    @Path("store")
    @RolesAllowed("admin")
    public Envelope<JsonObject> store(String raw, @HeaderParam("If-Match") String ifMatch) {
        return Envelope.ok(agents.adminStore(AdminBodies.object(raw), ifMatch, request.actor()));
    }

    @DELETE
    @RolesAllowed("admin")
    public Envelope<JsonObject> delete() {
        return Envelope.ok(agents.adminDelete(request.actor()));
    }
}
