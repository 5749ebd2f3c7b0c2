package dev.codexauth.console.control;

import dev.codexauth.auth.control.CanonicalStore;
import dev.codexauth.auth.control.DigestHistory;
import dev.codexauth.auth.control.HostSyncState;
import dev.codexauth.auth.control.StoredCanonical;
import dev.codexauth.cluster.control.ClusterBus;
import dev.codexauth.host.control.HostDeletion;
import dev.codexauth.host.control.HostRegistry;
import dev.codexauth.host.control.InsecureWindow;
import dev.codexauth.host.control.Registration;
import dev.codexauth.host.entity.Host;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Redaction;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.sync.control.VersionOrder;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Every admin change to a host, each in one transaction with its audit row (before/after, never key material) and
 * the original's {@code admin.host.*} event with the actor added.
 */
@Stateless
public class HostAdministration {

    /** Models and the reasoning efforts each accepts (admin.md §3.5). */
    public static final Map<String, List<String>> MODELS = Map.of(
            "gpt-5.2-codex", List.of("low", "medium", "high", "xhigh"),
            "gpt-5.2", List.of("low", "medium", "high", "xhigh"),
            "gpt-5.1-codex-max", List.of("low", "medium", "high", "xhigh"),
            "gpt-5.1-codex", List.of("low", "medium", "high"),
            "gpt-5.1", List.of("low", "medium", "high"),
            "gpt-5.1-codex-mini", List.of("medium", "high"));

    @EJB
    HostRegistry registry;

    @EJB
    HostDeletion deletion;

    @EJB
    HostSyncState syncState;

    @EJB
    DigestHistory digests;

    @EJB
    CanonicalStore canonicalStore;

    @EJB
    AuditTrail audit;

    @EJB
    Events events;

    @EJB
    ClusterBus cluster;

    public HostRegistry.Registered register(Registration registration, String baseUrl, AuditTrail.Actor actor) {
        HostRegistry.Registered registered = registry.register(registration, baseUrl, actor.name());
        Map<String, Object> after = snapshot(registered.host());
        after.put("api_key", registered.rotated() || registered.created() ? "issued " + Redaction.prefix(registered.apiKey()) : "kept");
        after.put("installer", Redaction.prefix(registered.installer().token()));
        audit.record(actor, registered.created() ? "host.create" : "host.register", "host", registered.host().getId(), null, after, "ok");
        cluster.invalidateAfterCommit("host " + registered.host().getId());
        return registered;
    }

    public HostRegistry.Registered newInstaller(long hostId, boolean rotateKey, String baseUrl, AuditTrail.Actor actor) {
        HostRegistry.Registered issued = registry.newInstaller(hostId, rotateKey, baseUrl, actor.name());
        audit.record(actor, rotateKey ? "host.rotate_key" : "host.installer", "host", hostId, null,
                Map.of("installer", Redaction.prefix(issued.installer().token()), "key_rotated", issued.rotated()), "ok");
        cluster.invalidateAfterCommit("host " + hostId);
        return issued;
    }

    public Host change(long hostId, String action, AuditTrail.Actor actor, Consumer<Host> change) {
        Host host = registry.find(hostId);
        Map<String, Object> before = snapshot(host);
        change.accept(host);
        host.setUpdatedAt(Instant.now());
        Map<String, Object> after = snapshot(host);
        audit.record(actor, "host." + action, "host", hostId, before, after, "ok");
        Map<String, Object> details = new LinkedHashMap<>(changed(before, after));
        details.put("fqdn", host.getFqdn());
        details.put("actor", actor.name());
        events.record(hostId, "admin.host." + action, details);
        cluster.invalidateAfterCommit("host " + hostId);
        return host;
    }

    /** Turns one of a host's on/off settings on or off, audited as {@code host.<flag action>}. */
    public Host set(long hostId, HostFlag flag, boolean on, AuditTrail.Actor actor) {
        return change(hostId, flag.action(), actor, host -> flag.apply(host, on));
    }

    /** Suspends ({@code suspended}) or reactivates ({@code active}) a host. */
    public Host status(long hostId, String status, AuditTrail.Actor actor) {
        if (!"active".equals(status) && !"suspended".equals(status)) {
            throw ValidationFailed.of("status", "status must be active or suspended");
        }
        return change(hostId, "status", actor, host -> host.setStatus(status));
    }

    /** Closes an insecure host's window now, grace included. */
    public Host insecureDisable(long hostId, AuditTrail.Actor actor) {
        return change(hostId, "insecure_disable", actor, host -> {
            host.setInsecureEnabledUntil(null);
            host.setInsecureGraceUntil(null);
        });
    }

    /** Unbinds a host's IP; its next call binds again. */
    public Host resetIp(long hostId, AuditTrail.Actor actor) {
        return change(hostId, "ip_reset", actor, host -> host.setIp(null));
    }

    public Host insecureEnable(long hostId, Optional<Integer> minutes, boolean extend, AuditTrail.Actor actor) {
        return change(hostId, "insecure_enable", actor, host -> {
            if (host.isSecure()) {
                throw new ApiException(422, "host_is_secure", "Host is secure; insecure window not applicable");
            }
            int window = minutes.orElse(InsecureWindow.minutes(host) == 0 ? InsecureWindow.DEFAULT_MINUTES : InsecureWindow.minutes(host));
            Instant now = Instant.now();
            Instant current = Timestamps.fromUtcDateTime(host.getInsecureEnabledUntil());
            Instant start = extend && current != null && current.isAfter(now) ? current : now;
            host.setInsecureEnabledUntil(Timestamps.toUtcDateTime(start.plusSeconds(60L * window)));
            host.setInsecureGraceUntil(null);
            host.setInsecureWindowMinutes(window);
        });
    }

    public Host model(long hostId, String model, String effort, AuditTrail.Actor actor) {
        String chosenModel = model == null || model.isBlank() ? null : model.trim();
        String chosenEffort = effort == null || effort.isBlank() ? null : effort.trim().toLowerCase(java.util.Locale.ROOT);
        if (chosenModel != null && !MODELS.containsKey(chosenModel)) {
            throw ValidationFailed.of("model_override", "model_override must be one of " + String.join(", ", MODELS.keySet()));
        }
        List<String> efforts = chosenModel == null ? List.of("low", "medium", "high", "xhigh") : MODELS.get(chosenModel);
        if (chosenEffort != null && !efforts.contains(chosenEffort)) {
            throw ValidationFailed.of("reasoning_effort_override", "reasoning_effort_override must be one of " + String.join(", ", efforts)
                    + (chosenModel == null ? "" : " for " + chosenModel));
        }
        return change(hostId, "model_overrides", actor, host -> {
            host.setModelOverride(chosenModel);
            host.setReasoningEffortOverride(chosenEffort);
        });
    }

    /** {@code global}, {@code fleet}, {@code default}, empty or null clear the pin; otherwise a semantic version. */
    public Host codexVersion(long hostId, String selection, AuditTrail.Actor actor) {
        String value = selection == null ? "" : selection.trim();
        String pin;
        if (value.isEmpty() || List.of("global", "fleet", "default").contains(value.toLowerCase(java.util.Locale.ROOT))) {
            pin = null;
        } else {
            pin = VersionOrder.semantic(value).orElseThrow(() -> ValidationFailed.of("selection",
                    "selection must be a semantic version like 0.63.0"));
        }
        return change(hostId, "client_version_override", actor, host -> host.setClientVersionOverride(pin));
    }

    public Host clear(long hostId, AuditTrail.Actor actor) {
        return change(hostId, "clear", actor, host -> {
            syncState.clear(host);
            digests.clear(host.getId());
        });
    }

    public long delete(long hostId, AuditTrail.Actor actor) {
        Host host = registry.findForUpdate(hostId);
        Map<String, Object> before = snapshot(host);
        events.record(hostId, "admin.host.delete", Events.details("fqdn", host.getFqdn(), "actor", actor.name()));
        deletion.delete(host, "admin");
        audit.record(actor, "host.delete", "host", hostId, before, null, "ok");
        cluster.invalidateAfterCommit("host " + hostId);
        return hostId;
    }

    /**
     * The canonical auth.json a host is served, shown to an admin from that host (the API's {@code include_body}, the
     * console's View canonical auth): the body holds tokens, so every reveal is audited with the digest it showed.
     */
    public Optional<StoredCanonical> revealCanonical(long hostId, AuditTrail.Actor actor) {
        registry.find(hostId);
        Optional<StoredCanonical> canonical = canonicalStore.latest();
        audit.record(actor, "host.auth.reveal", "host", hostId, null,
                Map.of("digest", canonical.map(StoredCanonical::digest).orElse("none")), "ok");
        return canonical;
    }

    static Map<String, Object> snapshot(Host host) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("fqdn", host.getFqdn());
        values.put("status", host.getStatus());
        values.put("secure", host.isSecure());
        values.put("vip", host.isVip());
        values.put("allow_roaming_ips", host.isAllowRoamingIps());
        values.put("force_ipv4", host.isForceIpv4());
        values.put("curl_insecure", host.isCurlInsecure());
        values.put("ip", host.getIp());
        values.put("expires_at", Timestamps.format(host.getExpiresAt()));
        values.put("insecure_enabled_until", Timestamps.format(host.getInsecureEnabledUntil()));
        values.put("insecure_window_minutes", host.getInsecureWindowMinutes());
        values.put("model_override", host.getModelOverride());
        values.put("reasoning_effort_override", host.getReasoningEffortOverride());
        values.put("client_version_override", host.getClientVersionOverride());
        values.put("auth_digest", host.getAuthDigest());
        return values;
    }

    private static Map<String, Object> changed(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> changed = new LinkedHashMap<>();
        after.forEach((key, value) -> {
            if (!java.util.Objects.equals(before.get(key), value)) {
                changed.put(key, value);
            }
        });
        return changed;
    }
}
