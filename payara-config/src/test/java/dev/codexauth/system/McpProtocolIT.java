package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MCP server at {@code /mcp} over HTTP against the running server (spec/mcp.md, docs/mcp.md): version
 * negotiation, sessions, the JSON-RPC rules per version, the memory tools and resources, the transport's refusals
 * as JSON-RPC errors, and the host policy.
 */
class McpProtocolIT {

    @Test
    void initializeAnswersTheClientsVersionWhenSupportedElseTheNewest() {
        Fleet.HostKey host = Fleet.newHost();
        for (String version : List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05")) {
            McpClient client = McpClient.initialized(host, version);
            assertThat(client.version).isEqualTo(version);
        }
        McpClient future = McpClient.initialized(host, "2025-11-25");
        HttpResult answer = future.initialize("2099-01-01");
        JsonObject result = answer.json().getJsonObject("result");
        assertThat(result.getString("protocolVersion")).isEqualTo("2025-11-25");
        assertThat(result.getJsonObject("serverInfo").getString("version")).isEqualTo(System.getProperty("project.version"));
        assertThat(result.getJsonObject("capabilities").keySet()).containsExactlyInAnyOrder("tools", "resources");
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_sessions WHERE host_id = ?", host.id())).isEqualTo(6);
    }

    @Test
    void memoriesAreStoredFoundAndDeletedWithStructuredResults() {
        Fleet.HostKey host = Fleet.newHost();
        McpClient mcp = McpClient.initialized(host, "2025-11-25");
        HttpResult initialized = mcp.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", mcp.sessionHeaders());
        assertThat(initialized.status()).isEqualTo(202);
        assertThat(initialized.body()).isEmpty();
        assertThat(mcp.result("ping", null)).isEmpty();

        JsonArray tools = mcp.result("tools/list", null).getJsonArray("tools");
        assertThat(tools.stream().map(t -> t.asJsonObject().getString("name")).toList()).containsExactly("memory_store",
                "memory_retrieve", "memory_search", "memory_append", "memory_query", "memory_list", "memory_delete",
                "resource_read", "resource_list", "resource_create", "resource_update", "resource_delete",
                "fs_read_file", "fs_write_file", "fs_list_dir", "fs_file_exists", "fs_stat", "fs_search_in_files");
        assertThat(tools.stream().map(JsonValue::asJsonObject))
                .allSatisfy(t -> assertThat(t.getJsonObject("outputSchema").getString("type")).isEqualTo("object"));
        JsonObject store = tools.getJsonObject(0);
        assertThat(store.getJsonObject("inputSchema").getJsonArray("required").getString(0)).isEqualTo("content");
        assertThat(store.getJsonObject("outputSchema").getString("type")).isEqualTo("object");

        JsonObject stored = mcp.call("memory_store", "{\"id\":\"deploy-notes\",\"content\":\"The staging cluster deploys with "
                + "blue green switching\",\"tags\":[\"Ops\",\"ops\",\"staging\"],\"metadata\":{}}");
        assertThat(stored.getBoolean("isError")).isFalse();
        JsonObject structured = stored.getJsonObject("structuredContent");
        assertThat(structured.getString("status")).isEqualTo("created");
        assertThat(structured.getJsonObject("memory").getJsonArray("tags")).hasSize(2);
        assertThat(structured.getJsonObject("memory").getJsonObject("metadata")).isEmpty();
        assertThat(parse(stored.getJsonArray("content").getJsonObject(0).getString("text"))).isEqualTo(structured);
        assertThat(mcp.call("memory_retrieve", "{\"id\":\"deploy-notes\"}").getJsonObject("structuredContent").getJsonObject("memory"))
                .as("a new memory is answered as it was stored").isEqualTo(structured.getJsonObject("memory"));
        assertThat(mcp.call("memory_store", "{\"id\":\"deploy-notes\",\"content\":\"The staging cluster deploys with blue green "
                + "switching\",\"tags\":[\"staging\",\"OPS\"],\"metadata\":{}}").getJsonObject("structuredContent").getString("status"))
                .isEqualTo("unchanged");
        JsonObject generated = mcp.call("memory_store", "{\"content\":\"db\",\"tags\":[\"ops\"]}").getJsonObject("structuredContent");
        assertThat(generated.getString("status")).isEqualTo("created");
        assertThat(mcp.call("memory_retrieve", "{\"id\":\"" + generated.getString("id") + "\"}").getJsonObject("structuredContent")
                .getJsonObject("memory")).as("a generated key, too").isEqualTo(generated.getJsonObject("memory"));

        JsonObject found = mcp.call("memory_search", "{\"query\":\"cluster switching\"}").getJsonObject("structuredContent");
        assertThat(found.getInt("count")).isEqualTo(1);
        assertThat(found.getJsonArray("matches").getJsonObject(0).getJsonNumber("score").doubleValue()).isPositive();
        JsonObject shortWord = mcp.call("memory_search", "{\"query\":\"db\"}").getJsonObject("structuredContent");
        assertThat(shortWord.getInt("count")).as("a word below the FULLTEXT minimum falls back to a substring match").isEqualTo(1);
        JsonObject tagged = mcp.call("memory_search", "{\"query\":\"\",\"tags\":[\"OPS\",\"staging\"]}").getJsonObject("structuredContent");
        assertThat(tagged.getJsonArray("matches")).singleElement()
                .satisfies(m -> assertThat(m.asJsonObject().getString("id")).isEqualTo("deploy-notes"));

        JsonObject appended = mcp.call("memory_append", "{\"resource_id\":\"runbook\",\"text\":\"restart the queue first\"}")
                .getJsonObject("structuredContent");
        assertThat(appended.getString("id")).matches("runbook:[0-9a-f]{8}");
        assertThat(mcp.call("memory_list", "{\"resource_id\":\"runbook\"}").getJsonObject("structuredContent").getInt("count")).isOne();
        assertThat(mcp.call("memory_query", "{\"resource_id\":\"runbook\",\"query\":\"queue\"}").getJsonObject("structuredContent")
                .getInt("count")).isOne();

        JsonObject resources = mcp.result("resources/list", null);
        assertThat(resources.getJsonArray("resources")).hasSize(3);
        JsonObject read = mcp.result("resources/read", "{\"uri\":\"memory://deploy-notes\"}");
        assertThat(read.getJsonArray("contents").getJsonObject(0).getString("text")).startsWith("The staging cluster");
        assertThat(mcp.request("resources/read", "{\"uri\":\"memory://nothing-here\"}").json().getJsonObject("error").getInt("code"))
                .isEqualTo(-32002);

        assertThat(mcp.call("memory_delete", "{\"id\":\"deploy-notes\"}").getJsonObject("structuredContent").getString("status"))
                .isEqualTo("deleted");
        assertThat(mcp.call("memory_retrieve", "{\"id\":\"deploy-notes\"}").getJsonObject("structuredContent").getString("status"))
                .isEqualTo("missing");
        assertThat(mcp.call("memory_store", "{\"id\":\"deploy-notes\",\"content\":\"Staging deploys with canaries now\","
                + "\"tags\":[\"canary\"]}").getJsonObject("structuredContent").getString("status"))
                .as("a deleted key stored again is the same memory, updated").isEqualTo("updated");
        JsonObject restored = mcp.call("memory_retrieve", "{\"id\":\"deploy-notes\"}").getJsonObject("structuredContent").getJsonObject("memory");
        assertThat(restored.getString("content")).isEqualTo("Staging deploys with canaries now");
        assertThat(restored.getJsonArray("tags").getValuesAs(JsonString::getString)).containsExactly("canary");
        assertThat(mcp.call("memory_search", "{\"query\":\"\",\"tags\":[\"staging\"]}").getJsonObject("structuredContent").getInt("count"))
                .as("its old tags are gone").isZero();

        JsonObject invalid = mcp.call("memory_store", "{\"content\":\"  \",\"id\":\"bad key!\"}");
        assertThat(invalid.getBoolean("isError")).isTrue();
        assertThat(parse(invalid.getJsonArray("content").getJsonObject(0).getString("text")).keySet()).containsExactlyInAnyOrder("id", "content");
        assertThat(mcp.request("tools/call", "{\"name\":\"shell_exec\",\"arguments\":{}}").json().getJsonObject("error").getInt("code"))
                .isEqualTo(-32602);
        assertThat(mcp.request("prompts/list", null).json().getJsonObject("error").getInt("code")).isEqualTo(-32601);

        afterWriteBehind();
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_access_logs WHERE host_id = ? AND method = 'tools/call' AND success = 1"
                + " AND latency_ms IS NOT NULL", host.id())).isGreaterThanOrEqualTo(10);
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_access_logs WHERE host_id = ? AND method = 'tools/call' AND success = 0"
                + " AND name = 'memory_store' AND error_message LIKE '%content is required%'", host.id())).isOne();
    }

    @Test
    void olderClientsGetTextResultsAndOnly2025_03_26MayBatch() {
        Fleet.HostKey host = Fleet.newHost();
        McpClient old = McpClient.initialized(host, "2025-03-26");
        JsonObject stored = old.call("memory_store", "{\"content\":\"plain text clients\"}");
        assertThat(stored.containsKey("structuredContent")).isFalse();
        assertThat(old.result("tools/list", null).getJsonArray("tools").getJsonObject(0).containsKey("outputSchema")).isFalse();

        HttpResult batch = old.post("[{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},{\"id\":7,\"method\":\"ping\"}]", old.sessionHeaders());
        assertThat(batch.status()).isEqualTo(200);
        JsonArray answers = Json.createReader(new StringReader(batch.body())).readArray();
        assertThat(answers).hasSize(2);
        assertThat(answers.getJsonObject(0).getString("id")).isEqualTo("a");
        assertThat(answers.getJsonObject(1).getJsonObject("error").getInt("code")).isEqualTo(-32600);
        assertThat(answers.getJsonObject(1).getInt("id")).isEqualTo(7);
        String store = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"memory_store\","
                + "\"arguments\":{\"content\":\"batched\"}}}";
        HttpResult tooMany = old.post("[" + String.join(",", Collections.nCopies(51, store)) + "]", old.sessionHeaders());
        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
        assertThat(tooMany.json().getJsonObject("error").getInt("code")).isEqualTo(-32600);
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_memories WHERE host_id = ? AND content = 'batched'", host.id()))
                .as("nothing of a refused batch is stored").isZero();

        McpClient current = McpClient.initialized(host, "2025-06-18");
        HttpResult refused = current.post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", current.sessionHeaders());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getJsonObject("error").getInt("code")).isEqualTo(-32600);
        assertThat(refused.json().get("id")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void sessionsAndTheProtocolHeaderAreEnforced() {
        Fleet.HostKey host = Fleet.newHost();
        McpClient mcp = McpClient.initialized(host, "2025-11-25");
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

        HttpResult noSession = mcp.post(ping, Map.of());
        assertThat(noSession.status()).isEqualTo(400);
        assertThat(noSession.json().getJsonObject("error").getInt("code")).isEqualTo(-32000);
        assertThat(mcp.post(ping, Map.of("Mcp-Session-Id", "unknown-session")).status()).isEqualTo(404);
        HttpResult badVersion = mcp.post(ping, Map.of("Mcp-Session-Id", mcp.session, "MCP-Protocol-Version", "2023-01-01"));
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(badVersion.json().getJsonObject("error").getString("message")).contains("2023-01-01");
        assertThat(mcp.post(ping, Map.of("Mcp-Session-Id", mcp.session, "MCP-Protocol-Version", "2025-06-18")).status()).isEqualTo(400);
        assertThat(mcp.post(ping, Map.of("Mcp-Session-Id", mcp.session)).status()).as("no header: the session's version").isEqualTo(200);

        McpClient other = new McpClient(Fleet.server(), Fleet.newHost().key(), Fleet.freshIp());
        assertThat(other.post(ping, Map.of("Mcp-Session-Id", mcp.session)).status()).as("another host's session").isEqualTo(404);

        HttpResult ended = Fleet.host(mcp.ip, "DELETE", "/mcp", mcp.key, null, Map.of("Mcp-Session-Id", mcp.session));
        assertThat(ended.status()).isEqualTo(204);
        assertThat(mcp.post(ping, mcp.sessionHeaders()).status()).isEqualTo(404);
        assertThat(Fleet.host(mcp.ip, "DELETE", "/mcp", mcp.key, null, Map.of("Mcp-Session-Id", mcp.session)).status()).isEqualTo(404);
    }

    @Test
    void transportRefusalsAreJsonRpcErrors() {
        Fleet.HostKey host = Fleet.newHost();
        String ip = Fleet.freshIp();
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}";

        HttpResult anonymous = Fleet.host(ip, "POST", "/mcp", null, init, Map.of("Content-Type", "application/json"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.json().getJsonObject("error").getInt("code")).isEqualTo(-32001);
        assertThat(anonymous.json().getJsonObject("error").getString("message")).isEqualTo("API key missing");

        Map<String, String> bearer = Map.of("Authorization", "Bearer " + host.key(), "Content-Type", "application/json");
        assertThat(Fleet.host(ip, "POST", "/mcp", null, init, bearer).status()).as("the managed config's bearer form").isEqualTo(200);
        HttpResult elsewhere = Fleet.host(Fleet.freshIp(), "POST", "/mcp", null, init, bearer);
        assertThat(elsewhere.status()).as("IP binding").isEqualTo(403);
        assertThat(elsewhere.json().getJsonObject("error").getString("message")).isEqualTo("API key not allowed from this IP");

        HttpResult foreign = Fleet.host(ip, "POST", "/mcp", host.key(), init, Map.of("Origin", "https://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().getJsonObject("error").getInt("code")).isEqualTo(-32099);
        String own = "http://127.0.0.1:" + Fleet.server().port();
        HttpResult browser = Fleet.host(ip, "POST", "/mcp", host.key(), init, Map.of("Origin", own));
        assertThat(browser.status()).isEqualTo(200);
        assertThat(browser.header("Access-Control-Allow-Origin")).isEqualTo(own);
        assertThat(browser.header("Access-Control-Expose-Headers")).contains("Mcp-Session-Id");
        HttpResult preflight = Fleet.host(ip, "OPTIONS", "/mcp", null, null, Map.of("Origin", own,
                "Access-Control-Request-Method", "POST"));
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Mcp-Session-Id", "MCP-Protocol-Version", "Authorization");
        assertThat(Fleet.host(ip, "OPTIONS", "/mcp", null, null, Map.of("Origin", "https://evil.example")).status()).isEqualTo(403);

        HttpResult stream = Fleet.host(ip, "GET", "/mcp", null, null, Map.of("Accept", "text/event-stream"));
        assertThat(stream.status()).isEqualTo(405);
        assertThat(stream.json().getJsonObject("error").getInt("code")).isEqualTo(-32000);

        for (String body : List.of("", "{\"jsonrpc\":")) {
            HttpResult unparsable = Fleet.host(ip, "POST", "/mcp", host.key(), body, Map.of("Content-Type", "application/json"));
            assertThat(unparsable.status()).as(body).isEqualTo(400);
            assertThat(unparsable.json().getJsonObject("error").getInt("code")).isEqualTo(-32700);
        }
        HttpResult html = Fleet.host(ip, "POST", "/mcp", host.key(), init, Map.of("Accept", "text/html"));
        assertThat(html.status()).isEqualTo(406);
        afterWriteBehind();
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_access_logs WHERE method LIKE 'auth:%' AND client_ip = ?", ip)).isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_access_logs WHERE method = 'origin' AND client_ip = ?", ip))
                .as("the refused POST and the refused preflight").isEqualTo(2);
    }

    @Test
    void anInsecureHostNeedsAnOpenWindowWhichACallSlides() {
        Fleet.HostKey kiosk = Fleet.register(Fleet.json("fqdn", "kiosk-" + System.nanoTime() + ".fleet.test", "secure", false));
        McpClient mcp = McpClient.initialized(kiosk, "2025-11-25");
        assertThat(Rows.count("SELECT COUNT(*) FROM hosts WHERE id = ? AND insecure_enabled_until > UTC_TIMESTAMP()", kiosk.id())).isOne();
        Fleet.admin("POST", "/admin/api/hosts/" + kiosk.id() + "/insecure/disable", null);
        HttpResult refused = mcp.request("ping", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().getJsonObject("error").getString("message")).isEqualTo("Insecure host API access disabled");
        assertThat(refused.json().getJsonObject("error").getJsonObject("data").getString("code")).isEqualTo("insecure_api_disabled");
    }

    @Test
    void theRestMirrorSharesServiceValidationAndPolicy() {
        Fleet.HostKey host = Fleet.newHost();
        String ip = Fleet.freshIp();
        HttpResult stored = Fleet.host(ip, "POST", "/mcp/memories/store", host.key(), "{\"key\":\"k1\",\"text\":\"rest mirror memory\"}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(stored.data().getString("status")).isEqualTo("created");
        assertThat(Fleet.host(ip, "POST", "/mcp/memories/retrieve", host.key(), "{\"memory_id\":\"K1\"}").data().getString("status"))
                .as("keys ignore case").isEqualTo("found");
        HttpResult search = Fleet.host(ip, "POST", "/mcp/memories/search", host.key(), "{\"q\":\"mirror\"}");
        assertThat(search.data().getInt("count")).isOne();
        HttpResult invalid = Fleet.host(ip, "POST", "/mcp/memories/store", host.key(), "{\"tags\":\"nope\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().getJsonObject("errors").keySet()).containsExactlyInAnyOrder("content", "tags");
        assertThat(Fleet.host(ip, "DELETE", "/mcp/memories/k1", host.key(), null).data().getString("status")).isEqualTo("deleted");
        assertThat(Fleet.host(ip, "POST", "/mcp/memories/delete", host.key(), "{\"id\":\"k1\"}").data().getString("status"))
                .isEqualTo("missing");

        McpClient other = McpClient.initialized(Fleet.newHost(), "2025-11-25");
        Fleet.host(ip, "POST", "/mcp/memories/store", host.key(), "{\"id\":\"private\",\"content\":\"only mine\"}");
        assertThat(other.call("memory_retrieve", "{\"id\":\"private\"}").getJsonObject("structuredContent").getString("status"))
                .as("hosts never see each other's memories").isEqualTo("missing");
        assertThat(Fleet.host(Fleet.freshIp(), "POST", "/mcp/memories/search", host.key(), "{}").status()).as("IP binding").isEqualTo(403);
    }

    @Test
    void tagsThatDifferOnlyInAccentsAreOneTagToTheFilter() {
        Fleet.HostKey host = Fleet.newHost();
        String ip = Fleet.freshIp();
        HttpResult created = Fleet.host(ip, "POST", "/mcp/memories/store", host.key(),
                "{\"key\":\"menu\",\"content\":\"espresso at ten\",\"tags\":[\"cafe\",\"café\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        HttpResult updated = Fleet.host(ip, "POST", "/mcp/memories/store", host.key(),
                "{\"key\":\"menu\",\"content\":\"espresso at eleven\",\"tags\":[\"Café\",\"cafe\",\"naïve\",\"naive\"]}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);

        HttpResult found = Fleet.host(ip, "POST", "/mcp/memories/search", host.key(), "{\"tags\":[\"CAFE\",\"naive\"]}");
        assertThat(found.data().getInt("count")).as(found.body()).isOne();
    }

    @Test
    void aHostWithThousandsOfMemoriesFindsTheSameRankedMatchesAsAHostWithAFew() throws Exception {
        Fleet.HostKey few = Fleet.newHost();
        Fleet.HostKey many = Fleet.newHost();
        List<McpClient> clients = List.of(McpClient.initialized(few, "2025-11-25"), McpClient.initialized(many, "2025-11-25"));
        for (McpClient mcp : clients) {
            mcp.call("memory_store", "{\"id\":\"kiln-rollout\",\"content\":\"The kiln firmware rollout stalled on two kiln nodes\"}");
            mcp.call("memory_store", "{\"id\":\"kiln-alarm\",\"content\":\"A kiln temperature alarm woke the night shift\"}");
            mcp.call("memory_store", "{\"id\":\"unrelated\",\"content\":\"Lunch moved to noon\"}");
        }
        // Past the size at which a host's search reads the FULLTEXT index instead of the host's own rows (MemorySearch).
        try (Connection connection = RunningServer.sharedDatabase().connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mcp_memories (host_id, memory_key, content, tags, tags_text, created_at, updated_at)"
                        + " VALUES (?, ?, ?, '[]', '', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')")) {
            for (int i = 0; i < 4_001; i++) {
                insert.setLong(1, many.id());
                insert.setString(2, "filler-" + i);
                insert.setString(3, "filler note number " + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }

        List<JsonArray> matches = clients.stream().map(mcp -> mcp.call("memory_search", "{\"query\":\"kiln firmware\"}")
                .getJsonObject("structuredContent").getJsonArray("matches")).toList();

        for (JsonArray found : matches) {
            assertThat(found.stream().map(m -> m.asJsonObject().getString("id")).toList()).containsExactly("kiln-rollout", "kiln-alarm");
        }
        for (int i = 0; i < 2; i++) {
            assertThat(matches.get(1).getJsonObject(i).getJsonNumber("score").doubleValue()).as("the same score either way")
                    .isEqualTo(matches.get(0).getJsonObject(i).getJsonNumber("score").doubleValue());
        }
    }

    @Test
    void adminsSearchEveryHostsMemoriesAndDeleteOne() {
        Fleet.HostKey first = Fleet.newHost();
        Fleet.HostKey second = Fleet.newHost();
        String word = "zebra" + System.nanoTime();
        McpClient.initialized(first, "2025-11-25").call("memory_store", "{\"content\":\"" + word + " on the first host\",\"tags\":[\"a\"]}");
        McpClient.initialized(second, "2025-11-25").call("memory_store", "{\"content\":\"" + word + " on the second host\",\"tags\":[\"a\",\"b\"]}");

        HttpResult all = Fleet.admin("GET", "/admin/api/mcp/memories?q=" + word, null);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.data().getInt("count")).isEqualTo(2);
        assertThat(all.data().getJsonArray("matches").getJsonObject(0).getString("host")).endsWith(".fleet.test");
        HttpResult tagged = Fleet.admin("GET", "/admin/api/mcp/memories?q=" + word + "&tags=A,b", null);
        JsonObject only = tagged.data().getJsonArray("matches").getJsonObject(0);
        assertThat(tagged.data().getInt("count")).isOne();
        assertThat(only.getJsonNumber("host_id").longValue()).isEqualTo(second.id());
        assertThat(Fleet.admin("GET", "/admin/api/mcp/memories?host_id=" + first.id(), null).data().getInt("count")).isOne();
        assertThat(Fleet.admin("GET", "/admin/api/mcp/memories?host_id=x", null).status()).isEqualTo(422);

        long record = only.getJsonNumber("record_id").longValue();
        HttpResult deleted = Fleet.admin("DELETE", "/admin/api/mcp/memories/" + record, null);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(Fleet.admin("DELETE", "/admin/api/mcp/memories/" + record, null).status()).isEqualTo(404);
        assertThat(Fleet.admin("GET", "/admin/api/mcp/memories?q=" + word, null).data().getInt("count")).isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM admin_audit WHERE action = 'memory.admin.delete' AND target_id = ?",
                String.valueOf(record))).isOne();

        afterWriteBehind();
        HttpResult logs = Fleet.admin("GET", "/admin/api/mcp/logs?host_id=" + second.id() + "&method=tools/call&success=1", null);
        assertThat(logs.status()).as(logs.body()).isEqualTo(200);
        assertThat(logs.data().getJsonArray("logs")).singleElement().satisfies(row -> {
            assertThat(row.asJsonObject().getString("name")).isEqualTo("memory_store");
            assertThat(row.asJsonObject().getString("host_fqdn")).isEqualTo(second.fqdn());
            assertThat(row.asJsonObject().getJsonNumber("latency_ms").longValue()).isNotNegative();
        });
    }

    @Test
    void resourceToolsAndTheHostsOwnFileArea() {
        Fleet.HostKey host = Fleet.newHost();
        McpClient mcp = McpClient.initialized(host, "2025-06-18");
        assertThat(mcp.call("resource_create", "{\"uri\":\"memory://plan\",\"text\":\"step one\"}").getJsonObject("structuredContent")
                .getString("status")).isEqualTo("created");
        assertThat(mcp.call("resource_update", "{\"uri\":\"memory://plan\",\"text\":\"step two\"}").getJsonObject("structuredContent")
                .getString("uri")).isEqualTo("memory://plan");
        assertThat(mcp.call("resource_read", "{\"uri\":\"memory://plan\"}").getJsonObject("structuredContent").getJsonArray("contents")
                .getJsonObject(0).getString("text")).isEqualTo("step two");
        assertThat(mcp.call("resource_list", "{}").getJsonObject("structuredContent").getJsonArray("resources")).hasSize(1);
        JsonObject unsupported = mcp.call("resource_read", "{\"uri\":\"file:///etc/passwd\"}");
        assertThat(unsupported.getBoolean("isError")).isTrue();
        assertThat(mcp.call("resource_delete", "{\"uri\":\"memory://plan\"}").getJsonObject("structuredContent").getString("status"))
                .isEqualTo("deleted");

        JsonObject written = mcp.call("fs_write_file", "{\"path\":\"todo.md\",\"content\":\"ship the MCP server\"}");
        assertThat(written.getJsonObject("structuredContent").getInt("written_bytes")).isEqualTo(19);
        assertThat(mcp.call("fs_read_file", "{\"path\":\"todo.md\"}").getJsonObject("structuredContent").getString("content"))
                .isEqualTo("ship the MCP server");
        for (String escape : List.of("../../pom.xml", "/etc/passwd", "../host-1/todo.md")) {
            JsonObject refused = mcp.call("fs_read_file", "{\"path\":\"" + escape + "\"}");
            assertThat(refused.getBoolean("isError")).as(escape).isTrue();
        }
        assertThat(mcp.call("fs_stat", "{\"path\":\"nothing\"}").getJsonArray("content").getJsonObject(0).getString("text"))
                .isEqualTo("path not found");
    }

    /** Access log rows are written behind, every 200 ms. */
    static void afterWriteBehind() {
        try {
            Thread.sleep(600);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
