package dev.codexauth.identity.boundary;

import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.http.ApiDocumentFilter;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.BareAnswers;
import dev.codexauth.http.HostRequest;
import dev.codexauth.http.JsonInput;
import dev.codexauth.identity.control.CliSignIns;
import dev.codexauth.identity.control.LlmTokens;
import dev.codexauth.identity.control.Scopes;
import dev.codexauth.identity.control.TokenCaller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /xo-auth/...}: browser sign-in for command-line clients (spec/identity.md). Answers are bare JSON objects
 * and errors {@code {"detail": ..., "code": ...}}, as the clients of seed 002 expect, rather than this server's
 * envelope.
 */
@Path("xo-auth")
@RequestScoped
@Tag(name = "cli-signin")
@Produces(MediaType.APPLICATION_JSON)
public class CliSignInResource {

    @Inject
    HostRequest request;

    @Inject
    PersonRequest person;

    @Inject
    BaseUrls baseUrls;

    @EJB
    CliSignIns signIns;

    @EJB
    LlmTokens tokens;

    @POST
    @Path("start")
    @Operation(operationId = "startCliSignIn", summary = "Start a browser sign-in for a command-line client",
            description = "Body {}, or {\"client\": \"cdx\", \"scopes\": [...]} (default api:read, api:write, mcp; hosts:enroll only when "
                    + "asked, and shown on the approval page). Open authorize_url in a browser, poll status every interval seconds, then "
                    + "consume.",
            extensions = {@Extension(name = ApiDocumentFilter.JSON_BODY, value = "CliSignInStart"),
                    @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true")})
    @APIResponse(responseCode = "200", description = "The session and its single-use poll token",
            content = @Content(schema = @Schema(ref = "CliSignInStarted")))
    public Response start() {
        return BareAnswers.answer(() -> {
            JsonObject body = request.jsonBody();
            String client = JsonInput.text(body, "client").filter(c -> c.matches("[A-Za-z0-9._ -]{1,64}")).orElse(null);
            return signIns.start(baseUrls.require(request.origin()), client, request.clientIp(), Scopes.requested(body.get("scopes")));
        });
    }

    @GET
    @Path("status/{auth_session_id}")
    @Operation(operationId = "cliSignInStatus", summary = "Poll a sign-in session",
            extensions = @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true"))
    @APIResponse(responseCode = "200", description = "pending, approved, denied, expired or consumed",
            content = @Content(schema = @Schema(ref = "CliSignInStatus")))
    @APIResponse(responseCode = "429", description = "slow_down: polled faster than interval (Retry-After)",
            content = @Content(schema = @Schema(ref = "DetailBody")))
    public Response status(@PathParam("auth_session_id") String id, @QueryParam("poll_token") String pollToken) {
        return BareAnswers.answer(() -> Map.of("status", signIns.status(id, pollToken)));
    }

    @POST
    @Path("consume")
    @Operation(operationId = "consumeCliSignIn", summary = "Exchange an approved session for an install token, once",
            extensions = {@Extension(name = ApiDocumentFilter.JSON_BODY, value = "CliSignInConsume"),
                    @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true")})
    @APIResponse(responseCode = "200", description = "The install token", content = @Content(schema = @Schema(ref = "CliSignInToken")))
    @APIResponse(responseCode = "409", description = "Already consumed", content = @Content(schema = @Schema(ref = "DetailBody")))
    @APIResponse(responseCode = "410", description = "Expired", content = @Content(schema = @Schema(ref = "DetailBody")))
    @APIResponse(responseCode = "425", description = "Not approved yet", content = @Content(schema = @Schema(ref = "DetailBody")))
    public Response consume() {
        return BareAnswers.answer(() -> {
            JsonObject body = request.jsonBody();
            return signIns.consume(required(body, "auth_session_id"), required(body, "poll_token"));
        });
    }

    @GET
    @Path("state")
    @Operation(operationId = "cliSignInState", summary = "A sign-in session as the approval page shows it, without secrets",
            extensions = @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true"))
    @APIResponse(responseCode = "200", description = "The session", content = @Content(schema = @Schema(ref = "CliSignInState")))
    public Response state(@QueryParam("auth_session_id") String id) {
        return BareAnswers.answer(() -> signIns.state(id == null ? "" : id));
    }

    @POST
    @Path("approve")
    @SecurityRequirement(name = "clerkSession")
    @Operation(operationId = "approveCliSignIn", summary = "Approve a sign-in session as the signed-in person",
            extensions = {@Extension(name = ApiDocumentFilter.JSON_BODY, value = "CliSignInDecision"),
                    @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true")})
    @APIResponse(responseCode = "200", description = "The approved session", content = @Content(schema = @Schema(ref = "CliSignInState")))
    public Response approve() {
        return BareAnswers.answer(() -> signIns.decide(required(request.jsonBody(), "auth_session_id"), person.signedIn(), true));
    }

    @POST
    @Path("deny")
    @SecurityRequirement(name = "clerkSession")
    @Operation(operationId = "denyCliSignIn", summary = "Refuse a sign-in session the person did not start",
            extensions = {@Extension(name = ApiDocumentFilter.JSON_BODY, value = "CliSignInDecision"),
                    @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true")})
    @APIResponse(responseCode = "200", description = "The denied session", content = @Content(schema = @Schema(ref = "CliSignInState")))
    public Response deny() {
        return BareAnswers.answer(() -> signIns.decide(required(request.jsonBody(), "auth_session_id"), person.signedIn(), false));
    }

    @GET
    @Path("whoami")
    @SecurityRequirement(name = "llmToken")
    @Operation(operationId = "cliWhoAmI", summary = "Who the install token belongs to",
            extensions = @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true"))
    @APIResponse(responseCode = "200", description = "The person", content = @Content(schema = @Schema(ref = "CliWhoAmI")))
    public Response whoami() {
        return BareAnswers.answer(() -> {
            TokenCaller caller = person.installToken();
            return Map.of("user_id", caller.userId(), "email", caller.email() == null ? "" : caller.email(), "workspace", caller.workspaceSlug(),
                    "scopes", List.copyOf(caller.scopes()));
        });
    }

    @POST
    @Path("logout")
    @SecurityRequirement(name = "llmToken")
    @Operation(operationId = "cliLogout", summary = "Revoke the install token this request carries",
            extensions = {@Extension(name = ApiDocumentFilter.JSON_BODY, value = "CliSignInEmpty"),
                    @Extension(name = ApiDocumentFilter.BARE_JSON, value = "true")})
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(schema = @Schema(ref = "CliLogout")))
    public Response logout() {
        return BareAnswers.answer(() -> {
            TokenCaller caller = person.installToken();
            tokens.revoke(caller.tokenId(), "person:" + caller.userId());
            return Map.of("revoked", true);
        });
    }

    private static String required(JsonObject body, String field) {
        return JsonInput.text(body, field).filter(value -> !value.isEmpty())
                .orElseThrow(() -> new ApiException(400, "missing_field", field + " is required"));
    }
}
