package dev.codexauth.provider.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The Claude Code credential by OAuth authorization code with PKCE (RFC 7636, S256), as {@code claude setup-token}
 * does it: the admin opens the authorize URL, signs in at Anthropic, pastes the code shown there (which may come as
 * {@code code#state}), and the server exchanges it and keeps the token as the fleet's credential.
 */
@Stateless
public class ClaudeSetup {

    static final Duration LIFETIME = Duration.ofMinutes(15);
    static final String KIND = "claude_pkce";

    public record Started(String authorizeUrl, String sessionId, long expiresIn) {
    }

    @Inject
    ProviderSettings settings;

    @EJB
    ProviderFlows flows;

    @EJB
    ProviderCredentials credentials;

    public Started start(String admin) {
        String verifier = Hashes.randomUrlSafe(48);
        String state = Hashes.randomUrlSafe(24);
        String id = flows.create(KIND, verifier + " " + state, null, null, null, LIFETIME, admin);
        String url = settings.claudeAuthorizeUrl() + "?code=true&response_type=code&client_id=" + encode(settings.claudeClientId())
                + "&redirect_uri=" + encode(settings.claudeRedirectUri()) + "&scope=" + encode(settings.claudeScopes())
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256&state=" + state;
        return new Started(url, id, LIFETIME.toSeconds());
    }

    /** Exchanges the pasted code; the flow ends either way, so a code is tried once. */
    public ProviderCredentials.Summary callback(String sessionId, String pasted, String admin) {
        ProviderFlows.Flow flow = flows.find(sessionId, KIND);
        if (!"pending".equals(flow.status())) {
            throw new ApiException(409, "already_used", "this setup session already " + flow.status());
        }
        if (flow.expired()) {
            flows.finish(flow.id(), "expired", null);
            throw new ApiException(410, "expired", "this setup session expired; start again");
        }
        String[] secret = flow.secret().split(" ");
        String code = pasted.trim();
        String state = secret[1];
        int hash = code.indexOf('#');
        if (hash >= 0) {
            if (!code.substring(hash + 1).equals(state)) {
                throw new ApiException(400, "state_mismatch", "the code belongs to another sign-in");
            }
            code = code.substring(0, hash);
        }
        OAuthHttp.Answer answer = OAuthHttp.postJson(settings.claudeTokenUrl(), Json.createObjectBuilder()
                .add("grant_type", "authorization_code").add("code", code).add("redirect_uri", settings.claudeRedirectUri())
                .add("client_id", settings.claudeClientId()).add("code_verifier", secret[0]).add("state", state).build().toString());
        if (answer.status() >= 400 && answer.status() < 500) {
            String reason = answer.body().get("error") instanceof JsonString error ? error.getString() : "HTTP " + answer.status();
            flows.finish(flow.id(), "failed", "the code was refused (" + reason + ")");
            throw new ApiException(400, "invalid_code", "Anthropic refused the code (" + shortened(reason)
                    + "); start the sign-in again and paste the code it shows");
        }
        if (!answer.ok() || !(answer.body().get("access_token") instanceof JsonString token) || token.getString().isBlank()) {
            flows.finish(flow.id(), "failed", "token endpoint answered " + answer.status());
            throw OAuthHttp.upstream("the token endpoint answered " + answer.status());
        }
        Instant expires = answer.body().get("expires_in") instanceof JsonNumber seconds && seconds.isIntegral()
                ? Instant.now().plusSeconds(Math.min(seconds.longValue(), 10L * 365 * 24 * 3600)) : null;
        flows.finish(flow.id(), "succeeded", null);
        return credentials.store(ProviderCredentials.CLAUDE, token.getString(), expires, admin);
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** An upstream error code as shown to the admin: short, and only characters an OAuth error code uses. */
    private static String shortened(String reason) {
        String safe = reason.replaceAll("[^A-Za-z0-9_ .-]", "");
        return safe.length() <= 64 ? safe : safe.substring(0, 64);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
