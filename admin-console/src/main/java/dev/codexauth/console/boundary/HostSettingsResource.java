package dev.codexauth.console.boundary;

import dev.codexauth.console.control.HostAdministration;
import dev.codexauth.console.control.HostFlag;
import dev.codexauth.host.entity.Host;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.JsonInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Timestamps;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /admin/api/hosts/{id}/...}: one setting of one host per call (admin.md §2.3), each audited with before and
 * after; the answer holds the members that changed. The class shares the {@code hosts} root with
 * {@link HostsResource}: a root of its own at {@code hosts/{id}} would win every {@code hosts/{id}/...} request and
 * hide that class's routes.
 */
@Path("hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-hosts")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class HostSettingsResource {

    @Inject
    HostAdministration administration;

    @Inject
    AdminRequest request;

    @POST
    @Path("{id: [0-9]+}/secure")
    @RolesAllowed("admin")
    @Operation(operationId = "setHostSecure", summary = "Make a host secure or insecure")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HostSecureChange")))
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> secure(@PathParam("id") long id, JsonObject body) {
        boolean secure = JsonInput.requiredFlag(body, "secure");
        Optional<Integer> window = JsonInput.integer(body, "open_window_minutes", 1, 480, "open_window_minutes must be between 1 and 480");
        Host host = administration.set(id, HostFlag.SECURE, secure, request.actor());
        if (!secure && window.isPresent()) {
            host = administration.insecureEnable(id, window, false, request.actor());
        }
        return host("id", host.getId(), "fqdn", host.getFqdn(), "secure", host.isSecure(),
                "insecure_enabled_until", Timestamps.format(host.getInsecureEnabledUntil()));
    }

    @POST
    @Path("{id: [0-9]+}/vip")
    @RolesAllowed("admin")
    @Operation(operationId = "setHostVip", summary = "Make a host VIP (quota warnings only) or not")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HostVipChange")))
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> vip(@PathParam("id") long id, JsonObject body) {
        boolean vip = JsonInput.requiredFlag(body, "vip");
        Host host = administration.set(id, HostFlag.VIP, vip, request.actor());
        return host("id", host.getId(), "fqdn", host.getFqdn(), "vip", host.isVip());
    }

    @POST
    @Path("{id: [0-9]+}/roaming")
    @RolesAllowed("admin")
    @Operation(operationId = "setHostRoaming", summary = "Let a host's key roam between IPs or not")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HostAllowChange")))
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> roaming(@PathParam("id") long id, JsonObject body) {
        boolean allow = JsonInput.requiredFlag(body, "allow");
        Host host = administration.set(id, HostFlag.ROAMING, allow, request.actor());
        return host("id", host.getId(), "fqdn", host.getFqdn(), "allow_roaming_ips", host.isAllowRoamingIps());
    }

    @POST
    @Path("{id: [0-9]+}/ipv4")
    @RolesAllowed("admin")
    @Operation(operationId = "setHostIpv4", summary = "Force IPv4 for a host's downloads")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HostIpv4Change")))
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> ipv4(@PathParam("id") long id, JsonObject body) {
        boolean force = JsonInput.requiredFlag(body, "force");
        Host host = administration.set(id, HostFlag.FORCE_IPV4, force, request.actor());
        return host("id", host.getId(), "force_ipv4", host.isForceIpv4(), "ip", null);
    }

    @POST
    @Path("{id: [0-9]+}/curl-insecure")
    @RolesAllowed("admin")
    @Operation(operationId = "setHostCurlInsecure", summary = "Let a host's wrapper skip TLS checks or not")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HostAllowChange")))
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> curlInsecure(@PathParam("id") long id, JsonObject body) {
        boolean allow = JsonInput.requiredFlag(body, "allow");
        Host host = administration.set(id, HostFlag.CURL_INSECURE, allow, request.actor());
        return host("id", host.getId(), "curl_insecure", host.isCurlInsecure());
    }

    @POST
    @Path("{id: [0-9]+}/insecure/enable")
    @RolesAllowed("admin")
    @Operation(operationId = "openInsecureWindow", summary = "Open an insecure host's window")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "InsecureWindowOpening")))
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> insecureEnable(@PathParam("id") long id, JsonObject body) {
        Optional<Integer> minutes = JsonInput.integer(body, "duration_minutes", 1, 480, "duration_minutes must be an integer between 1 and 480");
        String mode = JsonInput.text(body, "mode").orElse("set");
        if (!mode.equals("set") && !mode.equals("extend")) {
            throw ValidationFailed.of("mode", "mode must be set or extend");
        }
        Host host = administration.insecureEnable(id, minutes, mode.equals("extend"), request.actor());
        return host("id", host.getId(), "insecure_enabled_until", Timestamps.format(host.getInsecureEnabledUntil()),
                "insecure_grace_until", null, "insecure_window_minutes", host.getInsecureWindowMinutes());
    }

    @POST
    @Path("{id: [0-9]+}/insecure/disable")
    @RolesAllowed("admin")
    @Operation(operationId = "closeInsecureWindow", summary = "Close an insecure host's window now")
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> insecureDisable(@PathParam("id") long id) {
        Host host = administration.insecureDisable(id, request.actor());
        return host("id", host.getId(), "insecure_enabled_until", null, "insecure_grace_until", null);
    }

    @POST
    @Path("{id: [0-9]+}/model")
    @RolesAllowed("admin")
    @Operation(operationId = "setHostModel", summary = "Override a host's model and reasoning effort")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HostModelChange")))
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> model(@PathParam("id") long id, JsonObject body) {
        Host host = administration.model(id, JsonInput.text(body, "model_override").orElse(null),
                JsonInput.text(body, "reasoning_effort_override").orElse(null), request.actor());
        return host("id", host.getId(), "model_override", host.getModelOverride(),
                "reasoning_effort_override", host.getReasoningEffortOverride());
    }

    @POST
    @Path("{id: [0-9]+}/codex-version")
    @RolesAllowed("admin")
    @Operation(operationId = "setHostCodexVersion", summary = "Pin a host's Codex version or follow the fleet")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HostCodexVersionChange")))
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> codexVersion(@PathParam("id") long id, JsonObject body) {
        String selection = body.containsKey("selection") ? JsonInput.text(body, "selection").orElse(null)
                : JsonInput.text(body, "client_version_override").orElse(null);
        Host host = administration.codexVersion(id, selection, request.actor());
        return host("id", host.getId(), "client_version_override", host.getClientVersionOverride());
    }

    @POST
    @Path("{id: [0-9]+}/status")
    @RolesAllowed("admin")
    @Operation(operationId = "setHostStatus", summary = "Suspend or reactivate a host")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HostStatusChange")))
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> status(@PathParam("id") long id, JsonObject body) {
        Host host = administration.status(id, JsonInput.text(body, "status").orElse(""), request.actor());
        return host("id", host.getId(), "fqdn", host.getFqdn(), "status", host.getStatus());
    }

    @POST
    @Path("{id: [0-9]+}/temporary")
    @RolesAllowed("admin")
    @Operation(operationId = "setHostTemporary", summary = "Make a host temporary or permanent")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HostTemporaryChange")))
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> temporary(@PathParam("id") long id, JsonObject body) {
        boolean temporary = JsonInput.requiredFlag(body, "temporary");
        Host host = administration.set(id, HostFlag.TEMPORARY, temporary, request.actor());
        return host("id", host.getId(), "fqdn", host.getFqdn(), "expires_at", Timestamps.format(host.getExpiresAt()));
    }

    @POST
    @Path("{id: [0-9]+}/ip/reset")
    @RolesAllowed("admin")
    @Operation(operationId = "resetHostIp", summary = "Unbind a host's IP; its next call binds again")
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> resetIp(@PathParam("id") long id) {
        Host host = administration.resetIp(id, request.actor());
        return host("id", host.getId(), "fqdn", host.getFqdn(), "ip", null);
    }

    private static Envelope<Map<String, Object>> host(Object... keysAndValues) {
        return Envelope.ok(HostsResource.map("host", HostsResource.map(keysAndValues)));
    }
}
