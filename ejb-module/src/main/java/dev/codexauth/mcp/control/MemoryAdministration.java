package dev.codexauth.mcp.control;

import dev.codexauth.console.control.AuditTrail;
import dev.codexauth.http.ApiException;
import dev.codexauth.http.Jsonp;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Admins browse, search and delete the memories of every host (admin.md §2.10): search pages across hosts (or one),
 * with each match's host name; a delete is soft and audited in the same transaction.
 */
@Stateless
public class MemoryAdministration {

    @EJB
    Memories memories;

    @EJB
    AuditTrail audit;

    /** The search answer with the filters echoed and the page number. */
    public JsonObject search(Long hostId, String query, List<String> tags, int limit, int page) {
        JsonObject found = memories.administrativePage(hostId, query, tags, limit, (page - 1) * limit);
        return Jsonp.PROVIDER.createObjectBuilder(found)
                .add("host_id", hostId == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(hostId)).add("page", page).build();
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
