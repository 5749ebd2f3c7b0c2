package dev.codexauth.console.control;

import dev.codexauth.auth.control.Canonical;
import dev.codexauth.auth.control.CanonicalUploads;
import dev.codexauth.auth.control.SeedTokens;
import dev.codexauth.auth.control.UploadAnswer;
import dev.codexauth.host.control.HostRegistry;
import dev.codexauth.host.entity.Host;
import dev.codexauth.http.Redaction;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Map;

/**
 * Admin actions on the canonical auth (admin.md §2.4): uploads (audited by digest only; a host-scoped upload only
 * names its source host, it never touches that host's counters or window) and one-time seed commands.
 */
@Stateless
public class CanonicalAdministration {

    @EJB
    CanonicalUploads uploads;

    @EJB
    SeedTokens seeds;

    @EJB
    HostRegistry hosts;

    @EJB
    AuditTrail audit;

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
}
