package dev.codexauth.console.pages;

import dev.codexauth.ops.control.EventQueries;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * {@code /admin/logs.xhtml?action=admin.host.&q=...}: tab Events of the Logs page, the event log, newest first, filtered by action prefix, time
 * window and text and paged in the database by the same query as {@code GET /admin/api/logs}.
 */
@Named
@ViewScoped
public class LogsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The deep links {@code /admin/logs.xhtml?tab=...} of admin.md §3.1 and the page of each tab. */
    private static final Map<String, String> TAB_PAGES = Map.of("reports", "client-reports", "usage-rows", "usage-rows",
            "token-lines", "token-lines", "mcp", "mcp-logs");

    @Inject
    EventQueries events;

    private String tab;
    private String action;
    private String search;
    private int windowHours;
    private LazyDataModel<EventQueries.Event> rows;

    @PostConstruct
    void init() {
        rows = new LazyDataModel<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                return (int) events.find(filter(), 1, 1).total();
            }

            @Override
            public List<EventQueries.Event> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
                int size = Math.max(1, pageSize);
                return events.find(filter(), first / size + 1, size).logs();
            }

            @Override
            public String getRowKey(EventQueries.Event event) {
                return String.valueOf(event.id());
            }
        };
    }

    /** Redirects {@code ?tab=...} to that tab's page; {@code events}, none or an unknown one stays here. */
    public String openTab() {
        String page = tab == null ? null : TAB_PAGES.get(tab);
        return page == null ? null : page + "?faces-redirect=true";
    }

    private EventQueries.Filter filter() {
        Instant since = windowHours > 0 ? Instant.now().minusSeconds(3600L * windowHours) : null;
        return new EventQueries.Filter(null, false, blankToNull(action), since, null, blankToNull(search));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public LazyDataModel<EventQueries.Event> getRows() {
        return rows;
    }

    public String getTab() {
        return tab;
    }

    public void setTab(String tab) {
        this.tab = tab;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public int getWindowHours() {
        return windowHours;
    }

    public void setWindowHours(int windowHours) {
        this.windowHours = windowHours;
    }
}
