package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.http.QueryInput;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * The editors of fleet prompts and skills: {@code /admin/api/slash-commands} and {@code /admin/api/skills}
 * (admin.md §2.9), the same calls for both. Reads carry the version as {@code ETag}; writes take it back as
 * {@code base_sha256} or {@code If-Match}. Operation ids and schemas written {@code a|b} name the slash-commands
 * one, then the skills one (docs/api.md).
 */
@Path("{kind: slash-commands|skills}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-sync")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class SyncedFilesResource {

    @Inject
    SyncedFiles files;

    @Inject
    AdminRequest request;

    @PathParam("kind")
    String kind;

    /** Live files; {@code include_retired} adds the retired ones. */
    @GET
    @Operation(operationId = "listSlashCommandFiles|listSkillFiles", summary = "Live files; include_retired adds retired ones")
    @APIResponse(responseCode = "200", description = "The files",
            content = @Content(schema = @Schema(ref = "SlashCommandList|SkillList")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<JsonObject> list(@QueryParam("include_retired") String includeRetired) {
        return Envelope.ok(files.adminList(kind(), QueryInput.flag("include_retired", includeRetired)));
    }

    @GET
    @Path("{name}")
    @Operation(operationId = "getSlashCommand|getSkill", summary = "One file with its content")
    @APIResponse(responseCode = "200", description = "The file; ETag is its sha256",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(ref = "SlashCommandFile|SkillFile")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Response read(@PathParam("name") String name) {
        JsonObject file = files.adminRead(kind(), name);
        return Response.ok(Envelope.ok(file)).tag(new EntityTag(file.getString("sha256"))).build();
    }

    @POST
    @Path("store")
    @RolesAllowed("admin")
    @Operation(operationId = "saveSlashCommand|saveSkill", summary = "Save a file; saving restores a retired one")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SlashCommandSave|SkillSave")))
    @APIResponse(responseCode = "200", description = "What the server now holds",
            content = @Content(schema = @Schema(ref = "SlashCommandStored|SkillStored")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Envelope<JsonObject> store(JsonObject body, @HeaderParam("If-Match") String ifMatch) {
        return Envelope.ok(files.adminStore(kind(), body, ifMatch, request.actor()));
    }

    /** Retires the file: hosts delete their copy on their next sync. */
    @DELETE
    @Path("{name}")
    @RolesAllowed("admin")
    @Operation(operationId = "retireSlashCommand|retireSkill", summary = "Retire a file; hosts delete their copy")
    @APIResponse(responseCode = "200", description = "The retired name",
            content = @Content(schema = @Schema(ref = "SyncedFileRetired")))
    public Envelope<JsonObject> retire(@PathParam("name") String name) {
        return Envelope.ok(files.retire(kind(), name, request.actor()));
    }

    @POST
    @Path("{name}/restore")
    @RolesAllowed("admin")
    @Operation(operationId = "restoreSlashCommand|restoreSkill", summary = "Bring a retired file back")
    @APIResponse(responseCode = "200", description = "The file",
            content = @Content(schema = @Schema(ref = "SlashCommandEntry|SkillEntry")))
    public Envelope<JsonObject> restore(@PathParam("name") String name) {
        return Envelope.ok(files.restore(kind(), name, request.actor()));
    }

    private SyncedFileKind kind() {
        return SyncedFileKind.ofPath(kind);
    }
}
