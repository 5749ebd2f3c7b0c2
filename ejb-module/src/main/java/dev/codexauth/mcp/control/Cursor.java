package dev.codexauth.mcp.control;

import dev.codexauth.http.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code cursor}/{@code nextCursor} of list methods: a position in the list, Base64url-encoded. */
final class Cursor {

    static final int PAGE = 50;
    private static final String PREFIX = "offset:";

    private Cursor() {
    }

    /** The position {@code params.cursor} names, 0 without one; -32602 for a cursor this server did not issue. */
    static int of(JsonObject params) {
        JsonValue cursor = params.get("cursor");
        if (cursor == null || cursor == JsonValue.NULL) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(((JsonString) cursor).getString()), StandardCharsets.UTF_8);
            int offset = Integer.parseInt(text.substring(PREFIX.length()));
            if (text.startsWith(PREFIX) && offset >= 0 && offset <= 1_000_000) {
                return offset;
            }
        } catch (RuntimeException invalid) {
            // falls through to the refusal
        }
        throw new McpServer.ProtocolFailure(JsonRpc.INVALID_PARAMS, "Invalid params", Jsonp.PROVIDER.createValue("invalid cursor"), null);
    }

    static String at(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.UTF_8));
    }
}
