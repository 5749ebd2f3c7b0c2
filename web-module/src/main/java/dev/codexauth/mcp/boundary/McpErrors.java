package dev.codexauth.mcp.boundary;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.Jsonp;
import dev.codexauth.http.PayloadTooLarge;
import dev.codexauth.mcp.control.JsonRpc;
import dev.codexauth.mcp.control.McpError;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON-RPC form of the host API's refusals on {@code /mcp} (spec/mcp.md §8): same status and message, the
 * machine code and details as {@code error.data}, and {@code WWW-Authenticate: Bearer} on a 401.
 */
final class McpErrors {

    private McpErrors() {
    }

    /** Authentication or host policy (key, status, IP binding, insecure window, auth-failure limit). */
    static McpError refused(ApiException refused) {
        Map<String, String> headers = new LinkedHashMap<>(refused.headers());
        if (refused.status() == 401) {
            headers.put("WWW-Authenticate", "Bearer realm=\"mcp\", error=\"invalid_token\"");
        }
        int code = refused.status() == 401 || refused.status() == 403 ? JsonRpc.UNAUTHORIZED : JsonRpc.TRANSPORT_ERROR;
        return new McpError(refused.status(), code, refused.getMessage(), data(refused), headers);
    }

    /** A body that is not JSON within the limits: a parse error, or 413 for a body too large. */
    static McpError unreadable(ApiException invalid) {
        if (invalid instanceof PayloadTooLarge) {
            return new McpError(413, JsonRpc.TRANSPORT_ERROR, invalid.getMessage(), data(invalid), invalid.headers());
        }
        return new McpError(400, JsonRpc.PARSE_ERROR, "Parse error", data(invalid), invalid.headers());
    }

    /** Any other refusal that reached {@code /mcp} before the resource (kill switch, global rate limit, routing). */
    static McpError other(ApiException e) {
        if (e instanceof McpError mcp) {
            return mcp;
        }
        if (e.status() == 401 || e.status() == 403) {
            return refused(e);
        }
        return new McpError(e.status(), e.status() == 400 ? JsonRpc.PARSE_ERROR : JsonRpc.TRANSPORT_ERROR, e.getMessage(), data(e),
                e.headers());
    }

    private static JsonObject data(ApiException e) {
        JsonObjectBuilder data = Jsonp.PROVIDER.createObjectBuilder().add("status", e.status()).add("code", e.code())
                .add("message", e.getMessage());
        if (e.details() != null) {
            JsonObjectBuilder details = Jsonp.PROVIDER.createObjectBuilder();
            e.details().forEach((name, value) -> details.add(name, String.valueOf(value)));
            data.add("details", details);
        }
        return data.build();
    }
}
