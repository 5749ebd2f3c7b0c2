package dev.codexauth.mcp.control;

import dev.codexauth.http.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** JSON-RPC 2.0 messages and the error codes this server answers with (docs/mcp.md). */
public final class JsonRpc {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** A transport rule broken: protocol version header, session, Accept, method, size, availability. */
    public static final int TRANSPORT_ERROR = -32000;
    /** The caller was not authenticated or the host policy refused it. */
    public static final int UNAUTHORIZED = -32001;
    public static final int ORIGIN_NOT_ALLOWED = -32099;

    private JsonRpc() {
    }

    public static JsonObject result(JsonValue id, JsonValue result) {
        return Jsonp.PROVIDER.createObjectBuilder().add("jsonrpc", "2.0").add("id", id).add("result", result).build();
    }

    public static JsonObject error(JsonValue id, int code, String message, JsonValue data) {
        JsonObjectBuilder error = Jsonp.PROVIDER.createObjectBuilder().add("code", code).add("message", message);
        if (data != null) {
            error.add("data", data);
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("jsonrpc", "2.0").add("id", id == null ? JsonValue.NULL : id)
                .add("error", error).build();
    }

    public static JsonObject error(JsonValue id, int code, String message) {
        return error(id, code, message, null);
    }
}
