package dev.codexauth.system;

import dev.codexauth.db.TestDatabase;
import jakarta.json.JsonObject;
import java.util.Map;

/**
 * A second shared server, on a database of its own, with every rate limit off: for the tests that send thousands of
 * requests from one address (the fuzzer, sqlmap) and for the fuzzer's changes to the fleet, which must not reach the
 * shared server's tests. Started on first use, stopped when the test run ends.
 */
final class UnlimitedServer {

    private static TestDatabase database;
    private static RunningServer server;
    private static String adminToken;
    private static long adminTokenId;

    private UnlimitedServer() {
    }

    static synchronized RunningServer server() {
        if (server == null) {
            database = TestDatabase.create("unlimited");
            Map<String, String> settings = RunningServer.ownNodeSettings(database);
            settings.put("SETTINGS_CACHE_MILLIS", "0");
            settings.put("RATE_LIMIT_GLOBAL_PER_MINUTE", "0");
            settings.put("RATE_LIMIT_AUTH_FAIL_COUNT", "0");
            settings.put("ADMIN_RATE_LIMIT_PER_MINUTE", "0");
            settings.put("ADMIN_LOGIN_IP_MAX_FAILURES", "0");
            settings.putAll(ClerkStub.shared().serverSettings());
            settings.put("STRIPE_WEBHOOK_SECRET", People.STRIPE_SECRET);
            settings.put("CLERK_WEBHOOK_SECRET", People.CLERK_SECRET);
            settings.putAll(ProviderStub.shared().serverSettings());
            server = RunningServer.startForManyClasses("unlimited", settings);
            adminToken = StandaloneAdmin.token(server);
            JsonObject tokens = StandaloneAdmin.admin(server, adminToken, "GET", "/admin/api/api-tokens", null).data();
            adminTokenId = tokens.getJsonArray("tokens").getJsonObject(0).getJsonNumber("id").longValue();
        }
        return server;
    }

    static TestDatabase database() {
        server();
        return database;
    }

    static String adminToken() {
        server();
        return adminToken;
    }

    static long adminTokenId() {
        server();
        return adminTokenId;
    }

    /** A host registered just now, with its key. */
    static String newHostKey(String fqdn) {
        HttpResult registered = StandaloneAdmin.admin(server(), adminToken, "POST", "/admin/api/hosts/register", Fleet.json("fqdn", fqdn));
        if (registered.status() != 200) {
            throw new IllegalStateException("registering " + fqdn + " for the fuzzer failed: " + registered);
        }
        return registered.data().getJsonObject("host").getString("api_key");
    }

    static synchronized void stop() {
        if (server != null) {
            server.close();
            database.close();
            server = null;
        }
    }
}
