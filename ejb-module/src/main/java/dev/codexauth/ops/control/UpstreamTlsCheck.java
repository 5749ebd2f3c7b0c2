package dev.codexauth.ops.control;

import dev.codexauth.provider.control.ProviderSettings;
import dev.codexauth.usage.control.ChatgptUsageSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Refuses to deploy when an upstream that receives the fleet's credentials is reached over plain HTTP: the Claude
 * token endpoint gets sign-in codes and returns tokens, the Codex issuer does the same for ChatGPT accounts, and the
 * quota endpoint gets the canonical access token. Plain HTTP stays allowed to this machine itself (a local stub or a
 * TLS-terminating proxy beside the server).
 */
@Singleton
@Startup
public class UpstreamTlsCheck {

    @Inject
    ProviderSettings providers;

    @Inject
    ChatgptUsageSettings chatgpt;

    @PostConstruct
    void check() {
        requireTls("CLAUDE_OAUTH_TOKEN_URL", providers.claudeTokenUrl());
        requireTls("CODEX_OAUTH_ISSUER", providers.codexIssuer());
        requireTls("CHATGPT_BASE_URL", chatgpt.usageUrl());
    }

    /** @throws IllegalStateException naming the setting, unless the URL is https or http to a loopback address */
    public static void requireTls(String setting, String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(setting + " is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && isLoopback(uri.getHost()))) {
            throw new IllegalStateException(setting + " must be an https: URL (plain http only to this machine): it carries credentials");
        }
    }

    private static boolean isLoopback(String host) {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (name.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!name.matches("[0-9.]+") && !name.contains(":")) {
            return false; // a name other than localhost is not resolved: DNS decides nothing here
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
