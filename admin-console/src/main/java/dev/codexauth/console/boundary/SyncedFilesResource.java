package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.sync.control.SyncedFileKind;
import dev.codexauth.sync.control.SyncedFiles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The editors of fleet prompts and skills: {@code /admin/api/slash-commands} and {@code /admin/api/skills}
 * (admin.md §2.9), the same calls for both. Reads carry the version as {@code ETag}; writes take it back as
 * {@code base_sha256} or {@code If-Match}.
 */
@Path("{kind: slash-commands|skills}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class SyncedFilesResource {

    @Inject
    SyncedFiles files;

    @Inject
    AdminRequest request;

    @PathParam("kind")
    String kind;

    /** Live files; {@code include_retired} adds the retired ones. */
    @GET
    public Envelope<JsonObject> list(@QueryParam("include_retired") String includeRetired) {
        return Envelope.ok(files.adminList(kind(), QueryInput.flag("include_retired", includeRetired)));
    }

    @GET
    @Path("{name}")
    public Response read(@PathParam("name") String name) {
        JsonObject file = files.adminRead(kind(), name);
        return Response.ok(Envelope.ok(file)).tag(new EntityTag(file.getString("sha256"))).build();
    }

    @POST
    @Path("store")
    @RolesAllowed("admin")
    public Envelope<JsonObject> store(String raw, @HeaderParam("If-Match") String ifMatch) {
        return Envelope.ok(files.adminStore(kind(), AdminBodies.object(raw), ifMatch, request.actor()));
    }

    /** Retires the file: hosts delete their copy on their next sync. */
    @DELETE
    @Path("{name}")
    @RolesAllowed("admin")
    public Envelope<JsonObject> retire(@PathParam("name") String name) {
        return Envelope.ok(files.retire(kind(), name, request.actor()));
    }

    @POST
    @Path("{name}/restore")
    @RolesAllowed("admin")
    public Envelope<JsonObject> restore(@PathParam("name") String name) {
        return Envelope.ok(files.restore(kind(), name, request.actor()));
    }

    private SyncedFileKind kind() {
        return SyncedFileKind.ofPath(kind);
    }
}
