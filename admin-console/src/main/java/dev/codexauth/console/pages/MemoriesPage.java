package dev.codexauth.console.pages;

import dev.codexauth.mcp.control.MemoryAdministration;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /admin/memories.xhtml?q=deploy&host=12&tags=ops}: the MCP memories of every host and workspace (admin.md
 * §3), searched by the same query as {@code GET /admin/api/mcp/memories} (full text, else substring; every tag must
 * match), a page of fifty at a time; admins delete one (soft, audited).
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

    private String query;
    private String host;
    private String tags;
    private int page = 1;
    private List<Row> rows;

    /** One memory as the table shows it; the owner is its host's name (a deleted host's marked so) or its workspace. */
    public record Row(long recordId, String key, String owner, String content, String tags, String updatedAt, Double score) {
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

    private List<Row> load() {
        String hostFilter = host == null ? "" : host.trim();
        if (!hostFilter.isEmpty() && !hostFilter.matches("\\d{1,18}")) {
            Feedback.error("Host must be a host id (a number)");
            return List.of();
        }
        List<String> wanted = tags == null ? List.of() : Arrays.stream(tags.split("[,\\s]+")).filter(t -> !t.isBlank()).toList();
        JsonObject found = administration.search(hostFilter.isEmpty() ? null : Long.parseLong(hostFilter),
                query == null ? "" : query.trim(), wanted, PAGE_SIZE, page);
        return found.getJsonArray("matches").getValuesAs(JsonObject.class).stream().map(MemoriesPage::row).toList();
    }

    private static Row row(JsonObject memory) {
        String owner = memory.get("host") instanceof JsonString name
                ? name.getString() + (memory.isNull("host_id") ? " (deleted)" : "")
                : memory.isNull("host_id") ? "Workspace #" + memory.get("workspace_id") : "Host #" + memory.get("host_id");
        String tagList = String.join(", ", memory.getJsonArray("tags").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        return new Row(memory.getJsonNumber("record_id").longValue(), memory.getString("id"), owner, memory.getString("content"),
                tagList, memory.getString("updated_at"), memory.isNull("score") ? null : memory.getJsonNumber("score").doubleValue());
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

    public int getPage() {
        return page;
    }
}
