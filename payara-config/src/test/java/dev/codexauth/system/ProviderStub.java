package dev.codexauth.system;

import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Stand-ins for Anthropic's and OpenAI's sign-in endpoints (the real ones are not reachable from tests): a token
 * endpoint that checks the PKCE verifier against the challenge the test registered, and OpenAI's device
 * authorization, which hands out a code once the test says the person entered it.
 */
final class ProviderStub {

    static final String CLAUDE_TOKEN = "sk-ant-oat01-fleet-test-token-0123456789";
    static final String CODEX_ACCOUNT = "acct-fleet-test";

    private static ProviderStub shared;

    private final HttpServer server;
    private final Map<String, String> challengeByCode = new HashMap<>();
    private volatile boolean codeEntered;
    private volatile int devicePolls;

    private ProviderStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/claude/token", this::claudeToken);
        server.createContext("/openai/api/accounts/deviceauth/usercode", exchange -> respond(exchange, 200,
                "{\"device_auth_id\":\"dev-auth-1\",\"user_code\":\"ABCD-1234\",\"interval\":\"1\"}"));
        server.createContext("/openai/api/accounts/deviceauth/token", exchange -> {
            devicePolls++;
            if (!codeEntered) {
                respond(exchange, 403, "{\"error\":\"authorization_pending\"}");
            } else {
                respond(exchange, 200, "{\"authorization_code\":\"device-code-1\",\"code_verifier\":\"verifier-1\",\"code_challenge\":\"c\"}");
            }
        });
        server.createContext("/openai/oauth/token", this::openAiToken);
        server.start();
    }

    static synchronized ProviderStub shared() {
        if (shared == null) {
            try {
                shared = new ProviderStub();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    Map<String, String> serverSettings() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("CLAUDE_OAUTH_AUTHORIZE_URL", base + "/claude/authorize", "CLAUDE_OAUTH_TOKEN_URL", base + "/claude/token",
                "CODEX_OAUTH_ISSUER", base + "/openai");
    }

    /** The authorization code Anthropic would show for the sign-in whose authorize URL carried {@code challenge}. */
    synchronized String codeFor(String challenge) {
        String code = "code-" + challenge.substring(0, 8);
        challengeByCode.put(code, challenge);
        return code;
    }

    void enterUserCode() {
        codeEntered = true;
    }

    int devicePolls() {
        return devicePolls;
    }

    private synchronized void claudeToken(HttpExchange exchange) throws IOException {
        JsonObject request = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
                .readObject();
        String challenge = challengeByCode.remove(request.getString("code", ""));
        if (challenge == null || !challenge.equals(s256(request.getString("code_verifier", "")))) {
            respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        respond(exchange, 200, "{\"access_token\":\"" + CLAUDE_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":31536000}");
    }

    private void openAiToken(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] parts = pair.split("=", 2);
            form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        if (!"device-code-1".equals(form.get("code")) || !"verifier-1".equals(form.get("code_verifier"))) {
            respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        String idToken = new PlainJWT(new PlainHeader(), new JWTClaimsSet.Builder().subject("user-1")
                .claim("https://api.openai.com/auth", Map.of("chatgpt_account_id", CODEX_ACCOUNT)).build()).serialize();
        String accessToken = new PlainJWT(new PlainHeader(), new JWTClaimsSet.Builder().subject("user-1")
                .expirationTime(Date.from(now.plusSeconds(864_000))).build()).serialize();
        respond(exchange, 200, "{\"id_token\":\"" + idToken + "\",\"access_token\":\"" + accessToken + "\",\"refresh_token\":\"rt-fleet-test\"}");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
