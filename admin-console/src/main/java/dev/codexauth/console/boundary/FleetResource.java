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

/**
 * Fleet switches (admin.md §2.2, §2.5): the host API kill switch, prune policy, cdx quiet mode, quota policy, the
 * fleet's Codex version pin and the latest-release lookup.
 */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
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
    public Envelope<Map<String, Object>> state() {
        return Envelope.ok(policy.apiState());
    }

    /** Body {@code {"disabled": true, "reason": "..."}}; the reason is at most 200 characters. */
    @POST
    @Path("state")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> setState(String raw) {
        JsonObject body = AdminBodies.object(raw);
        boolean disabled = JsonInput.requiredFlag(body, "disabled");
        String reason = JsonInput.text(body, "reason").orElse(null);
        if (reason != null && reason.length() > 200) {
            throw ValidationFailed.of("reason", "reason must be at most 200 characters");
        }
        return Envelope.ok(policy.setApiState(disabled, reason, request.actor()));
    }

    @GET
    @Path("prune-policy")
    public Envelope<Map<String, Object>> prunePolicy() {
        return Envelope.ok(Map.of("inactivity_window_days", pruner.windowDays()));
    }

    /** Body {@code {"inactivity_days": 0..60}} (0: never prune idle hosts). */
    @POST
    @Path("prune-policy")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> setPrunePolicy(String raw) {
        int days = JsonInput.integer(AdminBodies.object(raw), "inactivity_days", 0, 60,
                "inactivity_days must be an integer between 0 and 60")
                .orElseThrow(() -> ValidationFailed.of("inactivity_days", "inactivity_days must be an integer between 0 and 60"));
        return Envelope.ok(policy.setInactivityWindow(days, pruner.windowDays(), request.actor()));
    }

    @GET
    @Path("cdx-silent")
    public Envelope<Map<String, Object>> silent() {
        return Envelope.ok(policy.silent());
    }

    @POST
    @Path("cdx-silent")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> setSilent(String raw) {
        return Envelope.ok(policy.setSilent(JsonInput.requiredFlag(AdminBodies.object(raw), "silent"), request.actor()));
    }

    @GET
    @Path("quota-mode")
    public Envelope<Map<String, Object>> quotaMode() {
        return Envelope.ok(policy.quotaMode());
    }

    /** Body {@code {"hard_fail": bool, "limit_percent"?: 50..100, "week_partition"?: "off"|0|5|7}}. */
    @POST
    @Path("quota-mode")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> setQuotaMode(String raw) {
        JsonObject body = AdminBodies.object(raw);
        boolean hardFail = JsonInput.requiredFlag(body, "hard_fail");
        Integer limit = JsonInput.integer(body, "limit_percent", 50, 100, "limit_percent must be between 50 and 100").orElse(null);
        return Envelope.ok(policy.setQuotaMode(hardFail, limit, weekPartition(body.get("week_partition")), request.actor()));
    }

    @GET
    @Path("codex-version")
    public Envelope<Map<String, Object>> codexVersion() {
        return Envelope.ok(policy.codexVersion());
    }

    /** Body {@code {"selection": "latest" | "auto" | "<x.y.z>"}}; following the latest release also looks it up now. */
    @POST
    @Path("codex-version")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> setCodexVersion(String raw) {
        String selection = JsonInput.text(AdminBodies.object(raw), "selection")
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
