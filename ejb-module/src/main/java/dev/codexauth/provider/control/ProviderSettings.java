package dev.codexauth.provider.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the provider sign-ins go (docs/providers.md). The defaults are the endpoints and public client ids the
 * Claude Code and Codex CLIs use themselves; tests and proxies point them elsewhere.
 */
@ApplicationScoped
public class ProviderSettings {

    @Inject
    @ConfigProperty(name = "claude.oauth.authorize.url", defaultValue = "https://claude.ai/oauth/authorize")
    String claudeAuthorizeUrl;

    @Inject
    @ConfigProperty(name = "claude.oauth.token.url", defaultValue = "https://console.anthropic.com/v1/oauth/token")
    String claudeTokenUrl;

    @Inject
    @ConfigProperty(name = "claude.oauth.client.id", defaultValue = "9d1c250a-e61b-44d9-88ed-5944d1962f5e")
    String claudeClientId;

    @Inject
    @ConfigProperty(name = "claude.oauth.redirect.uri", defaultValue = "https://console.anthropic.com/oauth/code/callback")
    String claudeRedirectUri;

    @Inject
    @ConfigProperty(name = "claude.oauth.scopes", defaultValue = "user:inference")
    String claudeScopes;

    @Inject
    @ConfigProperty(name = "codex.oauth.issuer", defaultValue = "https://auth.openai.com")
    String codexIssuer;

    @Inject
    @ConfigProperty(name = "codex.oauth.client.id", defaultValue = "app_EMoamEEZ73f0CkXaXp7hrann")
    String codexClientId;

    public String claudeAuthorizeUrl() {
        return claudeAuthorizeUrl;
    }

    public String claudeTokenUrl() {
        return claudeTokenUrl;
    }

    public String claudeClientId() {
        return claudeClientId;
    }

    public String claudeRedirectUri() {
        return claudeRedirectUri;
    }

    public String claudeScopes() {
        return claudeScopes;
    }

    public String codexIssuer() {
        return codexIssuer.replaceAll("/+$", "");
    }

    public String codexClientId() {
        return codexClientId;
    }
}
