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
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for Anthropic's and OpenAI's sign-in endpoints (the real ones are not reachable from tests): a token
 * endpoint that checks the PKCE verifier against the challenge the test registered, and OpenAI's device
 * authorization, one {@link DeviceFlow} per user code, which hands out a code once the test says the person entered
 * it (or denies, expires, slows down or fails as the test scripts it).
 */
final class ProviderStub {

    static final String CLAUDE_TOKEN = "sk-ant-oat01-fleet-test-token-0123456789";
    static final String CODEX_ACCOUNT = "acct-fleet-test";

    private static ProviderStub shared;

    private final HttpServer server;
    private final Map<String, String> challengeByCode = new HashMap<>();
    private final Map<String, DeviceFlow> deviceFlows = new ConcurrentHashMap<>();
    private final AtomicInteger deviceFlowsStarted = new AtomicInteger();
    private final AtomicInteger failingStarts = new AtomicInteger();
    private volatile Integer nextExpiresIn;
    private volatile boolean claudeTokenFails;

    /**
     * One device sign-in as OpenAI's side sees it, found by its user code. It answers pending until the test enters
     * the code, denies it or lets it expire; answers queued with {@link #answerNext} go first.
     */
    static final class DeviceFlow {
        private final int number;
        private final Deque<String[]> queued = new ConcurrentLinkedDeque<>();
        private final List<Long> pollMillis = new CopyOnWriteArrayList<>();
        private volatile String state = "pending";

        private DeviceFlow(int number) {
            this.number = number;
        }

        void enter() {
            state = "entered";
        }

        void deny() {
            state = "denied";
        }

        void expire() {
            state = "expired";
        }

        /** The next poll gets this status and body, then the flow answers as before. */
        void answerNext(int status, String body) {
            queued.add(new String[] {String.valueOf(status), body});
        }

        /** When each poll arrived (System.currentTimeMillis). */
        List<Long> polls() {
            return pollMillis;
        }
    }

    private ProviderStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/claude/token", this::claudeToken);
        server.createContext("/openai/api/accounts/deviceauth/usercode", this::deviceCode);
        server.createContext("/openai/api/accounts/deviceauth/token", this::deviceToken);
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

    /** The device sign-in that handed out {@code userCode}. */
    DeviceFlow device(String userCode) {
        DeviceFlow flow = deviceFlows.get(userCode);
        if (flow == null) {
            throw new IllegalArgumentException("no device sign-in has the user code " + userCode);
        }
        return flow;
    }

    /** The next {@code count} device sign-ins fail to start (503). */
    void failNextStarts(int count) {
        failingStarts.set(count);
    }

    /** The next device sign-in says its code lives this many seconds. */
    void expiresInOnce(int seconds) {
        nextExpiresIn = seconds;
    }

    /** Anthropic's token endpoint answers 500 until told otherwise. */
    void claudeTokenFails(boolean fails) {
        claudeTokenFails = fails;
    }

    private void deviceCode(HttpExchange exchange) throws IOException {
        if (failingStarts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            respond(exchange, 503, "{\"error\":\"temporarily_unavailable\"}");
            return;
        }
        int number = deviceFlowsStarted.incrementAndGet();
        String userCode = "ABCD-" + (1000 + number);
        deviceFlows.put(userCode, new DeviceFlow(number));
        Integer expiresIn = nextExpiresIn;
        nextExpiresIn = null;
        respond(exchange, 200, "{\"device_auth_id\":\"dev-auth-" + number + "\",\"user_code\":\"" + userCode + "\",\"interval\":\"1\""
                + (expiresIn == null ? "" : ",\"expires_in\":" + expiresIn) + "}");
    }

    private void deviceToken(HttpExchange exchange) throws IOException {
        JsonObject request = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
                .readObject();
        DeviceFlow flow = deviceFlows.get(request.getString("user_code", ""));
        if (flow == null || !("dev-auth-" + flow.number).equals(request.getString("device_auth_id", ""))) {
            respond(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        flow.pollMillis.add(System.currentTimeMillis());
        String[] queued = flow.queued.poll();
        if (queued != null) {
            respond(exchange, Integer.parseInt(queued[0]), queued[1]);
            return;
        }
        switch (flow.state) {
            case "entered" -> respond(exchange, 200, "{\"authorization_code\":\"device-code-" + flow.number + "\",\"code_verifier\":\"verifier-"
                    + flow.number + "\",\"code_challenge\":\"c\"}");
            case "denied" -> respond(exchange, 400, "{\"error\":\"access_denied\"}");
            case "expired" -> respond(exchange, 400, "{\"error\":\"expired_token\"}");
            default -> respond(exchange, 403, "{\"error\":\"authorization_pending\"}");
        }
    }

    private synchronized void claudeToken(HttpExchange exchange) throws IOException {
        JsonObject request = Json.createReader(new StringReader(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
                .readObject();
        if (claudeTokenFails) {
            respond(exchange, 500, "{\"error\":\"server_error\"}");
            return;
        }
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
        String number = form.getOrDefault("code", "").replace("device-code-", "");
        if (!form.getOrDefault("code", "").startsWith("device-code-") || !("verifier-" + number).equals(form.get("code_verifier"))) {
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
