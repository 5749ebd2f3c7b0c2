package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fleet's shared memories (docs/mcp.md, "Who owns a memory"): admins write them, every host reads them with scope
 * {@code fleet} or {@code all} over MCP and the REST mirror, hosts cannot change them (MCP_FLEET_MEMORY_WRITES is
 * {@code admins} on the test server) and a person's token cannot reach them.
 */
class McpFleetMemoriesIT {

    @Test
    void anAdminsFleetMemoryReachesEveryHostAndNoHostChangesIt() {
        String word = "zephyr" + System.nanoTime();
        String key = "fleet:" + word;
        HttpResult stored = Fleet.admin("PUT", "/admin/api/mcp/memories/fleet/" + key,
                "{\"content\":\"Deploys freeze on Fridays after noon " + word + "\",\"tags\":[\"ops\",\"policy\"]}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.data().getString("status")).isEqualTo("created");
        assertThat(stored.data().getJsonObject("memory").getString("scope")).isEqualTo("fleet");
        assertThat(stored.data().getJsonObject("memory").isNull("host_id")).isTrue();

        McpClient laptop = McpClient.initialized(Fleet.newHost(), "2025-11-25");
        JsonObject found = laptop.call("memory_retrieve", "{\"id\":\"" + key + "\",\"scope\":\"fleet\"}").getJsonObject("structuredContent");
        assertThat(found.getString("status")).isEqualTo("found");
        assertThat(found.getJsonObject("memory").getString("content")).contains("Deploys freeze");
        assertThat(laptop.call("memory_retrieve", "{\"id\":\"" + key + "\"}").getJsonObject("structuredContent").getString("status"))
                .as("without a scope a host works on its own memories, as before").isEqualTo("missing");
        JsonObject read = laptop.result("resources/read", "{\"uri\":\"memory://fleet/" + key + "\"}");
        assertThat(read.getJsonArray("contents").getJsonObject(0).getString("text")).contains("Deploys freeze");

        Fleet.HostKey desktop = Fleet.newHost();
        String desktopIp = Fleet.freshIp();
        Fleet.host(desktopIp, "POST", "/mcp/memories/store", desktop.key(),
                "{\"id\":\"own-note\",\"content\":\"our own rollout notes " + word + "\"}");
        HttpResult both = Fleet.host(desktopIp, "POST", "/mcp/memories/search", desktop.key(),
                "{\"query\":\"" + word + "\",\"scope\":\"all\"}");
        assertThat(both.status()).as(both.body()).isEqualTo(200);
        assertThat(both.data().getJsonArray("matches").getValuesAs(JsonObject.class)).extracting(m -> m.getString("scope") + " " + m.getString("id"))
                .containsExactlyInAnyOrder("fleet " + key, "host own-note");
        HttpResult ownOnly = Fleet.host(desktopIp, "POST", "/mcp/memories/search", desktop.key(), "{\"query\":\"" + word + "\"}");
        assertThat(ownOnly.data().getInt("count")).isOne();

        JsonObject refused = laptop.call("memory_store", "{\"id\":\"" + key + "\",\"content\":\"Deploy whenever\",\"scope\":\"fleet\"}");
        assertThat(refused.getBoolean("isError")).isTrue();
        assertThat(refused.getJsonArray("content").getJsonObject(0).getString("text")).contains("admins write them");
        HttpResult deleteRefused = Fleet.host(desktopIp, "POST", "/mcp/memories/delete", desktop.key(),
                "{\"id\":\"" + key + "\",\"scope\":\"fleet\"}");
        assertThat(deleteRefused.status()).as(deleteRefused.body()).isEqualTo(403);
        assertThat(deleteRefused.json().getString("code")).isEqualTo("fleet_memories_read_only");
        HttpResult badScope = Fleet.host(desktopIp, "POST", "/mcp/memories/search", desktop.key(), "{\"query\":\"x\",\"scope\":\"everyone\"}");
        assertThat(badScope.status()).as(badScope.body()).isEqualTo(422);
        assertThat(badScope.body()).contains("scope must be host, fleet or all");
        assertThat(laptop.call("memory_retrieve", "{\"id\":\"" + key + "\",\"scope\":\"fleet\"}").getJsonObject("structuredContent")
                .getJsonObject("memory").getString("content")).as("the refused store changed nothing").contains("Deploys freeze");
    }

    @Test
    void adminsSearchChangeAndDeleteFleetMemoriesAndEachStoreIsAudited() {
        String word = "borealis" + System.nanoTime();
        String key = "fleet." + word;
        String body = "{\"content\":\"Rotate the signing key every quarter " + word + "\",\"tags\":[\"security\"]}";
        long recordId = Fleet.admin("PUT", "/admin/api/mcp/memories/fleet/" + key, body).data().getJsonObject("memory")
                .getJsonNumber("record_id").longValue();
        assertThat(Fleet.admin("PUT", "/admin/api/mcp/memories/fleet/" + key, body).data().getString("status")).isEqualTo("unchanged");
        assertThat(Fleet.viewer("PUT", "/admin/api/mcp/memories/fleet/" + key, body).status()).as("viewers only read").isEqualTo(403);

        HttpResult fleetOnly = Fleet.admin("GET", "/admin/api/mcp/memories?scope=fleet&q=" + word, null);
        assertThat(fleetOnly.status()).as(fleetOnly.body()).isEqualTo(200);
        assertThat(fleetOnly.data().getJsonArray("matches").getValuesAs(JsonObject.class)).singleElement()
                .satisfies(m -> assertThat(m.getString("id")).isEqualTo(key))
                .satisfies(m -> assertThat(m.getString("scope")).isEqualTo("fleet"));
        assertThat(Fleet.admin("GET", "/admin/api/mcp/memories?scope=fleet&host_id=1", null).status()).isEqualTo(422);
        JsonObject everywhere = Fleet.admin("GET", "/admin/api/mcp/memories?q=" + word, null).data().getJsonArray("matches").getJsonObject(0);
        assertThat(everywhere.getString("scope")).as("a search across owners tells a fleet memory from a deleted host's").isEqualTo("fleet");

        assertThat(Rows.query("SELECT after_state FROM admin_audit WHERE action = 'memory.fleet.store' AND target_id = ?",
                String.valueOf(recordId))).hasSize(2).allSatisfy(row -> assertThat(String.valueOf(row.get("after_state")))
                .contains("content_chars").doesNotContain("Rotate the signing key"));

        assertThat(Fleet.admin("DELETE", "/admin/api/mcp/memories/" + recordId, null).status()).isEqualTo(200);
        Fleet.HostKey host = Fleet.newHost();
        String ip = Fleet.freshIp();
        assertThat(Fleet.host(ip, "POST", "/mcp/memories/retrieve", host.key(), "{\"id\":\"" + key + "\",\"scope\":\"fleet\"}")
                .data().getString("status")).isEqualTo("missing");
        assertThat(Fleet.admin("PUT", "/admin/api/mcp/memories/fleet/" + key, body).data().getString("status"))
                .as("storing the key again revives it").isEqualTo("updated");
    }

    @Test
    void aPersonsTokenReachesNoFleetMemory() {
        McpClient person = McpClient.initializedWithToken(People.activeToken(People.unique("user"), People.unique("org")), "2025-11-25");
        JsonObject refused = person.call("memory_search", "{\"query\":\"\",\"scope\":\"all\"}");
        assertThat(refused.getBoolean("isError")).isTrue();
        assertThat(refused.getJsonArray("content").getJsonObject(0).getString("text")).contains("workspace's memories only");
    }

    @Test
    void racingAdminStoresOfOneNewFleetKeyLeaveOneMemory() throws Exception {
        String key = "raced-fleet-" + System.nanoTime();
        int stores = 6;
        CyclicBarrier start = new CyclicBarrier(stores);
        ExecutorService pool = Executors.newFixedThreadPool(stores);
        List<String> statuses = new ArrayList<>();
        try {
            List<Future<HttpResult>> calls = new ArrayList<>();
            for (int i = 0; i < stores; i++) {
                String body = "{\"content\":\"racer " + i + "\"}";
                calls.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return Fleet.admin("PUT", "/admin/api/mcp/memories/fleet/" + key, body);
                }));
            }
            for (Future<HttpResult> call : calls) {
                HttpResult answer = call.get(60, TimeUnit.SECONDS);
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                statuses.add(answer.data().getString("status"));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(statuses).containsOnlyOnce("created");
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_memories WHERE memory_key = ? AND host_id IS NULL AND workspace_id IS NULL", key))
                .as("a store that lost the race removed its row again").isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_fleet_memories WHERE memory_key = ?", key)).isOne();
    }
}
