package dev.codexauth.auth.boundary;

import dev.codexauth.auth.control.Canonical;
import dev.codexauth.auth.control.CanonicalAuth;
import dev.codexauth.auth.control.CanonicalUploads;
import dev.codexauth.auth.control.SeedTokens;
import dev.codexauth.auth.control.TokenRules;
import dev.codexauth.auth.control.UploadAnswer;
import dev.codexauth.host.control.ScriptRefused;
import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.HostRequest;
import dev.codexauth.http.ScriptResponses;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /seed/auth/{token}}: the one-time command an admin hands out to upload a machine's auth.json as the
 * canonical one. {@code GET} returns the upload script (token kept), {@code POST} receives the file (token used).
 */
@Path("seed/auth/{token}")
@RequestScoped
@Tag(name = "seed")
public class SeedResource {

    @Inject
    SeedTokens seeds;

    @Inject
    CanonicalUploads uploads;

    @Inject
    TokenRules tokenRules;

    @Inject
    HostRequest request;

    @GET
    @Operation(operationId = "getSeedScript", summary = "The auth seed script", description = "Does not use the token up.")
    @APIResponse(responseCode = "200", description = "The script that uploads this machine's auth.json",
            headers = @Header(name = "X-Seed-Expires-At", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "text/x-shellscript", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "A script printing Seed token not found; JSON Route not found when the token "
            + "is not a UUID", content = {
                    @Content(mediaType = "text/x-shellscript", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ErrorBody"))})
    @APIResponse(responseCode = "410", description = "A script printing Seed token already used, or Seed token expired",
            content = @Content(mediaType = "text/x-shellscript", schema = @Schema(type = SchemaType.STRING)))
    public Response script(@PathParam("token") String token) {
        return ScriptResponses.script(token, "X-Seed-Expires-At", () -> seeds.script(token));
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadSeedAuth", summary = "Upload an auth.json as the canonical one",
            description = "Uses the token up even when the upload is refused.",
            extensions = @Extension(name = ApiDocumentFilter.JSON_BODY, value = "SeedUpload"))
    @APIResponse(responseCode = "200", description = "The store result",
            content = @Content(schema = @Schema(ref = "UploadAnswer")))
    @APIResponse(responseCode = "404", description = "Seed token not found",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "410", description = "Seed token already used, or Seed token expired",
            content = @Content(schema = @Schema(ref = "ErrorBody")))
    public Envelope<UploadAnswer> upload(@PathParam("token") String token) {
        ScriptResponses.requireTokenShape(token);
        JsonValue body = request.body().value();
        try {
            if (!(body instanceof JsonObject object)) {
                seeds.consume(token, "invalid_json");
                throw new ApiException(422, "invalid_payload", "auth.json payload must be valid JSON");
            }
            JsonValue auth = object.get("auth");
            if (auth != null && !(auth instanceof JsonObject)) {
                seeds.consume(token, "invalid_payload");
                throw new ApiException(422, "invalid_payload", "auth.json payload must be an object");
            }
            seeds.consume(token, null);
            Canonical canonical = CanonicalAuth.canonicalize(auth != null ? (JsonObject) auth : object, tokenRules.minLength(), "auth");
            return Envelope.ok(uploads.answer(uploads.upload(canonical, null, "seed-upload"), null));
        } catch (ScriptRefused refused) {
            throw new ApiException(refused.status(), refused.status() == 404 ? "not_found" : "gone", refused.getMessage());
        }
    }
}
