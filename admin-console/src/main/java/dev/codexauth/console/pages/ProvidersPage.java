package dev.codexauth.console.pages;

import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.provider.control.ClaudeSetup;
import dev.codexauth.provider.control.CodexDeviceFlow;
import dev.codexauth.provider.control.ProviderAdministration;
import dev.codexauth.provider.control.ProviderCredentials;
import dev.codexauth.provider.control.ProviderStatus;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /admin/providers.xhtml}: the fleet's Codex and Claude Code credentials (seed 002 §2-4) with a badge each
 * (ready, expired, needs setup), the Codex device sign-in followed until it ends, the Claude Code sign-in (PKCE) and
 * a pasted Claude token. Every change goes through {@link ProviderAdministration}, as {@code /admin/api/providers}
 * does; no secret is shown, only fingerprints.
 */
@Named
@ViewScoped
public class ProvidersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ProviderStatus status;

    @Inject
    ProviderCredentials credentials;

    @Inject
    ProviderAdministration administration;

    @Inject
    CodexDeviceFlow codex;

    @Inject
    ConsoleUser user;

    private List<ProviderStatus.Loaded> loaded;
    private List<ProviderCredentials.Summary> claudeHistory;
    private CodexDeviceFlow.Started codexStarted;
    private CodexDeviceFlow.Progress codexProgress;
    private ClaudeSetup.Started claudeStarted;
    private String claudeCode;
    private String claudeToken;
    private String claudeExpiresAt;

    public List<ProviderStatus.Loaded> getLoaded() {
        if (loaded == null) {
            loaded = status.loaded();
        }
        return loaded;
    }

    public List<ProviderCredentials.Summary> getClaudeHistory() {
        if (claudeHistory == null) {
            claudeHistory = credentials.history(ProviderCredentials.CLAUDE);
        }
        return claudeHistory;
    }

    public String severity(ProviderStatus.Loaded credential) {
        return severityOf(credential);
    }

    public String title(ProviderStatus.Loaded credential) {
        return titleOf(credential);
    }

    /** The badge colour of a credential's state, here and on the dashboard. */
    static String severityOf(ProviderStatus.Loaded credential) {
        return switch (credential.state()) {
            case "ready" -> "success";
            case "expired" -> "danger";
            default -> "warning";
        };
    }

    static String titleOf(ProviderStatus.Loaded credential) {
        return "codex_auth".equals(credential.kind()) ? "Codex (canonical auth.json)" : "Claude Code token";
    }

    public void startCodex() {
        if (user.mayChange()) {
            codexStarted = Feedback.attempt(() -> administration.startCodex(user.actor()),
                    "Codex sign-in started: enter the code at the address shown");
            codexProgress = null;
        }
    }

    /** Called by the page's poll while the device sign-in is pending. */
    public void followCodex() {
        if (codexStarted == null) {
            return;
        }
        codexProgress = codex.progress(codexStarted.sessionId());
        switch (codexProgress.status()) {
            case "succeeded" -> {
                Feedback.info("Codex signed in: a new canonical auth.json is stored; hosts take it on their next sync");
                loaded = null;
            }
            case "pending" -> {
            }
            default -> Feedback.error("The Codex sign-in " + codexProgress.status()
                    + Optional.ofNullable(codexProgress.detail()).map(detail -> ": " + detail).orElse(""));
        }
    }

    public boolean isCodexPending() {
        return codexStarted != null && (codexProgress == null || "pending".equals(codexProgress.status()));
    }

    public void startClaude() {
        if (user.mayChange()) {
            claudeStarted = Feedback.attempt(() -> administration.startClaude(user.actor()),
                    "Claude Code sign-in started: open the address, sign in and paste the code shown");
            claudeCode = null;
        }
    }

    public void finishClaude() {
        if (claudeStarted != null && user.mayChange()) {
            String session = claudeStarted.sessionId();
            if (Feedback.attempt(() -> administration.finishClaude(session, claudeCode, user.actor()),
                    "Claude Code token stored for the fleet") != null) {
                claudeStarted = null;
                loaded = null;
                claudeHistory = null;
            }
            claudeCode = null;
        }
    }

    public void saveClaudeToken() {
        if (!user.mayChange()) {
            return;
        }
        Instant expires = null;
        if (claudeExpiresAt != null && !claudeExpiresAt.isBlank()) {
            expires = Timestamps.parse(claudeExpiresAt.trim()).orElse(null);
            if (expires == null) {
                Feedback.fieldError("providers:claudeExpiresAt", "Expires at is an RFC 3339 time, for example 2027-12-31T00:00:00Z");
                return;
            }
        }
        Instant expiresAt = expires;
        if (Feedback.attempt(() -> administration.setClaude(claudeToken, expiresAt, user.actor()), "Claude Code token stored for the fleet") != null) {
            loaded = null;
            claudeHistory = null;
        }
        claudeToken = null;
    }

    public CodexDeviceFlow.Started getCodexStarted() {
        return codexStarted;
    }

    public CodexDeviceFlow.Progress getCodexProgress() {
        return codexProgress;
    }

    public ClaudeSetup.Started getClaudeStarted() {
        return claudeStarted;
    }

    public String getClaudeCode() {
        return claudeCode;
    }

    public void setClaudeCode(String claudeCode) {
        this.claudeCode = claudeCode;
    }

    public String getClaudeToken() {
        return claudeToken;
    }

    public void setClaudeToken(String claudeToken) {
        this.claudeToken = claudeToken;
    }

    public String getClaudeExpiresAt() {
        return claudeExpiresAt;
    }

    public void setClaudeExpiresAt(String claudeExpiresAt) {
        this.claudeExpiresAt = claudeExpiresAt;
    }
}
