package dev.codexauth.console.boundary;

import dev.codexauth.auth.control.CanonicalStore;
import dev.codexauth.auth.control.RunnerChecks;
import dev.codexauth.auth.control.RunnerSettings;
import dev.codexauth.auth.control.StoredCanonical;
import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ApiException;
import dev.codexauth.host.control.HostDirectory;
import dev.codexauth.http.Envelope;
import dev.codexauth.ops.control.EventQueries;
import dev.codexauth.ops.control.FleetSettings;
import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.ops.control.Timestamps;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /admin/api/runner}: the validation runner's settings and state, and "run now" (admin.md §2.6). */
@Path("runner")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-runner")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class RunnerResource {

    @Inject
    RunnerSettings runner;

    @Inject
    SettingsStore settings;

    @Inject
    CanonicalStore canonicalStore;

    @Inject
    EventQueries events;

    @Inject
    RunnerChecks checks;

    @Inject
    AuditTrail audit;

    @Inject
    AdminRequest request;

    @Inject
    HostDirectory directory;

    @GET
    @Operation(operationId = "getRunner", summary = "The validation runner's settings and state")
    @APIResponse(responseCode = "200", description = "The runner", content = @Content(schema = @Schema(ref = "RunnerState")))
    public Envelope<Map<String, Object>> state() {
        FleetSettings fleet = settings.fresh();
        Instant dayAgo = Instant.now().minusSeconds(86400);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("enabled", runner.enabled());
        state.put("policy", runner.policy().name().toLowerCase(java.util.Locale.ROOT));
        state.put("runner_url", runner.url().orElse(null));
        state.put("base_url", runner.codexBaseUrl());
        state.put("timeout_seconds", runner.timeoutSeconds());
        state.put("state", fleet.text(SettingKeys.RUNNER_STATE).orElse(null));
        state.put("boot_id", fleet.text(SettingKeys.RUNNER_BOOT_ID).orElse(null));
        state.put("last_ok", fleet.text(SettingKeys.RUNNER_LAST_OK).orElse(null));
        state.put("last_failure", fleet.text(SettingKeys.RUNNER_LAST_FAIL).orElse(null));
        state.put("last_daily_check", fleet.text(SettingKeys.RUNNER_LAST_CHECK).orElse(null));
        state.put("counts", Map.of(
                "validations_24h", events.find(new EventQueries.Filter(null, false, "auth.validate", dayAgo, null, null), 1, 1).total(),
                "runner_store_24h", events.find(new EventQueries.Filter(null, false, "auth.runner_store", dayAgo, null, null), 1, 1).total()));
        state.put("latest_validation", latest("auth.validate"));
        state.put("latest_runner_store", latest("auth.runner_store"));
        state.put("canonical_auth", canonical());
        return Envelope.ok(state);
    }

    @POST
    @Path("run")
    @RolesAllowed("admin")
    @Operation(operationId = "runRunner", summary = "Validate the canonical auth.json now")
    @APIResponse(responseCode = "200", description = "The outcome", content = @Content(schema = @Schema(ref = "RunnerRun")))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Envelope<Map<String, Object>> run() {
        if (!runner.enabled()) {
            throw new ApiException(503, "runner_not_configured", "The validation runner is not configured (AUTH_RUNNER_URL)");
        }
        RunnerChecks.Check check = checks.run("manual");
        if (check == null) {
            throw new ApiException(404, "no_canonical_auth", "No canonical auth payload available");
        }
        audit.record(request.actor(), "runner.run", "runner", "manual", null,
                Map.of("status", check.result().status(), "applied", check.applied()), "ok");
        FleetSettings fleet = settings.fresh();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("applied", check.applied());
        answer.put("canonical_digest", check.canonical().digest());
        answer.put("canonical_last_refresh", check.canonical().lastRefresh());
        answer.put("runner_last_check", fleet.text(SettingKeys.RUNNER_LAST_CHECK).orElse(null));
        answer.put("runner_last_fail", fleet.text(SettingKeys.RUNNER_LAST_FAIL).orElse(null));
        answer.put("runner_last_ok", fleet.text(SettingKeys.RUNNER_LAST_OK).orElse(null));
        answer.put("runner_state", fleet.text(SettingKeys.RUNNER_STATE).orElse(null));
        answer.put("runner_boot_id", fleet.text(SettingKeys.RUNNER_BOOT_ID).orElse(null));
        answer.put("validation", Map.of("status", check.result().status(), "reason", String.valueOf(check.result().reason())));
        return Envelope.ok(answer);
    }

    private Map<String, Object> latest(String action) {
        return events.find(new EventQueries.Filter(null, false, action, null, null, null), 1, 1).logs().stream().findFirst()
                .map(event -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", event.id());
                    view.put("created_at", event.createdAt());
                    view.put("details", event.details());
                    view.put("host", event.hostId() == null ? null : hostRef(event.hostId()));
                    return view;
                }).orElse(null);
    }

    private Map<String, Object> canonical() {
        Optional<StoredCanonical> current;
        try {
            current = canonicalStore.latest();
        } catch (ApiException unavailable) {
            return null;
        }
        return current.map(c -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("payload_id", c.payloadId());
            view.put("created_at", Timestamps.format(c.createdAt()));
            view.put("last_refresh", c.lastRefresh());
            view.put("digest", c.digest());
            view.put("source_host_id", c.sourceHostId());
            view.put("source_host", c.sourceHostId() == null ? null : hostRef(c.sourceHostId()));
            return view;
        }).orElse(null);
    }

    /** Only id, fqdn and IP: the original sent the whole row, key hash and sealed key included. */
    private Map<String, Object> hostRef(long id) {
        return directory.one(id).map(host -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", host.id());
            view.put("fqdn", host.fqdn());
            view.put("ip", host.ip());
            return view;
        }).orElse(null);
    }
}
