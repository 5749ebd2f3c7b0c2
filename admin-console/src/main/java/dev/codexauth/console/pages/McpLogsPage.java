package dev.codexauth.console.pages;

import dev.codexauth.mcp.control.McpLogQueries;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * {@code /admin/mcp-logs.xhtml?host=<id>&outcome=ok|fail&method=<method>}: the MCP access log beside the event log,
 * newest first, filtered and paged in the database by the query of {@code GET /admin/api/mcp/logs}. The log holds
 * the operation, outcome, error text, latency and host of each call, never what a memory says.
 */
@Named
@ViewScoped
public class McpLogsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    McpLogQueries queries;

    private Long hostId;
    private String outcome = "";
    private String method;
    private LazyDataModel<Map<String, Object>> rows;

    @PostConstruct
    void init() {
        rows = new LazyDataModel<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                return ((Number) queries.find(filter(), 1, 1).get("total")).intValue();
            }

            @Override
            @SuppressWarnings("unchecked")
            public List<Map<String, Object>> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
                int size = Math.max(1, Math.min(500, pageSize));
                return (List<Map<String, Object>>) queries.find(filter(), first / size + 1, size).get("logs");
            }

            @Override
            public String getRowKey(Map<String, Object> row) {
                return String.valueOf(row.get("id"));
            }
        };
    }

    private McpLogQueries.Filter filter() {
        Boolean success = switch (outcome == null ? "" : outcome) {
            case "ok" -> Boolean.TRUE;
            case "fail" -> Boolean.FALSE;
            default -> null;
        };
        return new McpLogQueries.Filter(hostId, success, method == null || method.isBlank() ? null : method.trim());
    }

    /** "ok", or "fail (code N: message)" as admin.md §3.4 words it. */
    public String status(Map<String, Object> row) {
        if (Boolean.TRUE.equals(row.get("success"))) {
            return "ok";
        }
        Object code = row.get("error_code");
        Object message = row.get("error_message");
        return "fail (code " + (code == null ? "?" : code) + (message == null ? "" : ": " + message) + ")";
    }

    public LazyDataModel<Map<String, Object>> getRows() {
        return rows;
    }

    public Long getHostId() {
        return hostId;
    }

    public void setHostId(Long hostId) {
        this.hostId = hostId;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }
}
