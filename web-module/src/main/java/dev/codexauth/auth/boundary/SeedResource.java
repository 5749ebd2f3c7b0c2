package dev.codexauth.auth.boundary;

import dev.codexauth.auth.control.Canonical;
import dev.codexauth.auth.control.CanonicalAuth;
import dev.codexauth.auth.control.CanonicalUploads;
import dev.codexauth.auth.control.SeedTokens;
import dev.codexauth.auth.control.TokenRules;
import dev.codexauth.auth.control.UploadAnswer;
import dev.codexauth.host.control.ScriptRefused;
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
    @Operation(summary = "The auth seed script")
    public Response script(@PathParam("token") String token) {
        return ScriptResponses.script(token, "X-Seed-Expires-At", () -> seeds.script(token));
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload an auth.json as the canonical one", description = "Uses the token up even when the upload is refused.")
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
