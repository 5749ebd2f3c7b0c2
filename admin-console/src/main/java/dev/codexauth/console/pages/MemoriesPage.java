package dev.codexauth.console.pages;

import dev.codexauth.http.Jsonp;
import dev.codexauth.mcp.control.FleetMemoryAccess;
import dev.codexauth.mcp.control.MemoryAdministration;
import dev.codexauth.mcp.control.MemoryInput;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.Serializable;
import java.util.List;

/**
 * {@code /admin/memories.xhtml?q=deploy&host=12&tags=ops&fleet=true}: the MCP memories of every host and workspace
 * and the fleet's shared ones (admin.md §3), searched by the same query as {@code GET /admin/api/mcp/memories} (full
 * text, else substring; every tag must match), a page of fifty at a time; admins delete one (soft, audited) and
 * write fleet memories.
 */
@Named
@ViewScoped
public class MemoriesPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int PAGE_SIZE = 50;

    @Inject
    MemoryAdministration administration;

    @Inject
    ConsoleUser user;

    @Inject
    FleetMemoryAccess fleetAccess;

    private String query;
    private String host;
    private String tags;
    private boolean fleet;
    private int page = 1;
    private List<Row> rows;
    private final FleetMemoryForm fleetMemory = new FleetMemoryForm();

    /** One memory as the table shows it; the owner is its host's name (a deleted host's marked so), its workspace or the fleet. */
    public record Row(long recordId, String key, String owner, boolean ofFleet, String content, String tags, String updatedAt,
                      Double score) {
    }

    /** The fleet memory being written in the dialog: a new key, or a listed one to change. */
    public static final class FleetMemoryForm implements Serializable {

        private static final long serialVersionUID = 1L;

        private String key;
        private String content;
        private String tags;

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        public String getContent() {
            return content;
        }

        public void setContent(String content) {
            this.content = content;
        }

        public String getTags() {
            return tags;
        }

        public void setTags(String tags) {
            this.tags = tags;
        }
    }

    public List<Row> getRows() {
        if (rows == null) {
            rows = load();
        }
        return rows;
    }

    /** The filters changed: back to the first page. */
    public void search() {
        page = 1;
        rows = null;
    }

    public void next() {
        if (getRows().size() == PAGE_SIZE) {
            page++;
            rows = null;
        }
    }

    public void previous() {
        if (page > 1) {
            page--;
            rows = null;
        }
    }

    public boolean isMore() {
        return getRows().size() == PAGE_SIZE;
    }

    public void delete(Row row) {
        if (user.mayChange()) {
            Feedback.run("Memory deleted: " + row.key(), () -> administration.delete(row.recordId(), user.actor()));
            rows = null;
        }
    }

    /** Opens the dialog empty, for a new key. */
    public void newFleetMemory() {
        fleetMemory.setKey(null);
        fleetMemory.setContent(null);
        fleetMemory.setTags(null);
    }

    /** Opens the dialog with a listed fleet memory. */
    public void editFleetMemory(Row row) {
        fleetMemory.setKey(row.key());
        fleetMemory.setContent(row.content());
        fleetMemory.setTags(row.tags());
    }

    /** Stores the dialog's memory in the fleet scope; validation failures show as messages and keep the dialog open. */
    public void saveFleetMemory() {
        if (!user.mayChange()) {
            return;
        }
        String key = fleetMemory.getKey() == null ? "" : fleetMemory.getKey().trim();
        JsonObject fields = Jsonp.PROVIDER.createObjectBuilder().add("content", fleetMemory.getContent() == null ? "" : fleetMemory.getContent())
                .add("tags", Jsonp.PROVIDER.createArrayBuilder(MemoryInput.tagList(fleetMemory.getTags()))).build();
        JsonObject stored = Feedback.attempt(() -> administration.storeForFleet(key, fields, user.actor()), null);
        if (stored != null) {
            Feedback.info("Fleet memory " + stored.getString("status") + ": " + stored.getString("id"));
            rows = null;
        }
    }

    private List<Row> load() {
        String hostFilter = host == null ? "" : host.trim();
        if (!hostFilter.isEmpty() && !hostFilter.matches("\\d{1,18}")) {
            Feedback.error("Host must be a host id (a number)");
            return List.of();
        }
        if (fleet && !hostFilter.isEmpty()) {
            Feedback.error("Fleet memories have no host: clear the host id to list them");
            return List.of();
        }
        JsonObject found = administration.search(fleet, hostFilter.isEmpty() ? null : Long.parseLong(hostFilter),
                query == null ? "" : query.trim(), MemoryInput.tagList(tags), PAGE_SIZE, page);
        return found.getJsonArray("matches").getValuesAs(JsonObject.class).stream().map(MemoriesPage::row).toList();
    }

    private static Row row(JsonObject memory) {
        String scope = memory.getString("scope");
        String owner = switch (scope) {
            case "fleet" -> "Fleet (every host)";
            case "workspace" -> "Workspace #" + memory.get("workspace_id");
            default -> memory.get("host") instanceof JsonString name
                    ? name.getString() + (memory.isNull("host_id") ? " (deleted)" : "") : "Host #" + memory.get("host_id");
        };
        String tagList = String.join(", ", memory.getJsonArray("tags").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        return new Row(memory.getJsonNumber("record_id").longValue(), memory.getString("id"), owner, scope.equals("fleet"),
                memory.getString("content"), tagList, memory.getString("updated_at"),
                memory.isNull("score") ? null : memory.getJsonNumber("score").doubleValue());
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public boolean isFleet() {
        return fleet;
    }

    public void setFleet(boolean fleet) {
        this.fleet = fleet;
    }

    /** Whether hosts may change fleet memories too (MCP_FLEET_MEMORY_WRITES=hosts). */
    public boolean isHostsWriteFleet() {
        return fleetAccess.hostsWrite();
    }

    public FleetMemoryForm getFleetMemory() {
        return fleetMemory;
    }

    public int getPage() {
        return page;
    }
}
