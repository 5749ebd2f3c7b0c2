package dev.codexauth.mcp.control;

import dev.codexauth.http.ApiException;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * A request to {@code /mcp} refused before or instead of any JSON-RPC answer: the HTTP status, and the JSON-RPC
 * error body ({@code id: null}) the response filter renders for it.
 */
public class McpError extends ApiException {

    private final int rpcCode;
    private final transient JsonValue rpcData;

    public McpError(int status, int rpcCode, String message, JsonValue rpcData, Map<String, String> headers) {
        super(status, "mcp_error", message, null, null, headers);
        this.rpcCode = rpcCode;
        this.rpcData = rpcData;
    }

    public McpError(int status, int rpcCode, String message) {
        this(status, rpcCode, message, null, null);
    }

    public int rpcCode() {
        return rpcCode;
    }

    public JsonValue rpcData() {
        return rpcData;
    }

    public static McpError sessionRequired() {
        return new McpError(400, JsonRpc.TRANSPORT_ERROR, "Bad Request: Mcp-Session-Id header is required; send initialize first");
    }

    public static McpError sessionNotFound() {
        return new McpError(404, JsonRpc.TRANSPORT_ERROR, "Session not found; send initialize to start a new one");
    }

    public static McpError unsupportedVersion(String version) {
        return new McpError(400, JsonRpc.TRANSPORT_ERROR, "Bad Request: unsupported MCP-Protocol-Version " + version
                + "; supported: " + String.join(", ", McpProtocol.SUPPORTED));
    }
}
