package dev.codexauth.mcp.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.security.control.Hashes;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one tool of the {@link ToolCatalogue} for a caller and returns its structured result. Every tool makes one
 * call to {@link Memories} or {@link McpResources}, which is the tool's transaction when it writes; reads run
 * without one. Bad arguments are a {@link ValidationFailed}, which the protocol turns into a tool error result.
 * A CDI bean, not an EJB: it only dispatches, and every EJB call costs its own interceptor chain (about 1.5 % of the
 * JVM's samples of a search in a Flight Recorder profile).
 */
@ApplicationScoped
public class McpTools {

    @EJB
    Memories memories;

    @EJB
    McpResources resources;

    /** @throws IllegalArgumentException for a name that is not in the catalogue */
    public JsonObject call(McpCaller caller, String name, JsonObject args) {
        return switch (name) {
            case "memory_store" -> memories.store(caller, MemoryInput.scope(args, false), MemoryInput.draft(args));
            case "memory_retrieve" -> memories.retrieve(caller, MemoryInput.scope(args, false), MemoryInput.key(args));
            case "memory_delete" -> memories.delete(caller, MemoryInput.scope(args, false), MemoryInput.key(args));
            case "memory_search" -> memories.search(caller, MemoryInput.scope(args, true), MemoryInput.query(args, "query", "q"),
                    MemoryInput.tagFilter(args), MemoryInput.limit(args, "limit", 20, 1, 100));
            case "memory_append" -> append(caller, args);
            case "memory_query" -> {
                String resource = MemoryInput.identifier(args, "resource_id");
                String query = MemoryInput.query(args, "query");
                if (query.isEmpty()) {
                    throw ValidationFailed.of("query", "query is required");
                }
                yield memories.search(caller, MemoryInput.scope(args, true), query, List.of(resourceTag(resource)),
                        MemoryInput.limit(args, "top_k", 5, 1, 50));
            }
            case "memory_list" -> {
                String resource = MemoryInput.identifier(args, "resource_id");
                yield memories.search(caller, MemoryInput.scope(args, true), "", List.of(resourceTag(resource)),
                        MemoryInput.limit(args, "top_k", 20, 1, 100));
            }
            case "resource_read" -> resources.read(caller, uri(args));
            case "resource_list" -> resources.list(caller, Cursor.of(args));
            case "resource_create", "resource_update" -> {
                McpResources.Address address = McpResources.address(uri(args));
                yield withUri(args, memories.store(caller, address.scope(), MemoryInput.draft(Jsonp.PROVIDER.createObjectBuilder()
                        .add("id", address.key()).add("content", args.containsKey("text") ? args.get("text") : jakarta.json.JsonValue.NULL)
                        .build())));
            }
            case "resource_delete" -> {
                McpResources.Address address = McpResources.address(uri(args));
                yield withUri(args, memories.delete(caller, address.scope(), address.key()));
            }
            default -> throw new IllegalArgumentException("Unknown tool: " + name);
        };
    }

    /** A new memory {@code <resource_id>:<8 hex>} tagged {@code resource:<resource_id>} besides the given tags. */
    private JsonObject append(McpCaller caller, JsonObject args) {
        String resource = MemoryInput.identifier(args, "resource_id");
        List<String> tags = new ArrayList<>(MemoryInput.tagFilter(args));
        if (tags.stream().noneMatch(resourceTag(resource)::equalsIgnoreCase)) {
            tags.add(resourceTag(resource));
        }
        JsonObject draft = Jsonp.PROVIDER.createObjectBuilder()
                .add("id", resource + ":" + Hashes.randomHex(4))
                .add("content", args.containsKey("text") ? args.get("text") : jakarta.json.JsonValue.NULL)
                .add("tags", Jsonp.PROVIDER.createArrayBuilder(tags)).build();
        return memories.store(caller, MemoryInput.scope(args, false), MemoryInput.draft(draft));
    }

    private static String uri(JsonObject args) {
        if (args.get("uri") instanceof jakarta.json.JsonString uri && !uri.getString().isBlank()) {
            return uri.getString();
        }
        throw ValidationFailed.of("uri", "uri is required");
    }

    private static JsonObject withUri(JsonObject args, JsonObject result) {
        return Jsonp.PROVIDER.createObjectBuilder(result).add("uri", uri(args)).build();
    }

    private static String resourceTag(String resource) {
        return "resource:" + resource;
    }
}
