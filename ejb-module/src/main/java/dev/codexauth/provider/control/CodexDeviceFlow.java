package dev.codexauth.provider.control;

import com.nimbusds.jwt.JWTParser;
import dev.codexauth.auth.control.CanonicalAuth;
import dev.codexauth.auth.control.TokenRules;
import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.console.control.CanonicalAdministration;
import dev.codexauth.http.ApiException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The Codex credential by OpenAI's device authorization, as {@code codex login --device-auth} does it: the server
 * asks for a user code, the admin enters it at the verification URL, and the server polls (in the background, on
 * whichever node holds the flow's lease) until it gets an authorization code, exchanges it (PKCE) and stores the
 * result as a new canonical auth.json, versioned like an upload, so every host picks it up.
 */
@Stateless
public class CodexDeviceFlow {

    static final String KIND = "codex_device";
    static final Duration LIFETIME = Duration.ofMinutes(15);

    public record Started(String sessionId, String userCode, String verificationUrl, long expiresIn, int interval) {
    }

    /** A flow as admins follow it. */
    public record Progress(String sessionId, String status, String detail, String userCode, String verificationUrl) {
    }

    @Inject
    ProviderSettings settings;

    @EJB
    ProviderFlows flows;

    @EJB
    CanonicalAdministration canonical;

    @Inject
    TokenRules tokenRules;

    public Started start(String admin) {
        OAuthHttp.Answer answer = OAuthHttp.postJson(settings.codexIssuer() + "/api/accounts/deviceauth/usercode",
                Json.createObjectBuilder().add("client_id", settings.codexClientId()).build().toString());
        String deviceAuthId = text(answer.body(), "device_auth_id");
        String userCode = text(answer.body(), "user_code") != null ? text(answer.body(), "user_code") : text(answer.body(), "usercode");
        if (!answer.ok() || deviceAuthId == null || userCode == null) {
            throw OAuthHttp.upstream("the device code endpoint answered " + answer.status());
        }
        int interval = answer.body().get("interval") instanceof JsonNumber n && n.isIntegral() ? Math.max(1, Math.min(n.intValue(), 60))
                : answer.body().get("interval") instanceof JsonString s && s.getString().matches("[0-9]{1,2}") ? Math.max(1, Integer.parseInt(s.getString())) : 5;
        String url = settings.codexIssuer() + "/codex/device";
        String id = flows.create(KIND, deviceAuthId, userCode, url, interval, LIFETIME, admin);
        return new Started(id, userCode, url, LIFETIME.toSeconds(), interval);
    }

    public Progress progress(String id) {
        ProviderFlows.Flow flow = flows.find(id, KIND);
        String status = "pending".equals(flow.status()) && flow.expired() ? "expired" : flow.status();
        return new Progress(flow.id(), status, flow.detail(), flow.userCode(), flow.verificationUrl());
    }

    /** Polls the flow once; called by {@link CodexDevicePoller} on the node that holds its lease. */
    public void pollOnce(String id) {
        ProviderFlows.Flow flow = flows.find(id, KIND);
        if (!"pending".equals(flow.status())) {
            return;
        }
        if (flow.expired()) {
            flows.finish(id, "expired", "the user code was not entered in time");
            return;
        }
        OAuthHttp.Answer answer;
        try {
            answer = OAuthHttp.postJson(settings.codexIssuer() + "/api/accounts/deviceauth/token", Json.createObjectBuilder()
                    .add("device_auth_id", flow.secret()).add("user_code", flow.userCode()).build().toString());
        } catch (ApiException unreachable) {
            flows.pollAgainIn(id, Duration.ofSeconds(flow.interval()));
            return;
        }
        if (answer.status() == 403 || answer.status() == 404 || answer.status() == 428) {
            flows.pollAgainIn(id, Duration.ofSeconds(flow.interval()));
            return;
        }
        String code = text(answer.body(), "authorization_code");
        String verifier = text(answer.body(), "code_verifier");
        if (!answer.ok() || code == null || verifier == null) {
            flows.finish(id, "failed", "the device token endpoint answered " + answer.status());
            return;
        }
        OAuthHttp.Answer tokens = OAuthHttp.postForm(settings.codexIssuer() + "/oauth/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", settings.codexIssuer() + "/deviceauth/callback", "client_id", settings.codexClientId(),
                "code_verifier", verifier));
        if (!tokens.ok() || text(tokens.body(), "access_token") == null || text(tokens.body(), "id_token") == null) {
            flows.finish(id, "failed", "the token endpoint answered " + tokens.status());
            return;
        }
        JsonObject auth = Json.createObjectBuilder().addNull("OPENAI_API_KEY")
                .add("tokens", Json.createObjectBuilder().add("id_token", text(tokens.body(), "id_token"))
                        .add("access_token", text(tokens.body(), "access_token"))
                        .add("refresh_token", text(tokens.body(), "refresh_token") == null ? "" : text(tokens.body(), "refresh_token"))
                        .add("account_id", accountId(text(tokens.body(), "id_token"))))
                .add("last_refresh", DateTimeFormatter.ISO_INSTANT.format(Instant.now())).build();
        try {
            canonical.upload(CanonicalAuth.canonicalize(auth, tokenRules.minLength(), "auth"), null,
                    new AuditTrail.Actor(flow.startedBy(), "device_flow", null, null, null));
        } catch (ApiException refused) {
            flows.finish(id, "failed", "the new auth.json was refused: " + refused.getMessage());
            return;
        }
        flows.finish(id, "succeeded", null);
    }

    /** The ChatGPT account id Codex keeps beside its tokens, from the id token's OpenAI claims (read, not verified). */
    private static String accountId(String idToken) {
        try {
            Object claims = JWTParser.parse(idToken).getJWTClaimsSet().getClaim("https://api.openai.com/auth");
            if (claims instanceof Map<?, ?> auth && auth.get("chatgpt_account_id") instanceof String account) {
                return account;
            }
        } catch (ParseException notAJwt) {
            return "";
        }
        return "";
    }

    private static String text(JsonObject body, String name) {
        return body.get(name) instanceof JsonString value && !value.getString().isBlank() ? value.getString() : null;
    }
}
