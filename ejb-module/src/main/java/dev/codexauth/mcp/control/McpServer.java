package dev.codexauth.mcp.control;

import dev.codexauth.http.ApiException;
import dev.codexauth.http.DatabaseConflict;
import dev.codexauth.http.Jsonp;
import dev.codexauth.http.ValidationFailed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers one JSON-RPC item of an established session (spec/mcp.md §1.2, §8): checks its shape, runs the method and
 * says how it went, for the answer and for the access log. {@code initialize} is answered by {@link #initialize}
 * because it opens the session. A tool that writes runs in its own transaction ({@link Memories}); a tool's failure is a result
 * with {@code isError}, a protocol failure a JSON-RPC error.
 */
@ApplicationScoped
public class McpServer {

    private static final Logger LOG = Logger.getLogger(McpServer.class.getName());

    /** What one item produced: the response (null for a notification) and the facts the access log keeps. */
    public record Outcome(JsonObject response, String method, String name, boolean success, Integer errorCode, String errorMessage) {

        static Outcome answered(JsonValue id, String method, String name, JsonValue result) {
            return new Outcome(id == null ? null : JsonRpc.result(id, result), method, name, true, null, null);
        }

        static Outcome failed(JsonValue id, String method, String name, int code, String message, JsonValue data) {
            return new Outcome(id == null ? null : JsonRpc.error(id, code, message, data), method, name, false, code, message);
        }

        static Outcome toolFailed(JsonValue id, String name, String text) {
            JsonObject result = Jsonp.PROVIDER.createObjectBuilder().add("content", textContent(text)).add("isError", true).build();
            return new Outcome(id == null ? null : JsonRpc.result(id, result), "tools/call", name, false, null, text);
        }
    }

    @jakarta.inject.Inject
    McpTools tools;

    @EJB
    McpResources resources;

    @jakarta.inject.Inject
    FileTools files;

    @jakarta.inject.Inject
    FileSandbox sandbox;

    /** The result of {@code initialize} in the negotiated version. */
    public JsonObject initialize(String version, String serverVersion) {
        return Jsonp.PROVIDER.createObjectBuilder().add("protocolVersion", version)
                .add("capabilities", capabilities())
                .add("serverInfo", Jsonp.PROVIDER.createObjectBuilder().add("name", "codex-auth-central")
                        .add("title", "Codex Auth Central").add("version", serverVersion))
                .add("instructions", "Shared memory of this Codex fleet host: store, search and retrieve notes with the memory_* "
                        + "tools; memories are private to the calling host.")
                .build();
    }

    /** Tools and resources, no subscriptions and no change notifications. */
    private static JsonObject capabilities() {
        return Jsonp.PROVIDER.createObjectBuilder()
                .add("tools", Jsonp.PROVIDER.createObjectBuilder().add("listChanged", false))
                .add("resources", Jsonp.PROVIDER.createObjectBuilder().add("subscribe", false).add("listChanged", false))
                .build();
    }

    /** Whether the item is a well-formed request or notification; its id when it has one (null for notifications). */
    public static boolean wellFormed(JsonValue item) {
        return item instanceof JsonObject object && object.get("jsonrpc") instanceof JsonString version
                && version.getString().equals("2.0") && object.get("method") instanceof JsonString
                && validId(object.get("id"));
    }

    private static boolean validId(JsonValue id) {
        return id == null || id.getValueType() == JsonValue.ValueType.STRING || id.getValueType() == JsonValue.ValueType.NUMBER
                || id == JsonValue.NULL;
    }

    /** The id of a request, or null for a notification (no id, or the null id the original treated as one). */
    public static JsonValue idOf(JsonObject item) {
        JsonValue id = item.get("id");
        return id == null || id == JsonValue.NULL ? null : id;
    }

    public Outcome handle(McpCaller caller, String version, JsonObject item) {
        JsonValue id = idOf(item);
        String method = item.getString("method");
        JsonObject params = item.get("params") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        if (method.startsWith("notifications/")) {
            return Outcome.answered(id, method, null, JsonValue.EMPTY_JSON_OBJECT);
        }
        try {
            return switch (method) {
                case "ping" -> Outcome.answered(id, method, null, JsonValue.EMPTY_JSON_OBJECT);
                case "initialize" -> Outcome.failed(id, method, null, JsonRpc.INVALID_REQUEST,
                        "initialize opens a session: send it alone, without Mcp-Session-Id", null);
                case "tools/list" -> Outcome.answered(id, method, null, listTools(version, params, ToolCatalogue.offered(sandbox, caller)));
                case "tools/call" -> callTool(caller, version, id, params);
                case "resources/list" -> Outcome.answered(id, method, null, resources.list(caller, Cursor.of(params)));
                case "resources/templates/list" -> Outcome.answered(id, method, null, McpResources.templates(Cursor.of(params)));
                case "resources/read" -> Outcome.answered(id, method, uriOf(params), resources.read(caller, uriOf(params)));
                default -> Outcome.failed(id, method, null, JsonRpc.METHOD_NOT_FOUND, "Method not found", null);
            };
        } catch (ProtocolFailure failure) {
            return Outcome.failed(id, method, failure.name, failure.code, failure.getMessage(), failure.data);
        }
    }

    private static JsonObject listTools(String version, JsonObject params, List<ToolCatalogue.Tool> all) {
        int offset = Cursor.of(params);
        JsonArrayBuilder page = Jsonp.PROVIDER.createArrayBuilder();
        all.stream().skip(offset).limit(Cursor.PAGE).forEach(tool -> page.add(tool.describe(version)));
        var answer = Jsonp.PROVIDER.createObjectBuilder().add("tools", page);
        if (offset + Cursor.PAGE < all.size()) {
            answer.add("nextCursor", Cursor.at(offset + Cursor.PAGE));
        }
        return answer.build();
    }

    private Outcome callTool(McpCaller caller, String version, JsonValue id, JsonObject params) {
        String name = params.get("name") instanceof JsonString s ? s.getString().trim().replace('.', '_') : "";
        if (ToolCatalogue.named(name, sandbox, caller).isEmpty()) {
            throw new ProtocolFailure(JsonRpc.INVALID_PARAMS, "Unknown tool: " + (name.isEmpty() ? "(no name)" : name), null, name);
        }
        JsonObject args = params.get("arguments") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        try {
            JsonObject structured = name.startsWith("fs_") ? files.call(caller, name, args) : tools.call(caller, name, args);
            var result = Jsonp.PROVIDER.createObjectBuilder().add("content", textContent(structured.toString()));
            if (McpProtocol.structuredResults(version)) {
                result.add("structuredContent", structured);
            }
            return Outcome.answered(id, "tools/call", name, result.add("isError", false).build());
        } catch (ValidationFailed invalid) {
            var errors = Jsonp.PROVIDER.createObjectBuilder();
            invalid.errors().forEach((field, messages) -> errors.add(field, Jsonp.PROVIDER.createArrayBuilder(messages)));
            return Outcome.toolFailed(id, name, errors.build().toString());
        } catch (ApiException refused) {
            return Outcome.toolFailed(id, name, refused.getMessage());
        } catch (ProtocolFailure failure) {
            return Outcome.toolFailed(id, name, failure.data instanceof JsonString detail ? detail.getString() : failure.getMessage());
        } catch (RuntimeException failure) {
            if (DatabaseConflict.causedIt(failure)) {
                LOG.warning(() -> "MCP tool " + name + " for " + caller.subject() + " rolled back by a concurrent change");
                return Outcome.toolFailed(id, name, DatabaseConflict.answer().getMessage());
            }
            LOG.log(Level.WARNING, "MCP tool " + name + " failed for " + caller.subject(), failure);
            return Outcome.toolFailed(id, name, "Internal error: the tool failed on the server");
        }
    }

    private static String uriOf(JsonObject params) {
        if (params.get("uri") instanceof JsonString uri && !uri.getString().isBlank()) {
            return uri.getString();
        }
        throw new ProtocolFailure(JsonRpc.INVALID_PARAMS, "Invalid params", Jsonp.PROVIDER.createValue("uri is required"), null);
    }

    private static JsonArrayBuilder textContent(String text) {
        return Jsonp.PROVIDER.createArrayBuilder().add(Jsonp.PROVIDER.createObjectBuilder().add("type", "text").add("text", text));
    }

    /** A JSON-RPC error raised while handling an item; it crosses EJB calls unwrapped. */
    @jakarta.ejb.ApplicationException(rollback = true)
    static final class ProtocolFailure extends RuntimeException {
        final int code;
        final transient JsonValue data;
        final String name;

        ProtocolFailure(int code, String message, JsonValue data, String name) {
            super(message, null, false, false);
            this.code = code;
            this.data = data;
            this.name = name;
        }
    }
}
