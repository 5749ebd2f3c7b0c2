package dev.codexauth.mcp.control;

import dev.codexauth.http.Jsonp;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The caller's memories as MCP resources {@code memory://<key>}, and the fleet's as {@code memory://fleet/<key>}
 * (spec/mcp.md §3), read-only: writes are tools. The templates use the standard fields only; the original's
 * {@code memory://{scope}:{name}} is dropped, since its scopes meant nothing on the server (a key cannot hold a
 * {@code /}, so the two forms never name the same key). The list holds the caller's own memories. Only reads: no
 * transaction of its own, like the read-only tools.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class McpResources {

    private static final String SCHEME = "memory://";
    private static final String FLEET = SCHEME + "fleet/";
    private static final int DESCRIPTION_CHARS = 80;

    /** A memory named by a URI: whose, and its key. */
    public record Address(MemoryScope scope, String key) {
    }

    @EJB
    Memories memories;

    public static JsonObject templates(int offset) {
        JsonArrayBuilder templates = Jsonp.PROVIDER.createArrayBuilder();
        if (offset == 0) {
            templates.add(Jsonp.PROVIDER.createObjectBuilder().add("uriTemplate", SCHEME + "{id}").add("name", "memory_by_id")
                    .add("title", "Memory by id").add("description", "A memory of the calling host by its key")
                    .add("mimeType", "text/plain"));
            templates.add(Jsonp.PROVIDER.createObjectBuilder().add("uriTemplate", FLEET + "{id}").add("name", "fleet_memory_by_id")
                    .add("title", "Fleet memory by id").add("description", "A memory shared by every host of the fleet, by its key")
                    .add("mimeType", "text/plain"));
        }
        return Jsonp.PROVIDER.createObjectBuilder().add("resourceTemplates", templates).build();
    }

    /** The caller's memories, newest first, one page per cursor. */
    public JsonObject list(McpCaller caller, int offset) {
        JsonArray matches = memories.page(caller, "", Cursor.PAGE + 1, offset).getJsonArray("matches");
        JsonArrayBuilder page = Jsonp.PROVIDER.createArrayBuilder();
        matches.stream().limit(Cursor.PAGE).map(JsonValue::asJsonObject).forEach(memory -> page.add(
                Jsonp.PROVIDER.createObjectBuilder().add("uri", uri(memory.getString("id"))).add("name", memory.getString("id"))
                        .add("description", shortened(memory.getString("content"))).add("mimeType", "text/plain")));
        JsonObjectBuilder answer = Jsonp.PROVIDER.createObjectBuilder().add("resources", page);
        if (matches.size() > Cursor.PAGE) {
            answer.add("nextCursor", Cursor.at(offset + Cursor.PAGE));
        }
        return answer.build();
    }

    /** The memory a {@code memory://} URI names. */
    public static Address address(String uri) {
        if (!uri.startsWith(SCHEME)) {
            throw invalid("Unsupported resource URI: " + uri);
        }
        boolean fleet = uri.startsWith(FLEET);
        String key;
        try {
            key = URLDecoder.decode(uri.substring(fleet ? FLEET.length() : SCHEME.length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            throw invalid("Unsupported resource URI: " + uri);
        }
        if (key.isEmpty() || key.length() > MemoryInput.MAX_KEY_CHARS || !MemoryInput.KEY.matcher(key).matches()) {
            throw invalid("Unsupported resource URI: " + uri);
        }
        return new Address(fleet ? MemoryScope.FLEET : MemoryScope.HOST, key);
    }

    public JsonObject read(McpCaller caller, String uri) {
        Address address = address(uri);
        JsonObject found = memories.retrieve(caller, address.scope(), address.key());
        if (found.get("memory") == JsonValue.NULL) {
            throw new McpServer.ProtocolFailure(-32002, "Resource not found", Jsonp.PROVIDER.createObjectBuilder().add("uri", uri).build(),
                    uri);
        }
        JsonObject memory = found.getJsonObject("memory");
        return Jsonp.PROVIDER.createObjectBuilder().add("contents", Jsonp.PROVIDER.createArrayBuilder().add(
                Jsonp.PROVIDER.createObjectBuilder().add("uri", uri).add("mimeType", "text/plain").add("text", memory.getString("content"))))
                .build();
    }

    private static McpServer.ProtocolFailure invalid(String message) {
        return new McpServer.ProtocolFailure(JsonRpc.INVALID_PARAMS, "Invalid params", Jsonp.PROVIDER.createValue(message), null);
    }

    private static String uri(String key) {
        return SCHEME + URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    private static String shortened(String content) {
        String flat = content.strip();
        return flat.length() <= DESCRIPTION_CHARS ? flat : flat.substring(0, DESCRIPTION_CHARS - 3) + "...";
    }
}
