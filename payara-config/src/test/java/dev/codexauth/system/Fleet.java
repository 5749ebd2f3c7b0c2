package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a system test does to the shared server: admin calls with an API token (after the bootstrap admin
 * changed its password), hosts registered through the admin API, and host calls from chosen client IPs through
 * the trusted proxy address.
 */
public final class Fleet {

    static final String TRUSTED_PROXY = "127.0.0.2";
    static final String BOOTSTRAP_PASSWORD = "bootstrap-Secret-2026";
    static final String ADMIN_PASSWORD = "rotated-Secret-2026!";
    static final String RUNNER_TOKEN = "runner-only-credential-7f3a";
    static final String INSTALLATION_ID = "8d7f6f0e-6a0b-4f43-9a7e-0c1c2a3b4d5e";

    private static final AtomicInteger NEXT_IP = new AtomicInteger(1);
    private static final AtomicInteger NEXT_HOST = new AtomicInteger(1);
    private static String adminToken;
    private static String viewerToken;

    /** A registered host: its id, name and plaintext key. */
    public record HostKey(long id, String fqdn, String key, String installerToken) {
    }

    private Fleet() {
    }

    public static RunningServer server() {
        return RunningServer.shared();
    }

    /** A client IP no other test uses (its own rate-limit buckets and IP binding). */
    public static String freshIp() {
        int n = NEXT_IP.getAndIncrement();
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    /** A host call from {@code clientIp}, forwarded by the trusted proxy. */
    public static HttpResult host(String clientIp, String method, String path, String key, String body) {
        return host(clientIp, method, path, key, body, Map.of());
    }

    /** A host call with extra request headers. */
    public static HttpResult host(String clientIp, String method, String path, String key, String body, Map<String, String> extra) {
        return host(server(), clientIp, method, path, key, body, extra);
    }

    /** A host call to a given node. */
    public static HttpResult host(RunningServer node, String clientIp, String method, String path, String key, String body,
                                  Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("X-Forwarded-For", clientIp);
        if (key != null) {
            headers.put("X-API-Key", key);
        }
        return RawHttp.send(TRUSTED_PROXY, node.port(), method, path, headers, body);
    }

    /** A call with exactly these headers from 127.0.0.1, which is not a trusted proxy. */
    public static HttpResult direct(String method, String path, Map<String, String> headers, String body) {
        return RawHttp.send("127.0.0.1", server().port(), method, path, headers, body);
    }

    public static HttpResult admin(String method, String path, String body) {
        return withToken(adminToken(), method, path, body);
    }

    public static HttpResult viewer(String method, String path, String body) {
        return withToken(viewerToken(), method, path, body);
    }

    /** An admin API call to one node of a cluster. */
    public static HttpResult admin(RunningServer node, String method, String path, String body) {
        return withToken(node, adminToken(), method, path, body);
    }

    public static HttpResult withToken(String token, String method, String path, String body) {
        return withToken(server(), token, method, path, body);
    }

    private static HttpResult withToken(RunningServer node, String token, String method, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return RawHttp.send("127.0.0.1", node.port(), method, path, headers, body);
    }

    public static HostKey register(String body) {
        HttpResult result = admin("POST", "/admin/api/hosts/register", body);
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        JsonObject data = result.data();
        return new HostKey(data.getJsonObject("host").getJsonNumber("id").longValue(), data.getJsonObject("host").getString("fqdn"),
                data.getJsonObject("host").getString("api_key"), data.getJsonObject("installer").getString("token"));
    }

    public static HostKey newHost() {
        return register("{\"fqdn\":\"host-" + NEXT_HOST.getAndIncrement() + ".fleet.test\"}");
    }

    public static void sql(String... statements) {
        try (Connection connection = RunningServer.sharedDatabase().connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the canonical auth.json, so a test starts from an empty fleet. */
    public static void forgetCanonical() {
        sql("DELETE FROM versions WHERE name = 'canonical_payload_id'", "DELETE FROM host_auth_states", "DELETE FROM auth_payloads");
    }

    /** The first column of the first row, as a long when it is a number. */
    public static Object scalar(String sql) {
        try (Connection connection = RunningServer.sharedDatabase().connect(); Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                return null;
            }
            Object value = rows.getObject(1);
            return value instanceof Number number ? number.longValue() : value;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A retrieve body that matches the canonical auth.json, stored first (through this node) when the fleet has none. */
    public static String inSyncRetrieve(RunningServer node, HostKey laptop, String ip) {
        String probe = json("command", "retrieve", "digest", "0".repeat(64), "last_refresh", "2025-01-01T00:00:00Z");
        JsonObject answer = host(node, ip, "POST", "/auth", laptop.key(), probe, Map.of()).data();
        if (answer.isNull("canonical_digest")) {
            RunnerStub.shared().answerOk();
            JsonObject auth = Json.createObjectBuilder().add("last_refresh", "2026-12-01T10:00:00.123456789Z")
                    .add("auths", Json.createObjectBuilder().add("api.openai.com",
                            Json.createObjectBuilder().add("token", "sk-clustertest-9fQz7Lx2canonical"))).build();
            HttpResult stored = host(node, ip, "POST", "/auth", laptop.key(),
                    Json.createObjectBuilder().add("command", "store").add("auth", auth).build().toString(), Map.of());
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
            answer = host(node, ip, "POST", "/auth", laptop.key(), probe, Map.of()).data();
        }
        return json("command", "retrieve", "digest", answer.getString("canonical_digest"),
                "last_refresh", answer.getString("canonical_last_refresh"));
    }

    /** Sends this in-sync retrieve {@code times} times through the node; each must be answered "valid". */
    public static void retrieveInSync(RunningServer node, HostKey laptop, String ip, String inSync, int times) {
        for (int i = 0; i < times; i++) {
            HttpResult answer = host(node, ip, "POST", "/auth", laptop.key(), inSync, Map.of());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.data().getString("status")).isEqualTo("valid");
        }
    }

    public static String json(Object... keysAndValues) {
        var builder = Json.createObjectBuilder();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            String key = (String) keysAndValues[i];
            if (value == null) {
                builder.addNull(key);
            } else if (value instanceof JsonObject object) {
                builder.add(key, object);
            } else if (value instanceof Boolean flag) {
                builder.add(key, flag);
            } else if (value instanceof Number number) {
                builder.add(key, number.longValue());
            } else {
                builder.add(key, value.toString());
            }
        }
        return builder.build().toString();
    }

    static synchronized String adminToken() {
        if (adminToken == null) {
            AdminSession session = AdminSession.signIn("admin", BOOTSTRAP_PASSWORD);
            assertThat(session.get("/admin/api/session").data().getBoolean("must_change_password")).isTrue();
            HttpResult changed = session.post("/admin/api/session/password",
                    json("current_password", BOOTSTRAP_PASSWORD, "new_password", ADMIN_PASSWORD));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            adminToken = createToken(session, "system tests", "admin");
            viewerToken = createToken(session, "system tests (read only)", "viewer");
        }
        return adminToken;
    }

    /** A signed-in session of the bootstrap admin, after its first-sign-in password change. */
    static AdminSession adminSession() {
        adminToken();
        return AdminSession.signIn("admin", ADMIN_PASSWORD);
    }

    static synchronized String viewerToken() {
        adminToken();
        return viewerToken;
    }

    private static String createToken(AdminSession session, String label, String role) {
        HttpResult created = session.post("/admin/api/api-tokens", json("label", label, "role", role, "expires_in_days", 2));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.data().getString("secret");
    }
}
