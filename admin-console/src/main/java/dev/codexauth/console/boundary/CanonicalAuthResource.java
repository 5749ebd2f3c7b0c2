package dev.codexauth.console.boundary;

import dev.codexauth.http.Jsonp;
import dev.codexauth.auth.control.SeedTokens;
import dev.codexauth.auth.control.UploadAnswer;
import dev.codexauth.console.control.CanonicalAdministration;
import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.ValidationFailed;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /admin/api/auth}: uploading a canonical auth.json and minting one-time seed commands (admin.md §2.4). */
@Path("auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "admin-canonical-auth")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class CanonicalAuthResource {

    @Inject
    CanonicalAdministration administration;

    @Inject
    AdminRequest request;

    @Inject
    BaseUrls baseUrls;

    /** JSON {@code {"auth": object or JSON string, "host_id": id | null | "system"}}. */
    @POST
    @Path("upload")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadCanonicalAuth", summary = "Upload an auth.json as the canonical one",
            description = "As JSON, or as a multipart file; the runner is skipped. Audited with the digest only.")
    @RequestBody(content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AuthUpload")),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(ref = "AuthUploadForm"))})
    @APIResponse(responseCode = "200", description = "The store result",
            content = @Content(schema = @Schema(ref = "UploadAnswer")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Envelope<UploadAnswer> uploadJson(JsonObject body) {
        JsonValue auth = body.get("auth");
        Long hostId = hostId(body.get("host_id"));
        if (auth instanceof JsonObject document) {
            return Envelope.ok(administration.upload(document, hostId, request.actor()));
        }
        if (auth instanceof JsonString text) {
            return Envelope.ok(administration.upload(text.getString(), "auth", hostId, request.actor()));
        }
        throw ValidationFailed.of("auth", "auth payload must be valid JSON");
    }

    /** Multipart: field {@code file} (at most 64 KiB) and optional {@code host_id}. */
    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "uploadCanonicalAuth", summary = "Upload an auth.json as the canonical one",
            description = "As JSON, or as a multipart file; the runner is skipped. Audited with the digest only.")
    @RequestBody(content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AuthUpload")),
            @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(ref = "AuthUploadForm"))})
    @APIResponse(responseCode = "200", description = "The store result",
            content = @Content(schema = @Schema(ref = "UploadAnswer")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Envelope<UploadAnswer> uploadFile(List<EntityPart> parts) throws IOException {
        String file = null;
        JsonValue hostId = null;
        for (EntityPart part : parts) {
            if (part.getName().equals("file")) {
                try (InputStream in = part.getContent()) {
                    // One byte more than allowed is enough for the control to refuse it.
                    file = new String(in.readNBytes(CanonicalAdministration.MAX_UPLOAD_BYTES + 1), StandardCharsets.UTF_8);
                }
            } else if (part.getName().equals("host_id")) {
                hostId = Jsonp.PROVIDER.createValue(part.getContent(String.class).trim());
            }
        }
        if (file == null) {
            throw ValidationFailed.of("file", "auth payload must be valid JSON");
        }
        return Envelope.ok(administration.upload(file, "file", hostId(hostId), request.actor()));
    }

    @POST
    @Path("seed-command")
    @Operation(operationId = "createSeedCommand", summary = "Mint a one-time command that uploads a machine's auth.json")
    @APIResponse(responseCode = "200", description = "The command", content = @Content(schema = @Schema(ref = "SeedCommand")))
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Envelope<SeedTokens.Issued> seedCommand() {
        String baseUrl = baseUrls.require(request.origin());
        return Envelope.ok(administration.seedCommand(baseUrl, request.actor()));
    }

    /** A JSON string or number, read by the control's rule; null means the system. */
    private static Long hostId(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String text = value instanceof JsonString s ? s.getString() : value instanceof JsonNumber n ? n.toString() : null;
        if (text == null) {
            throw ValidationFailed.of("host_id", "host_id must be a host id or \"system\"");
        }
        return CanonicalAdministration.sourceHost(text);
    }
}
