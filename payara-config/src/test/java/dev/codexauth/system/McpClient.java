package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A host (or a person's token) speaking MCP over HTTP as a test drives it: its key, its client IP, and the session it opened. */
final class McpClient {

    final RunningServer node;
    final String key;
    final String ip;
    String session;
    String version;
    private String bearer;
    private int nextId = 1;

    McpClient(RunningServer node, String key, String ip) {
        this.node = node;
        this.key = key;
        this.ip = ip;
    }

    /** The client IP each host calls from: a host key is bound to the first IP it is used from. */
    private static final Map<Long, String> IPS = new ConcurrentHashMap<>();

    /** Opens a session asking for this protocol version from the host's IP; asserts it was granted. */
    static McpClient initialized(Fleet.HostKey host, String version) {
        return initialized(Fleet.server(), host.key(), IPS.computeIfAbsent(host.id(), id -> Fleet.freshIp()), version);
    }

    /** Opens a session on this node with this key from this IP; asserts it was granted. */
    static McpClient initialized(RunningServer node, String key, String ip, String version) {
        McpClient client = new McpClient(node, key, ip);
        HttpResult answer = client.initialize(version);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        client.session = answer.header("Mcp-Session-Id");
        client.version = answer.json().getJsonObject("result").getString("protocolVersion");
        assertThat(client.session).isNotBlank();
        return client;
    }

    /** A client for a person's install token, sent as Codex sends it ({@code Authorization: Bearer}); no session yet. */
    static McpClient withToken(String token) {
        McpClient client = new McpClient(Fleet.server(), null, Fleet.freshIp());
        client.bearer = token;
        return client;
    }

    /** Opens a session for a person's install token; asserts it was granted. */
    static McpClient initializedWithToken(String token, String version) {
        McpClient client = withToken(token);
        HttpResult answer = client.initialize(version);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        client.session = answer.header("Mcp-Session-Id");
        client.version = answer.json().getJsonObject("result").getString("protocolVersion");
        return client;
    }

    HttpResult initialize(String version) {
        return post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"system-test\",\"version\":\"1\"}}}", Map.of());
    }

    /** A request in the session; answers the whole HTTP result. */
    HttpResult request(String method, String params) {
        return post("{\"jsonrpc\":\"2.0\",\"id\":" + nextId++ + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}", sessionHeaders());
    }

    /** The result of a successful request. */
    JsonObject result(String method, String params) {
        HttpResult answer = request(method, params);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().containsKey("error")).as(answer.body()).isFalse();
        return answer.json().getJsonObject("result");
    }

    /** The result of tools/call. */
    JsonObject call(String tool, String arguments) {
        return result("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}");
    }

    HttpResult post(String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        headers.putAll(extra);
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        return Fleet.host(node, ip, "POST", "/mcp", key, body, headers);
    }

    Map<String, String> sessionHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Mcp-Session-Id", session);
        headers.put("MCP-Protocol-Version", version);
        return headers;
    }
}
