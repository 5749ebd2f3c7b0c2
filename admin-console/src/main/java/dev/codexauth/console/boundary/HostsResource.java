package dev.codexauth.console.boundary;

import dev.codexauth.auth.control.CanonicalStore;
import dev.codexauth.auth.control.DigestHistory;
import dev.codexauth.auth.control.StoredCanonical;
import dev.codexauth.console.control.HostAdministration;
import dev.codexauth.host.control.BaseUrls;
import dev.codexauth.host.control.HostBlock;
import dev.codexauth.host.control.HostDirectory;
import dev.codexauth.host.control.HostListing;
import dev.codexauth.host.control.HostRegistry;
import dev.codexauth.host.control.Registration;
import dev.codexauth.host.entity.Host;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.DatabaseConflict;
import dev.codexauth.http.Envelope;
import dev.codexauth.http.JsonInput;
import dev.codexauth.http.QueryInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.ops.control.WriteBehind;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /admin/api/hosts}: listing, registering and changing hosts (admin.md §2.3). */
@Path("hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
@Tag(name = "admin-hosts")
@SecurityRequirement(name = "adminToken")
@SecurityRequirement(name = "adminSession")
public class HostsResource {

    @Inject
    HostDirectory directory;

    @Inject
    HostAdministration administration;

    @Inject
    HostRegistry registry;

    @Inject
    AdminRequest request;

    @Inject
    BaseUrls baseUrls;

    @Inject
    CanonicalStore canonicalStore;

    @Inject
    DigestHistory digests;

    @GET
    @Operation(operationId = "listHosts", summary = "One page of hosts, with tab counts")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(schema = @Schema(ref = "HostListing")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<HostListing> list(@QueryParam("page") @DefaultValue("1") String page,
                                      @QueryParam("per_page") @DefaultValue("100") String perPage,
                                      @QueryParam("q") String search, @QueryParam("tab") String tab,
                                      @QueryParam("sort") @DefaultValue("last_seen") String sort,
                                      @QueryParam("direction") @DefaultValue("desc") String direction) {
        if (!List.of("host", "last_seen", "client", "wrapper", "ip").contains(sort)) {
            throw ValidationFailed.of("sort", "sort must be one of: host, last_seen, client, wrapper, ip");
        }
        if (!direction.equalsIgnoreCase("asc") && !direction.equalsIgnoreCase("desc")) {
            throw ValidationFailed.of("direction", "direction must be asc or desc");
        }
        return Envelope.ok(directory.list(new HostDirectory.Query(QueryInput.integer("page", page, 1, 1_000_000),
                QueryInput.integer("per_page", perPage, 1, 500), search, tab, sort, direction.equalsIgnoreCase("asc"))));
    }

    @GET
    @Path("insecure")
    @Operation(operationId = "listInsecureHosts", summary = "Insecure hosts, open windows first")
    @APIResponse(responseCode = "200", description = "The insecure hosts",
            content = @Content(schema = @Schema(ref = "InsecureHosts")))
    public Envelope<Map<String, Object>> insecure() {
        List<Map<String, Object>> rows = directory.insecure(500).stream()
                .map(h -> map("id", h.id(), "fqdn", h.fqdn(), "active", h.active(), "insecure_enabled_until", h.enabledUntil(),
                        "secure", false))
                .toList();
        return Envelope.ok(map("count", rows.size(), "active", rows.stream().filter(m -> (Boolean) m.get("active")).count(), "hosts", rows));
    }

    @GET
    @Path("{id: [0-9]+}")
    @Operation(operationId = "getHost", summary = "One host as listed")
    @APIResponse(responseCode = "200", description = "The host", content = @Content(schema = @Schema(ref = "HostItem")))
    public Envelope<HostListing.Item> one(@PathParam("id") long id) {
        WriteBehind.settle();
        return Envelope.ok(directory.one(id).orElseThrow(HostsResource::notFound));
    }

    /** The host's auth view; {@code include_body} reveals the canonical auth.json (admin only, audited). */
    @GET
    @Path("{id: [0-9]+}/auth")
    @Operation(operationId = "getHostAuth", summary = "The auth.json state of a host",
            description = "include_body reveals the canonical auth.json: admins only, audited.")
    @APIResponse(responseCode = "200", description = "The host's auth state",
            content = @Content(schema = @Schema(ref = "HostAuthView")))
    @APIResponse(responseCode = "422", ref = "ValidationFailed")
    public Envelope<Map<String, Object>> auth(@PathParam("id") long id, @QueryParam("include_body") String includeBody) {
        WriteBehind.settle();
        Host host = registry.find(id);
        boolean reveal = QueryInput.flag("include_body", includeBody);
        if (reveal && !request.principal().admin()) {
            throw new ApiException(403, "forbidden", "Only admins may see the canonical auth.json");
        }
        Optional<StoredCanonical> canonical = reveal ? administration.revealCanonical(id, request.actor()) : canonicalStore.latest();
        Map<String, Object> hostView = map("id", host.getId(), "fqdn", host.getFqdn(), "status", host.getStatus(),
                "last_refresh", host.getLastRefresh(), "updated_at", Timestamps.format(host.getUpdatedAt()),
                "client_version", host.getClientVersion(), "wrapper_version", host.getWrapperVersion(), "ip", host.getIp(),
                "allow_roaming_ips", host.isAllowRoamingIps(), "secure", host.isSecure());
        return Envelope.ok(map("host", hostView,
                "canonical_last_refresh", canonical.map(StoredCanonical::lastRefresh).orElse(null),
                "canonical_digest", canonical.map(StoredCanonical::digest).orElse(null),
                "recent_digests", digests.recent(id),
                "auth", reveal ? canonical.map(c -> c.canonical().document()).orElse(null) : null,
                "api_calls", host.getApiCalls()));
    }

    @POST
    @Path("register")
    @RolesAllowed("admin")
    @Operation(operationId = "registerHost", summary = "Register a host, or re-register one, and issue its installer",
            description = "Shows the API key: a secret reveal, audited.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "HostRegistration")))
    @APIResponse(responseCode = "200", description = "The host with its key and installer",
            content = @Content(schema = @Schema(ref = "HostRegistered")))
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Envelope<Map<String, Object>> register(JsonObject body) {
        Registration registration = new Registration(JsonInput.text(body, "fqdn").orElse(""), JsonInput.flag(body, "secure"),
                JsonInput.flag(body, "vip"), JsonInput.flag(body, "temporary"), JsonInput.flag(body, "curl_insecure"),
                JsonInput.flag(body, "force_ipv4"), JsonInput.flag(body, "rotate_key").orElse(true));
        // Once more after a collision (a deletion or another registration of this FQDN at the same moment): the second
        // attempt sees what the other one did, and the caller gets the registration instead of a 503 to send again.
        HostRegistry.Registered registered = DatabaseConflict.retriedOnce(() -> administration.register(registration, baseUrl(),
                request.actor()));
        Map<String, Object> host = hostView(registered.host());
        host.put("curl_insecure", registered.host().isCurlInsecure());
        host.put("api_key", registered.apiKey());
        return Envelope.ok(map("host", host, "installer", registered.installer()));
    }

    @POST
    @Path("{id: [0-9]+}/installer")
    @RolesAllowed("admin")
    @Operation(operationId = "issueInstaller", summary = "A new one-time installer for a host")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "InstallerRequest")))
    @APIResponse(responseCode = "200", description = "The installer",
            content = @Content(schema = @Schema(ref = "InstallerIssued")))
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Envelope<Map<String, Object>> installer(@PathParam("id") long id, JsonObject body) {
        boolean rotate = JsonInput.flag(body, "rotate_key").orElse(false);
        HostRegistry.Registered issued = administration.newInstaller(id, rotate, baseUrl(), request.actor());
        Map<String, Object> answer = map("installer", issued.installer());
        if (issued.rotated()) {
            answer.put("api_key", issued.apiKey());
        }
        return Envelope.ok(answer);
    }

    @POST
    @Path("{id: [0-9]+}/clear")
    @RolesAllowed("admin")
    @Operation(operationId = "clearHostAuth", summary = "Forget a host's auth state; its next sync starts fresh")
    @APIResponse(responseCode = "200", description = "The changed members", content = @Content(schema = @Schema(ref = "HostChanged")))
    public Envelope<Map<String, Object>> clear(@PathParam("id") long id) {
        Host host = administration.clear(id, request.actor());
        return host("id", host.getId(), "fqdn", host.getFqdn(), "status", host.getStatus());
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @RolesAllowed("admin")
    @Operation(operationId = "deleteHost", summary = "Remove a host with its MCP memories")
    @APIResponse(responseCode = "200", description = "The removed host's id",
            content = @Content(schema = @Schema(ref = "HostDeleted")))
    public Envelope<Map<String, Object>> delete(@PathParam("id") long id) {
        return Envelope.ok(map("deleted", administration.delete(id, request.actor())));
    }

    private String baseUrl() {
        return baseUrls.require(request.origin());
    }

    private static Map<String, Object> hostView(Host h) {
        Map<String, Object> view = new LinkedHashMap<>();
        HostBlock block = HostBlock.of(h);
        view.put("id", h.getId());
        view.put("fqdn", block.fqdn());
        view.put("status", block.status());
        view.put("last_refresh", block.lastRefresh());
        view.put("updated_at", block.updatedAt());
        view.put("expires_at", block.expiresAt());
        view.put("client_version", block.clientVersion());
        view.put("client_version_override", block.clientVersionOverride());
        view.put("wrapper_version", block.wrapperVersion());
        view.put("api_calls", block.apiCalls());
        view.put("allow_roaming_ips", block.allowRoamingIps());
        view.put("secure", block.secure());
        view.put("vip", block.vip());
        view.put("insecure_enabled_until", block.insecureEnabledUntil());
        view.put("insecure_grace_until", block.insecureGraceUntil());
        view.put("insecure_window_minutes", block.insecureWindowMinutes());
        view.put("force_ipv4", block.forceIpv4());
        view.put("model_override", block.modelOverride());
        view.put("reasoning_effort_override", block.reasoningEffortOverride());
        return view;
    }

    private static Envelope<Map<String, Object>> host(Object... keysAndValues) {
        return Envelope.ok(map("host", map(keysAndValues)));
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static ApiException notFound() {
        return new ApiException(404, "host_not_found", "Host not found");
    }
}
