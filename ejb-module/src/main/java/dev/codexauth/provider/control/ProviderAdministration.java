package dev.codexauth.provider.control;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ValidationFailed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The admins' changes to the fleet's provider credentials, each audited with the admin's name: the same methods serve
 * {@code /admin/api/providers} and the console's Providers page, so neither writes a rule or an audit row of its own.
 */
@Stateless
public class ProviderAdministration {

    private static final Pattern CLAUDE_TOKEN = Pattern.compile("[A-Za-z0-9._~+/=-]{20,4096}");

    @EJB
    ClaudeSetup claude;

    @EJB
    CodexDeviceFlow codex;

    @EJB
    ProviderCredentials credentials;

    @EJB
    AuditTrail audit;

    public ClaudeSetup.Started startClaude(AuditTrail.Actor admin) {
        ClaudeSetup.Started started = claude.start(admin.name());
        audit.record(admin, "provider.claude.setup_start", "provider_flow", started.sessionId(), null, null, "ok");
        return started;
    }

    public ProviderCredentials.Summary finishClaude(String sessionId, String code, AuditTrail.Actor admin) {
        if (code == null || code.isBlank() || code.length() > 4096) {
            throw ValidationFailed.of("code", "code is required: the code Anthropic showed after the sign-in");
        }
        ProviderCredentials.Summary stored = claude.callback(sessionId, code, admin.name());
        audit.record(admin, "provider.claude.set", "provider_credential", stored.id(), null,
                Map.of("fingerprint", stored.fingerprint(), "via", "oauth"), "ok");
        return stored;
    }

    /** A token printed by {@code claude setup-token} elsewhere; {@code expires} may be null. */
    public ProviderCredentials.Summary setClaude(String token, Instant expires, AuditTrail.Actor admin) {
        if (token == null || !CLAUDE_TOKEN.matcher(token).matches()) {
            throw ValidationFailed.of("token", "token is the 20 to 4096 character token claude setup-token printed");
        }
        ProviderCredentials.Summary stored = credentials.store(ProviderCredentials.CLAUDE, token, expires, admin.name());
        audit.record(admin, "provider.claude.set", "provider_credential", stored.id(), null,
                Map.of("fingerprint", stored.fingerprint(), "via", "paste"), "ok");
        return stored;
    }

    public CodexDeviceFlow.Started startCodex(AuditTrail.Actor admin) {
        CodexDeviceFlow.Started started = codex.start(admin.name());
        audit.record(admin, "provider.codex.setup_start", "provider_flow", started.sessionId(), null, null, "ok");
        return started;
    }
}
