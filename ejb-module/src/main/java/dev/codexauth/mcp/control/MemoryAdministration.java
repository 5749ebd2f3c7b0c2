package dev.codexauth.mcp.control;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Jsonp;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * Admins browse, search and delete the memories of every host (admin.md §2.10) and write the fleet's shared ones:
 * search pages across hosts (or one, or the fleet), with each match's host name; a delete is soft, and it and a
 * fleet store are audited in the same transaction (sizes, not content).
 */
@Stateless
public class MemoryAdministration {

    @EJB
    Memories memories;

    @EJB
    AuditTrail audit;

    /** The search answer with the filters echoed and the page number. */
    public JsonObject search(boolean fleetOnly, Long hostId, String query, List<String> tags, int limit, int page) {
        JsonObject found = memories.administrativePage(fleetOnly, hostId, query, tags, limit, (page - 1) * limit);
        return Jsonp.PROVIDER.createObjectBuilder(found)
                .add("host_id", hostId == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(hostId)).add("fleet", fleetOnly)
                .add("page", page).build();
    }

    /**
     * Stores a memory every host reads (scope fleet) under {@code key}, from the fields of a host's store (any key among
     * them is ignored): the store answer of the memory tools.
     */
    public JsonObject storeForFleet(String key, JsonObject fields, AuditTrail.Actor actor) {
        MemoryInput.Draft draft = MemoryInput.draft(Jsonp.PROVIDER.createObjectBuilder(fields).remove("memory_id").remove("key")
                .add("id", MemoryInput.key(key)).build());
        JsonObject stored = memories.storeForFleet(draft);
        JsonObject memory = stored.getJsonObject("memory");
        audit.record(actor, "memory.fleet.store", "mcp_memory", memory.getJsonNumber("record_id").longValue(), null,
                Map.of("key", stored.getString("id"), "status", stored.getString("status"),
                        "content_chars", draft.content().codePointCount(0, draft.content().length()), "tags", draft.tags().size()), "ok");
        return stored;
    }

    /** @throws ApiException 404 when there is no such memory or it is already deleted */
    public long delete(long recordId, AuditTrail.Actor actor) {
        if (!memories.deleteRecord(recordId)) {
            throw new ApiException(404, "memory_not_found", "Memory not found");
        }
        audit.record(actor, "memory.admin.delete", "mcp_memory", recordId, null, null, "ok");
        return recordId;
    }
}
