package dev.codexauth.console.control;

import dev.codexauth.auth.control.Canonical;
import dev.codexauth.auth.control.CanonicalAuth;
import dev.codexauth.auth.control.CanonicalUploads;
import dev.codexauth.auth.control.SeedTokens;
import dev.codexauth.auth.control.TokenRules;
import dev.codexauth.auth.control.UploadAnswer;
import dev.codexauth.host.control.HostRegistry;
import dev.codexauth.host.entity.Host;
import dev.codexauth.http.Jsonp;
import dev.codexauth.http.Redaction;
import dev.codexauth.http.ValidationFailed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin actions on the canonical auth (admin.md §2.4): uploads (audited by digest only; a host-scoped upload only
 * names its source host, it never touches that host's counters or window) and one-time seed commands.
 */
@Stateless
public class CanonicalAdministration {

    public static final int MAX_UPLOAD_BYTES = 64 * 1024;

    /** One stored version: who made it (an admin's name, else the source host or the system), when, its digest prefix. */
    public record Version(long payloadId, String createdAt, String lastRefresh, String digestPrefix, String by)
            implements Serializable {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @Inject
    TokenRules tokenRules;

    @EJB
    CanonicalUploads uploads;

    @EJB
    SeedTokens seeds;

    @EJB
    HostRegistry hosts;

    @EJB
    AuditTrail audit;

    /**
     * An uploaded auth.json as text (the console's editor, the API's JSON string or file part); {@code field} names
     * the input in refusals.
     */
    public UploadAnswer upload(String text, String field, Long hostId, AuditTrail.Actor actor) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_UPLOAD_BYTES) {
            throw ValidationFailed.of(field, field + " must be at most 64 KiB");
        }
        JsonObject document = parse(text);
        if (document == null) {
            throw ValidationFailed.of(field, "auth payload must be valid JSON");
        }
        return upload(document, hostId, actor);
    }

    /** Validated as a host's store is (last_refresh, token quality), then made canonical. */
    public UploadAnswer upload(JsonObject document, Long hostId, AuditTrail.Actor actor) {
        return upload(CanonicalAuth.canonicalize(document, tokenRules.minLength(), "auth"), hostId, actor);
    }

    /** A document already canonical (the provider sign-in builds one). */
    public UploadAnswer upload(Canonical canonical, Long hostId, AuditTrail.Actor actor) {
        Host host = hostId == null ? null : hosts.find(hostId);
        CanonicalUploads.Result result = uploads.upload(canonical, hostId, "admin-upload");
        audit.record(actor, "auth.upload", "canonical_auth", result.canonical().payloadId(), null,
                Map.of("status", result.status(), "digest", canonical.digest(), "last_refresh", canonical.lastRefresh(),
                        "source_host_id", hostId == null ? "system" : hostId), "ok");
        return uploads.answer(result, host);
    }

    public SeedTokens.Issued seedCommand(String baseUrl, AuditTrail.Actor actor) {
        SeedTokens.Issued issued = seeds.issue(baseUrl);
        String token = issued.command().replaceAll(".*/seed/auth/([0-9a-f-]{36}).*", "$1");
        audit.record(actor, "auth.seed_command", "seed_token", Redaction.prefix(token), null,
                Map.of("expires_at", issued.expiresAt()), "ok");
        return issued;
    }

    /**
     * The host an upload is attributed to: blank, {@code system} and 0 mean none (the system scope); anything else
     * must be a host id.
     */
    public static Long sourceHost(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.equals("system") || trimmed.equals("0")) {
            return null;
        }
        if (!trimmed.matches("^\\d{1,18}$")) {
            throw ValidationFailed.of("host_id", "host_id must be a host id or \"system\"");
        }
        return Long.parseLong(trimmed);
    }

    /** The newest stored versions first; the uploading admin comes from the audit row the upload wrote. */
    public List<Version> history(int limit) {
        List<?> rows = em.createNativeQuery("SELECT p.id, p.created_at, p.last_refresh, p.sha256, p.source_host_id, h.fqdn"
                + " FROM auth_payloads p LEFT JOIN hosts h ON h.id = p.source_host_id ORDER BY p.id DESC LIMIT "
                + Math.max(1, Math.min(200, limit))).getResultList();
        List<Object[]> payloads = rows.stream().map(Object[].class::cast).toList();
        Map<String, String> uploaders = new HashMap<>();
        if (!payloads.isEmpty()) {
            List<String> ids = payloads.stream().map(r -> String.valueOf(((Number) r[0]).longValue())).toList();
            List<?> audited = em.createNativeQuery("SELECT target_id, actor FROM admin_audit WHERE action = 'auth.upload'"
                    + " AND target_id IN (:ids) ORDER BY id").setParameter("ids", ids).getResultList();
            // The first upload of a version made it; a later identical upload answers "unchanged".
            audited.stream().map(Object[].class::cast).forEach(r -> uploaders.putIfAbsent((String) r[0], (String) r[1]));
        }
        return payloads.stream().map(r -> new Version(((Number) r[0]).longValue(), String.valueOf(r[1]), String.valueOf(r[2]),
                String.valueOf(r[3]).substring(0, 12), by(uploaders.get(String.valueOf(((Number) r[0]).longValue())),
                        (Number) r[4], (String) r[5]))).toList();
    }

    private static String by(String admin, Number sourceHostId, String sourceFqdn) {
        if (admin != null) {
            return admin;
        }
        if (sourceHostId == null) {
            return "system";
        }
        return sourceFqdn != null ? sourceFqdn : "host #" + sourceHostId.longValue();
    }

    private static JsonObject parse(String text) {
        try {
            JsonValue value = Jsonp.PROVIDER.createReader(new StringReader(text)).readValue();
            return value instanceof JsonObject object ? object : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
