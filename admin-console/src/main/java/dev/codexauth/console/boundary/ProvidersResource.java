package dev.codexauth.console.boundary;

import dev.codexauth.http.Envelope;
import dev.codexauth.http.JsonInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.provider.control.ClaudeSetup;
import dev.codexauth.provider.control.CodexDeviceFlow;
import dev.codexauth.provider.control.ProviderAdministration;
import dev.codexauth.provider.control.ProviderCredentials;
import dev.codexauth.provider.control.ProviderStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/api/providers}: the fleet's Codex and Claude Code credentials (seed 002 §2-4, admins only) — which
 * are loaded, with expiry and fingerprint but never the secret; the Claude Code OAuth sign-in (PKCE) or a pasted
 * {@code claude setup-token} token; the Codex device sign-in, which ends in a new canonical auth.json.
 */
@Path("providers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "admin-providers")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class ProvidersResource {

    @EJB
    ProviderStatus status;

    @EJB
    ProviderCredentials credentials;

    @EJB
    ProviderAdministration administration;

    @EJB
    CodexDeviceFlow codex;

    @Inject
    AdminRequest request;

    @GET
    @Operation(operationId = "listProviderCredentials", summary = "Which provider credentials are loaded (never the secrets)")
    @APIResponse(responseCode = "200", description = "The credentials and the Claude token's history",
            content = @Content(schema = @Schema(ref = "ProviderOverview")))
    public Envelope<Map<String, Object>> overview() {
        return Envelope.ok(Map.of("loaded", status.loaded(), "claude_history", credentials.history(ProviderCredentials.CLAUDE)));
    }

    @POST
    @Path("claude/setup-token")
    @Operation(operationId = "startClaudeSetup", summary = "Start the Claude Code OAuth sign-in (PKCE)")
    @APIResponse(responseCode = "200", description = "Open authorize_url, sign in, paste the code shown to the callback",
            content = @Content(schema = @Schema(ref = "ClaudeSetupStarted")))
    public Envelope<ClaudeSetup.Started> startClaude() {
        return Envelope.ok(administration.startClaude(request.actor()));
    }

    @POST
    @Path("claude/setup-token/callback")
    @Operation(operationId = "finishClaudeSetup", summary = "Exchange the code Anthropic showed for the fleet's Claude Code token")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ClaudeSetupCallback")))
    @APIResponse(responseCode = "200", description = "The stored credential", content = @Content(schema = @Schema(ref = "ProviderCredential")))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Envelope<ProviderCredentials.Summary> finishClaude(JsonObject body) {
        String session = JsonInput.text(body, "session_id").orElseThrow(() -> ValidationFailed.of("session_id", "session_id is required"));
        String code = JsonInput.text(body, "code").orElse(null);
        return Envelope.ok(administration.finishClaude(session, code, request.actor()));
    }

    @POST
    @Path("claude/token")
    @Operation(operationId = "setClaudeToken", summary = "Set the fleet's Claude Code token by hand (the output of claude setup-token)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ClaudeTokenChange")))
    @APIResponse(responseCode = "200", description = "The stored credential", content = @Content(schema = @Schema(ref = "ProviderCredential")))
    public Envelope<ProviderCredentials.Summary> setClaude(JsonObject body) {
        String token = JsonInput.text(body, "token").orElse(null);
        Instant expires = JsonInput.text(body, "expires_at").map(text -> Timestamps.parse(text)
                .orElseThrow(() -> ValidationFailed.of("expires_at", "expires_at is an RFC 3339 time"))).orElse(null);
        return Envelope.ok(administration.setClaude(token, expires, request.actor()));
    }

    @POST
    @Path("codex/setup")
    @Operation(operationId = "startCodexSetup", summary = "Start the Codex device sign-in; the server polls until the code is entered")
    @APIResponse(responseCode = "200", description = "Enter user_code at verification_url",
            content = @Content(schema = @Schema(ref = "CodexSetupStarted")))
    public Envelope<CodexDeviceFlow.Started> startCodex() {
        return Envelope.ok(administration.startCodex(request.actor()));
    }

    @GET
    @Path("codex/setup/{session_id: [0-9a-f]+}")
    @Operation(operationId = "codexSetupProgress", summary = "How a Codex device sign-in is going")
    @APIResponse(responseCode = "200", description = "pending, succeeded, failed or expired",
            content = @Content(schema = @Schema(ref = "CodexSetupProgress")))
    public Envelope<CodexDeviceFlow.Progress> codexProgress(@PathParam("session_id") String session) {
        return Envelope.ok(codex.progress(session));
    }
}
