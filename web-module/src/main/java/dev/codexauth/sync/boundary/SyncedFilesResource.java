package dev.codexauth.sync.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.sync.control.SyncedFileKind;
import dev.codexauth.sync.control.SyncedFiles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Fleet prompts ({@code /slash-commands}, into {@code ~/.codex/prompts}) and skills ({@code /skills}, into
 * {@code ~/.codex/skills/<slug>/SKILL.md}): host-api.md §4.7, §4.8 and sync.md §3, §4. Prompts are named by
 * {@code filename} and carry {@code prompt}; skills by {@code slug} and carry {@code manifest}.
 */
@Path("{kind: slash-commands|skills}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sync")
public class SyncedFilesResource {

    @Inject
    HostRequest request;

    @Inject
    SyncedFiles files;

    @PathParam("kind")
    String kind;

    @GET
    @Operation(summary = "Manifest", description = "Every file with its sha256, retired ones included (hosts delete those).")
    public Envelope<JsonObject> list() {
        return Envelope.ok(files.hostList(request.credentials(), kind()));
    }

    @POST
    @Path("retrieve")
    @Operation(summary = "One file", description = "Body {filename | slug, sha256?}: missing, deleted, unchanged, or updated with "
            + "the prompt or manifest.")
    public Envelope<JsonObject> retrieve() {
        return Envelope.ok(files.hostRetrieve(request.credentials(), kind(), request.body().object()));
    }

    @POST
    @Path("store")
    @Operation(summary = "Push a file", description = "Body {filename, prompt | content | content_b64, sha256?, description?, "
            + "argument_hint?} or {slug, manifest | content | content_b64, sha256?, display_name?, description?}.")
    public Envelope<JsonObject> store() {
        return Envelope.ok(files.hostStore(request.credentials(), kind(), request.body().object()));
    }

    private SyncedFileKind kind() {
        return SyncedFileKind.ofPath(kind);
    }
}
