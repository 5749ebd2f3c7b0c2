package dev.codexauth.console.boundary;

import dev.codexauth.console.control.FleetPolicy;
import dev.codexauth.host.control.HostPruner;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.JsonInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.sync.control.CodexReleases;
import dev.codexauth.sync.control.FleetVersions;
import dev.codexauth.sync.control.VersionOrder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Locale;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Fleet switches (admin.md §2.2, §2.5): the host API kill switch, prune policy, cdx quiet mode, quota policy, the
 * fleet's Codex version pin and the latest-release lookup.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-fleet")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class FleetResource {

    @Inject
    FleetPolicy policy;

    @Inject
    HostPruner pruner;

    @Inject
    AdminRequest request;

    @Inject
    CodexReleases releases;

    @Inject
    FleetVersions versions;

    @GET
    @Path("state")
    @Operation(operationId = "getApiState", summary = "The host API kill switch")
    @APIResponse(responseCode = "200", description = "The switch", content = @Content(schema = @Schema(ref = "ApiState")))
    public Envelope<Map<String, Object>> state() {
        return Envelope.ok(policy.apiState());
    }

    /** Body {@code {"disabled": true, "reason": "..."}}; the reason is at most 200 characters. */
    @POST
    @Path("state")
    @RolesAllowed("admin")
    @Operation(operationId = "setApiState", summary = "Switch the host API off or on")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiStateChange")))
    @APIResponse(responseCode = "200", description = "The switch", content = @Content(schema = @Schema(ref = "ApiState")))
    public Envelope<Map<String, Object>> setState(JsonObject body) {
        boolean disabled = JsonInput.requiredFlag(body, "disabled");
        String reason = JsonInput.text(body, "reason").orElse(null);
        if (reason != null && reason.length() > 200) {
            throw ValidationFailed.of("reason", "reason must be at most 200 characters");
        }
        return Envelope.ok(policy.setApiState(disabled, reason, request.actor()));
    }

    @GET
    @Path("prune-policy")
    @Operation(operationId = "getPrunePolicy", summary = "After how many idle days hosts are removed")
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(schema = @Schema(ref = "PrunePolicy")))
    public Envelope<Map<String, Object>> prunePolicy() {
        return Envelope.ok(Map.of("inactivity_window_days", pruner.windowDays()));
    }

    /** Body {@code {"inactivity_days": 0..60}} (0: never prune idle hosts). */
    @POST
    @Path("prune-policy")
    @RolesAllowed("admin")
    @Operation(operationId = "setPrunePolicy", summary = "Set after how many idle days hosts are removed")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PrunePolicyChange")))
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(schema = @Schema(ref = "PrunePolicy")))
    public Envelope<Map<String, Object>> setPrunePolicy(JsonObject body) {
        int days = JsonInput.integer(body, "inactivity_days", 0, 60,
                "inactivity_days must be an integer between 0 and 60")
                .orElseThrow(() -> ValidationFailed.of("inactivity_days", "inactivity_days must be an integer between 0 and 60"));
        return Envelope.ok(policy.setInactivityWindow(days, pruner.windowDays(), request.actor()));
    }

    @GET
    @Path("insecure-window-default")
    @Operation(operationId = "getInsecureWindowDefault", summary = "The minutes an insecure-host window opens for by default")
    @APIResponse(responseCode = "200", description = "The default",
            content = @Content(schema = @Schema(ref = "InsecureWindowDefault")))
    public Envelope<Map<String, Object>> insecureWindowDefault() {
        return Envelope.ok(policy.insecureWindowDefault());
    }

    /** Body {@code {"minutes": 1..480}}: what the console pre-fills when an admin opens an insecure-host window. */
    @POST
    @Path("insecure-window-default")
    @RolesAllowed("admin")
    @Operation(operationId = "setInsecureWindowDefault", summary = "Set the minutes an insecure-host window opens for by default")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "InsecureWindowDefaultChange")))
    @APIResponse(responseCode = "200", description = "The default",
            content = @Content(schema = @Schema(ref = "InsecureWindowDefault")))
    public Envelope<Map<String, Object>> setInsecureWindowDefault(JsonObject body) {
        String message = "minutes must be an integer between 1 and 480";
        int minutes = JsonInput.integer(body, "minutes", 1, 480, message).orElseThrow(() -> ValidationFailed.of("minutes", message));
        return Envelope.ok(policy.setInsecureWindowDefault(minutes, request.actor()));
    }

    @GET
    @Path("cdx-silent")
    @Operation(operationId = "getCdxSilent", summary = "The fleet's cdx quiet mode")
    @APIResponse(responseCode = "200", description = "The mode", content = @Content(schema = @Schema(ref = "CdxSilent")))
    public Envelope<Map<String, Object>> silent() {
        return Envelope.ok(policy.silent());
    }

    @POST
    @Path("cdx-silent")
    @RolesAllowed("admin")
    @Operation(operationId = "setCdxSilent", summary = "Set the fleet's cdx quiet mode")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CdxSilent")))
    @APIResponse(responseCode = "200", description = "The mode", content = @Content(schema = @Schema(ref = "CdxSilent")))
    public Envelope<Map<String, Object>> setSilent(JsonObject body) {
        return Envelope.ok(policy.setSilent(JsonInput.requiredFlag(body, "silent"), request.actor()));
    }

    @GET
    @Path("quota-mode")
    @Operation(operationId = "getQuotaMode", summary = "The fleet's quota policy")
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(schema = @Schema(ref = "QuotaMode")))
    public Envelope<Map<String, Object>> quotaMode() {
        return Envelope.ok(policy.quotaMode());
    }

    /** Body {@code {"hard_fail": bool, "limit_percent"?: 50..100, "week_partition"?: "off"|0|5|7}}. */
    @POST
    @Path("quota-mode")
    @RolesAllowed("admin")
    @Operation(operationId = "setQuotaMode", summary = "Set the fleet's quota policy")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "QuotaModeChange")))
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(schema = @Schema(ref = "QuotaMode")))
    public Envelope<Map<String, Object>> setQuotaMode(JsonObject body) {
        boolean hardFail = JsonInput.requiredFlag(body, "hard_fail");
        Integer limit = JsonInput.integer(body, "limit_percent", 50, 100, "limit_percent must be between 50 and 100").orElse(null);
        return Envelope.ok(policy.setQuotaMode(hardFail, limit, weekPartition(body.get("week_partition")), request.actor()));
    }

    @GET
    @Path("codex-version")
    @Operation(operationId = "getFleetCodexVersion", summary = "The fleet's Codex version pin")
    @APIResponse(responseCode = "200", description = "The pin", content = @Content(schema = @Schema(ref = "FleetCodexVersion")))
    public Envelope<Map<String, Object>> codexVersion() {
        return Envelope.ok(policy.codexVersion());
    }

    /** Body {@code {"selection": "latest" | "auto" | "<x.y.z>"}}; following the latest release also looks it up now. */
    @POST
    @Path("codex-version")
    @RolesAllowed("admin")
    @Operation(operationId = "setFleetCodexVersion", summary = "Pin the fleet's Codex version or follow the latest release")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "FleetCodexVersionChange")))
    @APIResponse(responseCode = "200", description = "The pin", content = @Content(schema = @Schema(ref = "FleetCodexVersion")))
    public Envelope<Map<String, Object>> setCodexVersion(JsonObject body) {
        String selection = JsonInput.text(body, "selection")
                .orElseThrow(() -> ValidationFailed.of("selection", "selection must be one of: latest, or a version like 0.63.0"));
        if (selection.equalsIgnoreCase("latest") || selection.equalsIgnoreCase("auto")) {
            Map<String, Object> unpinned = policy.setCodexVersion(null, request.actor());
            releases.refresh();
            return Envelope.ok(unpinned);
        }
        String version = VersionOrder.semantic(selection)
                .orElseThrow(() -> ValidationFailed.of("selection", "selection must be a semantic version like 0.63.0"));
        return Envelope.ok(policy.setCodexVersion(version, request.actor()));
    }

    /** Looks the latest Codex release up now; an unreachable source is reported through {@code source}, not as an error. */
    @POST
    @Path("versions/check")
    @RolesAllowed("admin")
    @Operation(operationId = "checkVersions", summary = "Look the latest Codex release up now")
    @APIResponse(responseCode = "200", description = "What is available and the fleet's versions",
            content = @Content(schema = @Schema(ref = "VersionsCheck")))
    public Envelope<Map<String, Object>> checkVersions() {
        CodexReleases.Available available = releases.refresh();
        Map<String, Object> answer = new LinkedHashMap<>();
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("version", available.version());
        client.put("updated_at", available.updatedAt());
        client.put("source", available.source());
        answer.put("available_client", client);
        answer.put("versions", versions.snapshot());
        return Envelope.ok(answer);
    }

    private static Integer weekPartition(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String text = value instanceof JsonString s ? s.getString().trim().toLowerCase(Locale.ROOT)
                : value instanceof JsonNumber n && n.isIntegral() ? n.toString() : "";
        return switch (text) {
            case "off", "0" -> 0;
            case "5" -> 5;
            case "7" -> 7;
            default -> throw ValidationFailed.of("week_partition", "week_partition must be one of: off, 7, 5");
        };
    }
}
