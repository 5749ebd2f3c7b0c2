package dev.codexauth.sync.boundary;

import dev.codexauth.host.control.SettledHosts;
import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.sync.control.SyncedFileAnswers;
import dev.codexauth.sync.control.SyncedFileKind;
import dev.codexauth.sync.control.SyncedFiles;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Fleet prompts ({@code /slash-commands}, into {@code ~/.codex/prompts}) and skills ({@code /skills}, into
 * {@code ~/.codex/skills/<slug>/SKILL.md}): host-api.md §4.7, §4.8 and sync.md §3, §4. Prompts are named by
 * {@code filename} and carry {@code prompt}; skills by {@code slug} and carry {@code manifest}. Operation ids and
 * schemas written {@code a|b} name the slash-commands one, then the skills one (docs/api.md).
 */
@Path("{kind: slash-commands|skills}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sync")
@SecurityRequirement(name = "hostApiKey")
@SecurityRequirement(name = "hostBearer")
public class SyncedFilesResource {

    @Inject
    HostRequest request;

    /** By {@code @EJB}, resolved once: {@code @Inject} of a session bean costs a lookup per resolution (docs/performance.md). */
    @EJB
    SyncedFiles files;

    @Inject
    SettledHosts settledHosts;

    @Inject
    SyncedFileAnswers answers;

    @GET
    @Operation(operationId = "listSlashCommands|listSkills", summary = "Manifest",
            description = "Every file with its sha256, retired ones included (hosts delete those).")
    @APIResponse(responseCode = "200", description = "The manifest",
            content = @Content(schema = @Schema(ref = "SlashCommandList|SkillList")))
    public Envelope<JsonObject> list(@PathParam("kind") String kind) {
        SyncedFileKind fileKind = SyncedFileKind.ofPath(kind);
        return Envelope.ok(settledHosts.settled(request.credentials())
                .map(host -> answers.list(host.getId(), fileKind))
                .orElseGet(() -> files.hostList(request.credentials(), fileKind)));
    }

    @POST
    @Path("retrieve")
    @Operation(operationId = "retrieveSlashCommand|retrieveSkill", summary = "One file",
            description = "Body {filename | slug, sha256?}: missing, deleted, unchanged, or updated with the prompt or manifest.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "SlashCommandRequest|SkillRequest"))
    @APIResponse(responseCode = "200", description = "The file's state on the server",
            content = @Content(schema = @Schema(ref = "SlashCommandRetrieved|SkillRetrieved")))
    public Envelope<JsonObject> retrieve(@PathParam("kind") String kind) {
        SyncedFileKind fileKind = SyncedFileKind.ofPath(kind);
        JsonObject body = request.jsonBody();
        return Envelope.ok(settledHosts.settled(request.credentials())
                .map(host -> answers.retrieve(host.getId(), fileKind, body))
                .orElseGet(() -> files.hostRetrieve(request.credentials(), fileKind, body)));
    }

    @POST
    @Path("store")
    @Operation(operationId = "storeSlashCommand|storeSkill", summary = "Push a file",
            description = "Body {filename, prompt | content | content_b64, sha256?, description?, argument_hint?} or {slug, manifest "
                    + "| content | content_b64, sha256?, display_name?, description?}.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "SlashCommandUpload|SkillUpload"))
    @APIResponse(responseCode = "200", description = "What the server now holds",
            content = @Content(schema = @Schema(ref = "SlashCommandStored|SkillStored")))
    public Envelope<JsonObject> store(@PathParam("kind") String kind) {
        return Envelope.ok(files.hostStore(request.credentials(), SyncedFileKind.ofPath(kind), request.jsonBody()));
    }
}
