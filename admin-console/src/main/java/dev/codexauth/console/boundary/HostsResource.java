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
import dev.codexauth.http.Envelope;
import dev.codexauth.http.JsonInput;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.ClientAddress;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /admin/api/hosts}: listing, registering and changing hosts (admin.md §2.3). */
@Path("hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
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
    ClientAddress clientAddress;

    @Inject
    CanonicalStore canonicalStore;

    @Inject
    DigestHistory digests;

    @Context
    HttpServletRequest servletRequest;

    @GET
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
    public Envelope<Map<String, Object>> insecure() {
        List<HostListing.Item> hosts = directory.list(new HostDirectory.Query(1, 500, null, "insecure", "host", true)).hosts();
        Instant now = Instant.now();
        List<Map<String, Object>> rows = hosts.stream()
                .map(h -> map("id", h.id(), "fqdn", h.fqdn(), "active", open(h.insecureEnabledUntil(), now),
                        "insecure_enabled_until", h.insecureEnabledUntil(), "secure", false))
                .sorted(Comparator.<Map<String, Object>, Boolean>comparing(m -> !(Boolean) m.get("active"))
                        .thenComparing(m -> ((String) m.get("fqdn")).toLowerCase(java.util.Locale.ROOT)))
                .toList();
        return Envelope.ok(map("count", rows.size(), "active", rows.stream().filter(m -> (Boolean) m.get("active")).count(), "hosts", rows));
    }

    @GET
    @Path("{id: [0-9]+}")
    public Envelope<HostListing.Item> one(@PathParam("id") long id) {
        return Envelope.ok(directory.one(id).orElseThrow(HostsResource::notFound));
    }

    /** The host's auth view; {@code include_body} reveals the canonical auth.json (admin only, audited). */
    @GET
    @Path("{id: [0-9]+}/auth")
    public Envelope<Map<String, Object>> auth(@PathParam("id") long id, @QueryParam("include_body") String includeBody) {
        Host host = registry.find(id);
        boolean reveal = QueryInput.flag("include_body", includeBody);
        Optional<StoredCanonical> canonical = canonicalStore.current();
        if (reveal) {
            if (!request.principal().admin()) {
                throw new ApiException(403, "forbidden", "Only admins may see the canonical auth.json");
            }
            administration.auditReveal(id, canonical.map(StoredCanonical::digest).orElse(null), request.actor());
        }
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
    public Envelope<Map<String, Object>> register(String raw) {
        JsonObject body = AdminBodies.object(raw);
        Registration registration = new Registration(JsonInput.text(body, "fqdn").orElse(""), JsonInput.flag(body, "secure"),
                JsonInput.flag(body, "vip"), JsonInput.flag(body, "temporary"), JsonInput.flag(body, "curl_insecure"),
                JsonInput.flag(body, "force_ipv4"), JsonInput.flag(body, "rotate_key").orElse(true));
        HostRegistry.Registered registered = administration.register(registration, baseUrl(), request.actor());
        Map<String, Object> host = hostView(registered.host());
        host.put("curl_insecure", registered.host().isCurlInsecure());
        host.put("api_key", registered.apiKey());
        return Envelope.ok(map("host", host, "installer", registered.installer()));
    }

    @POST
    @Path("{id: [0-9]+}/installer")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> installer(@PathParam("id") long id, String raw) {
        boolean rotate = JsonInput.flag(AdminBodies.object(raw), "rotate_key").orElse(false);
        HostRegistry.Registered issued = administration.newInstaller(id, rotate, baseUrl(), request.actor());
        Map<String, Object> answer = map("installer", issued.installer());
        if (issued.rotated()) {
            answer.put("api_key", issued.apiKey());
        }
        return Envelope.ok(answer);
    }

    @POST
    @Path("{id: [0-9]+}/secure")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> secure(@PathParam("id") long id, String raw) {
        JsonObject body = AdminBodies.object(raw);
        boolean secure = JsonInput.requiredFlag(body, "secure");
        Optional<Integer> window = JsonInput.integer(body, "open_window_minutes", 1, 480, "open_window_minutes must be between 1 and 480");
        Host host = administration.change(id, "secure", request.actor(), h -> h.setSecure(secure));
        if (!secure && window.isPresent()) {
            host = administration.insecureEnable(id, window, false, request.actor());
        }
        return host("id", host.getId(), "fqdn", host.getFqdn(), "secure", host.isSecure(),
                "insecure_enabled_until", Timestamps.formatDateTime(host.getInsecureEnabledUntil()));
    }

    @POST
    @Path("{id: [0-9]+}/vip")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> vip(@PathParam("id") long id, String raw) {
        boolean vip = JsonInput.requiredFlag(AdminBodies.object(raw), "vip");
        Host host = administration.change(id, "vip", request.actor(), h -> h.setVip(vip));
        return host("id", host.getId(), "fqdn", host.getFqdn(), "vip", host.isVip());
    }

    @POST
    @Path("{id: [0-9]+}/roaming")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> roaming(@PathParam("id") long id, String raw) {
        boolean allow = JsonInput.requiredFlag(AdminBodies.object(raw), "allow");
        Host host = administration.change(id, "roaming", request.actor(), h -> h.setAllowRoamingIps(allow));
        return host("id", host.getId(), "fqdn", host.getFqdn(), "allow_roaming_ips", host.isAllowRoamingIps());
    }

    @POST
    @Path("{id: [0-9]+}/ipv4")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> ipv4(@PathParam("id") long id, String raw) {
        boolean force = JsonInput.requiredFlag(AdminBodies.object(raw), "force");
        Host host = administration.change(id, "force_ipv4", request.actor(), h -> {
            h.setForceIpv4(force);
            h.setIp(null);
        });
        return host("id", host.getId(), "force_ipv4", host.isForceIpv4(), "ip", null);
    }

    @POST
    @Path("{id: [0-9]+}/curl-insecure")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> curlInsecure(@PathParam("id") long id, String raw) {
        boolean allow = JsonInput.requiredFlag(AdminBodies.object(raw), "allow");
        Host host = administration.change(id, "curl_insecure", request.actor(), h -> h.setCurlInsecure(allow));
        return host("id", host.getId(), "curl_insecure", host.isCurlInsecure());
    }

    @POST
    @Path("{id: [0-9]+}/insecure/enable")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> insecureEnable(@PathParam("id") long id, String raw) {
        JsonObject body = AdminBodies.object(raw);
        Optional<Integer> minutes = JsonInput.integer(body, "duration_minutes", 1, 480, "duration_minutes must be an integer between 1 and 480");
        String mode = JsonInput.text(body, "mode").orElse("set");
        if (!mode.equals("set") && !mode.equals("extend")) {
            throw ValidationFailed.of("mode", "mode must be set or extend");
        }
        Host host = administration.insecureEnable(id, minutes, mode.equals("extend"), request.actor());
        return host("id", host.getId(), "insecure_enabled_until", Timestamps.formatDateTime(host.getInsecureEnabledUntil()),
                "insecure_grace_until", null, "insecure_window_minutes", host.getInsecureWindowMinutes());
    }

    @POST
    @Path("{id: [0-9]+}/insecure/disable")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> insecureDisable(@PathParam("id") long id) {
        Host host = administration.change(id, "insecure_disable", request.actor(), h -> {
            h.setInsecureEnabledUntil(null);
            h.setInsecureGraceUntil(null);
        });
        return host("id", host.getId(), "insecure_enabled_until", null, "insecure_grace_until", null);
    }

    @POST
    @Path("{id: [0-9]+}/model")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> model(@PathParam("id") long id, String raw) {
        JsonObject body = AdminBodies.object(raw);
        Host host = administration.model(id, JsonInput.text(body, "model_override").orElse(null),
                JsonInput.text(body, "reasoning_effort_override").orElse(null), request.actor());
        return host("id", host.getId(), "model_override", host.getModelOverride(),
                "reasoning_effort_override", host.getReasoningEffortOverride());
    }

    @POST
    @Path("{id: [0-9]+}/codex-version")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> codexVersion(@PathParam("id") long id, String raw) {
        JsonObject body = AdminBodies.object(raw);
        String selection = body.containsKey("selection") ? JsonInput.text(body, "selection").orElse(null)
                : JsonInput.text(body, "client_version_override").orElse(null);
        Host host = administration.codexVersion(id, selection, request.actor());
        return host("id", host.getId(), "client_version_override", host.getClientVersionOverride());
    }

    @POST
    @Path("{id: [0-9]+}/clear")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> clear(@PathParam("id") long id) {
        Host host = administration.clear(id, request.actor());
        return host("id", host.getId(), "fqdn", host.getFqdn(), "status", host.getStatus());
    }

    @POST
    @Path("{id: [0-9]+}/status")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> status(@PathParam("id") long id, String raw) {
        String status = JsonInput.text(AdminBodies.object(raw), "status").orElse("");
        if (!status.equals("active") && !status.equals("suspended")) {
            throw ValidationFailed.of("status", "status must be active or suspended");
        }
        Host host = administration.change(id, "status", request.actor(), h -> h.setStatus(status));
        return host("id", host.getId(), "fqdn", host.getFqdn(), "status", host.getStatus());
    }

    @POST
    @Path("{id: [0-9]+}/temporary")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> temporary(@PathParam("id") long id, String raw) {
        boolean temporary = JsonInput.requiredFlag(AdminBodies.object(raw), "temporary");
        Host host = administration.change(id, "temporary", request.actor(),
                h -> h.setExpiresAt(temporary ? Instant.now().plusSeconds(7200) : null));
        return host("id", host.getId(), "fqdn", host.getFqdn(), "expires_at", Timestamps.format(host.getExpiresAt()));
    }

    @POST
    @Path("{id: [0-9]+}/ip/reset")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> resetIp(@PathParam("id") long id) {
        Host host = administration.change(id, "ip_reset", request.actor(), h -> h.setIp(null));
        return host("id", host.getId(), "fqdn", host.getFqdn(), "ip", null);
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @RolesAllowed("admin")
    public Envelope<Map<String, Object>> delete(@PathParam("id") long id) {
        return Envelope.ok(map("deleted", administration.delete(id, request.actor())));
    }

    private String baseUrl() {
        return baseUrls.forAdmins(AdminBodies.origin(servletRequest, clientAddress)).orElseThrow(() -> new ApiException(503,
                "base_url_unconfigured", "No public base URL: set PUBLIC_BASE_URL (or send X-Forwarded-Host from a trusted proxy)"));
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

    private static boolean open(String until, Instant now) {
        return until != null && Timestamps.parse(until).map(u -> !u.isBefore(now)).orElse(false);
    }

    private static ApiException notFound() {
        return new ApiException(404, "host_not_found", "Host not found");
    }
}
