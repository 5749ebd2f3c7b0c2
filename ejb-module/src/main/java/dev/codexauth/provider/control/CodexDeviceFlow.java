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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
    static final Duration MAX_LIFETIME = Duration.ofMinutes(30);
    static final int MAX_INTERVAL = 60;

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

    @EJB
    AuditTrail audit;

    public Started start(String admin) {
        OAuthHttp.Answer answer = OAuthHttp.postJson(settings.codexIssuer() + "/api/accounts/deviceauth/usercode",
                Json.createObjectBuilder().add("client_id", settings.codexClientId()).build().toString());
        String deviceAuthId = text(answer.body(), "device_auth_id");
        String userCode = text(answer.body(), "user_code") != null ? text(answer.body(), "user_code") : text(answer.body(), "usercode");
        if (!answer.ok() || deviceAuthId == null || userCode == null) {
            throw OAuthHttp.upstream("the device code endpoint answered " + answer.status());
        }
        int interval = (int) seconds(answer.body(), "interval", 1, MAX_INTERVAL).orElse(5L).longValue();
        Duration lifetime = seconds(answer.body(), "expires_in", 5, MAX_LIFETIME.toSeconds()).map(Duration::ofSeconds).orElse(LIFETIME);
        String url = settings.codexIssuer() + "/codex/device";
        String id = flows.create(KIND, deviceAuthId, userCode, url, interval, lifetime, admin);
        return new Started(id, userCode, url, lifetime.toSeconds(), interval);
    }

    public Progress progress(String id) {
        ProviderFlows.Flow flow = flows.find(id, KIND);
        String status = "pending".equals(flow.status()) && flow.expired() ? "expired" : flow.status();
        return new Progress(flow.id(), status, flow.detail(), flow.userCode(), flow.verificationUrl());
    }

    /**
     * Polls the flow once; called by {@link CodexDevicePoller} on the node that holds its lease. Answers are read as
     * RFC 8628 §3.5 and Codex read them: 403/404 and {@code authorization_pending} wait, {@code slow_down} (or 429)
     * adds five seconds to the interval, {@code access_denied} and {@code expired_token} end the flow, and an
     * unreachable provider or a 5xx is retried at the interval until the flow expires.
     */
    public void pollOnce(String id) {
        ProviderFlows.Flow flow = flows.find(id, KIND);
        if (!"pending".equals(flow.status())) {
            return;
        }
        if (flow.expired()) {
            end(flow, "expired", "the user code was not entered in time");
            return;
        }
        int interval = flow.interval() == null ? 5 : flow.interval();
        OAuthHttp.Answer answer;
        try {
            answer = OAuthHttp.postJson(settings.codexIssuer() + "/api/accounts/deviceauth/token", Json.createObjectBuilder()
                    .add("device_auth_id", flow.secret()).add("user_code", flow.userCode()).build().toString());
        } catch (ApiException unreachable) {
            flows.pollAgainIn(id, interval, "the provider could not be reached; retrying");
            return;
        }
        String error = errorCode(answer.body());
        if (answer.status() >= 500) {
            flows.pollAgainIn(id, interval, "the device token endpoint answered " + answer.status() + "; retrying");
        } else if ("slow_down".equals(error) || answer.status() == 429) {
            flows.pollAgainIn(id, Math.min(interval + 5, MAX_INTERVAL), "the provider asked to poll more slowly");
        } else if ("access_denied".equals(error)) {
            end(flow, "failed", "the person declined the sign-in (access_denied)");
        } else if ("expired_token".equals(error)) {
            end(flow, "expired", "the user code expired before it was entered (expired_token)");
        } else if ("authorization_pending".equals(error) || answer.status() == 403 || answer.status() == 404 || answer.status() == 428) {
            flows.pollAgainIn(id, interval, null);
        } else if (!answer.ok() || text(answer.body(), "authorization_code") == null || text(answer.body(), "code_verifier") == null) {
            end(flow, "failed", "the device token endpoint answered " + answer.status() + (error == null ? "" : " (" + error + ")"));
        } else {
            exchange(flow, text(answer.body(), "authorization_code"), text(answer.body(), "code_verifier"));
        }
    }

    /** Exchanges the authorization code (PKCE) and stores the tokens as the new canonical auth.json. */
    private void exchange(ProviderFlows.Flow flow, String code, String verifier) {
        OAuthHttp.Answer tokens;
        try {
            tokens = OAuthHttp.postForm(settings.codexIssuer() + "/oauth/token", Map.of("grant_type", "authorization_code",
                    "code", code, "redirect_uri", settings.codexIssuer() + "/deviceauth/callback", "client_id", settings.codexClientId(),
                    "code_verifier", verifier));
        } catch (ApiException unreachable) {
            end(flow, "failed", "the token endpoint could not be reached; start again");
            return;
        }
        if (!tokens.ok() || text(tokens.body(), "access_token") == null || text(tokens.body(), "id_token") == null) {
            end(flow, "failed", "the token endpoint answered " + tokens.status());
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
            end(flow, "failed", "the new auth.json was refused: " + refused.getMessage());
            return;
        }
        end(flow, "succeeded", null);
    }

    /** Ends the flow and audits how, in the name of the admin who started it (the upload of a success is audited too). */
    private void end(ProviderFlows.Flow flow, String status, String detail) {
        if (flows.finish(flow.id(), status, detail)) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("status", status);
            if (detail != null) {
                outcome.put("detail", detail);
            }
            audit.recordIndependently(new AuditTrail.Actor(flow.startedBy(), "device_flow", null, null, null), "provider.codex.setup_end",
                    "provider_flow", flow.id(), null, outcome, "succeeded".equals(status) ? "ok" : "error");
        }
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

    /** The OAuth error code: {@code "error": "slow_down"}, or OpenAI's {@code "error": {"code": ...}}. */
    private static String errorCode(JsonObject body) {
        if (body.get("error") instanceof JsonObject error) {
            return text(error, "code");
        }
        return text(body, "error");
    }

    /** A whole number of seconds in {@code [min, max]}, sent as a number or a digit string; empty when absent or not one. */
    private static Optional<Long> seconds(JsonObject body, String name, long min, long max) {
        Long value = body.get(name) instanceof JsonNumber n && n.isIntegral() ? n.longValue()
                : body.get(name) instanceof JsonString s && s.getString().matches("[0-9]{1,6}") ? Long.valueOf(s.getString()) : null;
        return Optional.ofNullable(value).map(v -> Math.max(min, Math.min(v, max)));
    }

    private static String text(JsonObject body, String name) {
        return body.get(name) instanceof JsonString value && !value.getString().isBlank() ? value.getString() : null;
    }
}
