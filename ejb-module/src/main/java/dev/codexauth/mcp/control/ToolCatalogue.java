package dev.codexauth.mcp.control;

import dev.codexauth.http.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools this server offers, each with a JSON Schema of its arguments and of its structured result (spec/mcp.md
 * §2). Output schemas are sent only to clients of 2025-06-18 or later, which also receive {@code structuredContent}.
 */
public final class ToolCatalogue {

    /** One tool: {@code inputSchema} and {@code outputSchema} are JSON Schemas of type object. */
    public record Tool(String name, String title, String description, JsonObject inputSchema, JsonObject outputSchema,
                       boolean readOnly) {

        public JsonObject describe(String protocolVersion) {
            JsonObjectBuilder tool = Jsonp.PROVIDER.createObjectBuilder().add("name", name);
            if (McpProtocol.structuredResults(protocolVersion)) {
                tool.add("title", title);
            }
            tool.add("description", description).add("inputSchema", inputSchema);
            if (McpProtocol.structuredResults(protocolVersion)) {
                tool.add("outputSchema", outputSchema);
            }
            if (protocolVersion.compareTo(McpProtocol.BATCHING) >= 0) {
                tool.add("annotations", Jsonp.PROVIDER.createObjectBuilder().add("readOnlyHint", readOnly)
                        .add("destructiveHint", name.endsWith("_delete")).add("openWorldHint", false));
            }
            return tool.build();
        }
    }

    private static final Map<String, Tool> TOOLS = new LinkedHashMap<>();

    static {
        JsonObject memory = memorySchema(false);
        JsonObject stored = object(Map.of("status", enumOf("created", "updated", "unchanged"), "id", string(), "memory", memory),
                "status", "id", "memory");
        JsonObject found = object(Map.of("status", enumOf("found", "missing"), "id", string(), "memory", memorySchema(true)),
                "status", "id", "memory");
        JsonObject deleted = object(Map.of("status", enumOf("deleted", "missing"), "id", string()), "status", "id");
        JsonObject matches = object(Map.of("status", enumOf("ok"), "query", string(), "limit", integer(), "count", integer(),
                "matches", arrayOf(memory)), "status", "query", "limit", "count", "matches");
        JsonObject tags = arrayOf(string());
        JsonObject one = scope("host (default): this host's memories; fleet: the memories every host of the fleet shares",
                "host", "fleet");
        JsonObject any = scope("host (default): this host's memories; fleet: the memories every host of the fleet shares; "
                + "all: both", "host", "fleet", "all");
        add("memory_store", "Store a memory", "Stores a memory of this host under a key (created, updated or unchanged); "
                        + "without id a UUID is generated.",
                object(Map.of("content", string(), "id", string(), "tags", tags, "metadata", Jsonp.PROVIDER.createObjectBuilder()
                        .add("type", "object").build(), "scope", one), "content"), stored, false);
        add("memory_retrieve", "Retrieve a memory", "Returns the memory stored under a key, or status missing.",
                object(Map.of("id", string(), "scope", one), "id"), found, true);
        add("memory_search", "Search memories", "Full-text search of this host's memories (an empty query lists the newest); "
                        + "every given tag must match. Scope all also searches the fleet's shared memories.",
                object(Map.of("query", string(), "tags", tags, "limit", bounded(1, 100), "scope", any), "query"), matches, true);
        add("memory_append", "Append to a resource", "Stores text as a new memory of a resource (key <resource_id>:<8 hex>, "
                        + "tag resource:<resource_id>).",
                object(Map.of("resource_id", string(), "text", string(), "tags", tags, "scope", one), "resource_id", "text"), stored, false);
        add("memory_query", "Query a resource", "Full-text search within the memories of one resource.",
                object(Map.of("resource_id", string(), "query", string(), "top_k", bounded(1, 50), "scope", any), "resource_id", "query"),
                matches, true);
        add("memory_list", "List a resource", "The newest memories of one resource.",
                object(Map.of("resource_id", string(), "top_k", bounded(1, 100), "scope", any), "resource_id"), matches, true);
        add("memory_delete", "Delete a memory", "Deletes the memory stored under a key.", object(Map.of("id", string(), "scope", one), "id"),
                deleted, false);
        resourceTools(stored, deleted);
        fileTools();
    }

    /** The memories as resources memory://<key>, for clients that use tools only. */
    private static void resourceTools(JsonObject stored, JsonObject deleted) {
        JsonObject uri = object(Map.of("uri", string()), "uri");
        JsonObject write = object(Map.of("uri", string(), "text", string()), "uri", "text");
        JsonObject contents = object(Map.of("contents", arrayOf(object(Map.of("uri", string(), "mimeType", string(), "text", string()),
                "uri", "text"))), "contents");
        JsonObject listed = object(Map.of("resources", arrayOf(object(Map.of("uri", string(), "name", string(), "description", string(),
                "mimeType", string()), "uri", "name")), "nextCursor", string()), "resources");
        add("resource_read", "Read a resource", "The text of memory://<key> (memory://fleet/<key>: a fleet memory).", uri, contents, true);
        add("resource_list", "List resources", "This host's memories as resources, newest first (cursor for the next page).",
                object(Map.of("cursor", string())), listed, true);
        add("resource_create", "Create a resource", "Stores text as memory://<key>.", write, withUri(stored), false);
        add("resource_update", "Update a resource", "Replaces the text of memory://<key>.", write, withUri(stored), false);
        add("resource_delete", "Delete a resource", "Deletes memory://<key>.", uri, withUri(deleted), false);
    }

    /** The per-host file area; offered only when the server switches it on ({@link FileSandbox}). */
    private static void fileTools() {
        JsonObject path = object(Map.of("path", string()), "path");
        JsonObject info = object(Map.of("path", string(), "type", enumOf("file", "dir"), "size_bytes", nullableOf("integer"),
                "modified_at", string()), "path", "type");
        JsonObject existence = object(Map.of("exists", boolean_(), "path", string(), "type", enumOf("file", "dir"),
                "size_bytes", nullableOf("integer"), "modified_at", string()), "exists", "path");
        add("fs_read_file", "Read a file", "A UTF-8 text file of this host's file area.", path,
                object(Map.of("path", string(), "type", string(), "size_bytes", nullableOf("integer"), "modified_at", string(),
                        "mimeType", string(), "content", string()), "path", "content"), true);
        add("fs_write_file", "Write a file", "Writes a UTF-8 text file in this host's file area (parent directory must exist).",
                object(Map.of("path", string(), "content", string(), "create_if_missing", boolean_(), "overwrite", boolean_()),
                        "path", "content"),
                object(Map.of("path", string(), "type", string(), "size_bytes", nullableOf("integer"), "modified_at", string(),
                        "written_bytes", integer()), "path", "written_bytes"), false);
        add("fs_list_dir", "List a directory", "Entries of a directory of this host's file area; glob filters names.",
                object(Map.of("path", string(), "glob", string()), "path"),
                object(Map.of("path", string(), "entries", arrayOf(object(Map.of("name", string(), "path", string(),
                        "type", enumOf("file", "dir", "symlink", "other"), "size_bytes", nullableOf("integer"),
                        "modified_at", string()), "name", "path", "type"))), "entries"), true);
        add("fs_file_exists", "Check a path", "Whether a path exists in this host's file area.", path, existence, true);
        add("fs_stat", "Describe a path", "Type, size and modification time of a path of this host's file area.", path, info, true);
        add("fs_search_in_files", "Search files", "Case-insensitive text search in the files below a directory.",
                object(Map.of("root", string(), "pattern", string(), "file_glob", arrayOf(string()), "max_results", bounded(1, 1000)),
                        "root", "pattern"),
                object(Map.of("pattern", string(), "root", string(), "count", integer(), "matches", arrayOf(object(Map.of(
                        "file", string(), "line", integer(), "snippet", string()), "file", "line", "snippet"))),
                        "pattern", "root", "count", "matches"), true);
    }

    private static JsonObject withUri(JsonObject result) {
        JsonObjectBuilder properties = Jsonp.PROVIDER.createObjectBuilder(result.getJsonObject("properties")).add("uri", string());
        return Jsonp.PROVIDER.createObjectBuilder(result).add("properties", properties).build();
    }

    private static JsonObject boolean_() {
        return Jsonp.PROVIDER.createObjectBuilder().add("type", "boolean").build();
    }

    private ToolCatalogue() {
    }

    /**
     * The tools this server offers the caller: the file tools only when switched on and to hosts (a workspace has no
     * file area), fs_write_file not when read-only.
     */
    public static List<Tool> offered(FileSandbox files, McpCaller caller) {
        return offered(files, caller.hostId() != null);
    }

    /** The tools offered to a host ({@code host}) or to a workspace's token. */
    public static List<Tool> offered(FileSandbox files, boolean host) {
        return TOOLS.values().stream().filter(tool -> offers(tool.name(), files, host)).toList();
    }

    public static Optional<Tool> named(String name, FileSandbox files, McpCaller caller) {
        return Optional.ofNullable(TOOLS.get(name)).filter(tool -> offers(name, files, caller.hostId() != null));
    }

    private static boolean offers(String name, FileSandbox files, boolean host) {
        return !name.startsWith("fs_") || files.enabled() && host && !(name.equals("fs_write_file") && files.readOnly());
    }

    private static void add(String name, String title, String description, JsonObject input, JsonObject output, boolean readOnly) {
        TOOLS.put(name, new Tool(name, title, description, input, output, readOnly));
    }

    private static JsonObject memorySchema(boolean nullable) {
        JsonObjectBuilder properties = Jsonp.PROVIDER.createObjectBuilder().add("id", string()).add("record_id", integer())
                .add("host_id", nullableOf("integer")).add("workspace_id", nullableOf("integer")).add("host", nullableOf("string"))
                .add("scope", enumOf("host", "workspace", "fleet")).add("content", string())
                .add("metadata", nullableOf("object")).add("tags", arrayOf(string())).add("created_at", string())
                .add("updated_at", string()).add("score", nullableOf("number"));
        JsonObjectBuilder schema = Jsonp.PROVIDER.createObjectBuilder();
        if (nullable) {
            schema.add("type", Jsonp.PROVIDER.createArrayBuilder().add("object").add("null"));
        } else {
            schema.add("type", "object");
        }
        return schema.add("properties", properties)
                .add("required", Jsonp.PROVIDER.createArrayBuilder(List.of("id", "record_id", "content", "tags", "created_at", "updated_at")))
                .build();
    }

    private static JsonObject object(Map<String, JsonObject> properties, String... required) {
        JsonObjectBuilder members = Jsonp.PROVIDER.createObjectBuilder();
        properties.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> members.add(e.getKey(), e.getValue()));
        JsonObjectBuilder schema = Jsonp.PROVIDER.createObjectBuilder().add("type", "object").add("properties", members);
        if (required.length > 0) {
            schema.add("required", Jsonp.PROVIDER.createArrayBuilder(List.of(required)));
        }
        return schema.build();
    }

    private static JsonObject string() {
        return Jsonp.PROVIDER.createObjectBuilder().add("type", "string").build();
    }

    private static JsonObject integer() {
        return Jsonp.PROVIDER.createObjectBuilder().add("type", "integer").build();
    }

    private static JsonObject bounded(int min, int max) {
        return Jsonp.PROVIDER.createObjectBuilder().add("type", "integer").add("minimum", min).add("maximum", max).build();
    }

    private static JsonObject enumOf(String... values) {
        return Jsonp.PROVIDER.createObjectBuilder().add("type", "string").add("enum", Jsonp.PROVIDER.createArrayBuilder(List.of(values)))
                .build();
    }

    private static JsonObject scope(String description, String... values) {
        return Jsonp.PROVIDER.createObjectBuilder(enumOf(values)).add("description", description).build();
    }

    private static JsonObject arrayOf(JsonObject items) {
        return Jsonp.PROVIDER.createObjectBuilder().add("type", "array").add("items", items).build();
    }

    private static JsonObject nullableOf(String type) {
        return Jsonp.PROVIDER.createObjectBuilder().add("type", Jsonp.PROVIDER.createArrayBuilder().add(type).add("null")).build();
    }
}
