package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Settled hosts are answered from memory for at most {@code SETTINGS_CACHE_MILLIS} (MCP callers, sync reads, in-sync
 * retrieves, usage reports) and then read again, for MCP without the full authentication; that re-read still sees rows changed
 * behind the server's back (no invalidation event, as a DBA's statement or another tool would change them). A node
 * with a short cache, on the shared database; nothing here needs its admin application, so the tests do not wait for it.
 */
class SteadyCallersIT {

    private static final long CACHE_MILLIS = 400;

    private static RunningServer node;

    @BeforeAll
    static void start() {
        Map<String, String> settings = RunningServer.sharedSettings();
        settings.put("SETTINGS_CACHE_MILLIS", String.valueOf(CACHE_MILLIS));
        node = RunningServer.startServingHosts("steady-callers", settings);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anMcpCallerReadAgainAfterTheCacheSeesItsHostAndSessionRowsChangedInTheDatabase() throws InterruptedException {
        Fleet.HostKey laptop = Fleet.newHost();
        McpClient mcp = McpClient.initialized(node, laptop.key(), Fleet.freshIp(), "2025-11-25");
        for (int i = 0; i < 3; i++) {
            assertThat(mcp.request("ping", null).status()).isEqualTo(200);
        }
        afterTheCache();
        assertThat(mcp.request("ping", null).status()).as("read again, nothing changed").isEqualTo(200);

        Fleet.sql("UPDATE hosts SET status = 'suspended' WHERE id = " + laptop.id());
        afterTheCache();
        HttpResult suspended = mcp.request("ping", null);
        assertThat(suspended.status()).as(suspended.body()).isEqualTo(403);
        Fleet.sql("UPDATE hosts SET status = 'active' WHERE id = " + laptop.id());
        afterTheCache();
        assertThat(mcp.request("ping", null).status()).isEqualTo(200);

        McpClient elsewhere = new McpClient(node, laptop.key(), Fleet.freshIp());
        elsewhere.session = mcp.session;
        elsewhere.version = mcp.version;
        afterTheCache();
        HttpResult roaming = elsewhere.request("ping", null);
        assertThat(roaming.status()).as("another IP: " + roaming.body()).isEqualTo(403);

        assertThat(mcp.request("ping", null).status()).isEqualTo(200);
        Fleet.sql("UPDATE mcp_sessions SET caller = 'host:0' WHERE id_hash = SHA2('" + mcp.session + "', 256)");
        afterTheCache();
        assertThat(mcp.request("ping", null).status()).as("a session that is no longer the host's").isEqualTo(404);

        McpClient again = McpClient.initialized(node, laptop.key(), mcp.ip, "2025-11-25");
        assertThat(again.request("ping", null).status()).isEqualTo(200);
        Fleet.sql("DELETE FROM mcp_sessions WHERE id_hash = SHA2('" + again.session + "', 256)");
        afterTheCache();
        assertThat(again.request("ping", null).status()).as("a session deleted in the database").isEqualTo(404);
    }

    @Test
    void aSyncReadAfterTheCacheSeesItsHostSuspendedInTheDatabase() throws InterruptedException {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        for (int i = 0; i < 3; i++) {
            assertThat(Fleet.host(node, ip, "POST", "/config/retrieve", laptop.key(), "{}", Map.of()).status()).isEqualTo(200);
        }
        Fleet.sql("UPDATE hosts SET status = 'suspended' WHERE id = " + laptop.id());
        afterTheCache();
        HttpResult refused = Fleet.host(node, ip, "POST", "/config/retrieve", laptop.key(), "{}", Map.of());
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    }

    @Test
    void anInSyncRetrieveAfterTheCacheSeesItsHostSuspendedInTheDatabase() throws InterruptedException {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        String inSync = Fleet.inSyncRetrieve(node, laptop, ip);
        Fleet.retrieveInSync(node, laptop, ip, inSync, 3);
        Fleet.sql("UPDATE hosts SET status = 'suspended' WHERE id = " + laptop.id());
        afterTheCache();
        HttpResult refused = Fleet.host(node, ip, "POST", "/auth", laptop.key(), inSync, Map.of());
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().getString("message")).isEqualTo("Host is disabled");
    }

    @Test
    void aUsageReportAfterTheCacheSeesItsHostSuspendedInTheDatabase() throws InterruptedException {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        String entry = Fleet.json("total", 30, "input", 20, "output", 10, "model", "gpt-5.1");
        assertThat(Fleet.host(node, ip, "POST", "/usage", laptop.key(), entry, Map.of()).status()).as("binds the IP").isEqualTo(200);
        afterTheCache();
        for (int i = 0; i < 3; i++) {
            HttpResult stored = Fleet.host(node, ip, "POST", "/usage", laptop.key(), entry, Map.of());
            assertThat(stored.status()).as(stored.body()).isEqualTo(200);
            assertThat(stored.json().getJsonObject("data").getJsonNumber("host_id").longValue()).isEqualTo(laptop.id());
        }
        Fleet.sql("UPDATE hosts SET status = 'suspended' WHERE id = " + laptop.id());
        afterTheCache();
        HttpResult refused = Fleet.host(node, ip, "POST", "/usage", laptop.key(), entry, Map.of());
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM token_usages WHERE host_id = " + laptop.id()).toString()).isEqualTo("4");
    }

    private static void afterTheCache() throws InterruptedException {
        Thread.sleep(CACHE_MILLIS + 300);
    }
}
