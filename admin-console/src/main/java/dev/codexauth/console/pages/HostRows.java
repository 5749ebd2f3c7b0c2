package dev.codexauth.console.pages;

import dev.codexauth.host.control.HostDirectory;
import dev.codexauth.host.control.HostListing;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The host table's rows, one page at a time from the same query as {@code GET /admin/api/hosts}: sorted and
 * filtered in the database, so thousands of hosts cost one page.
 */
public class HostRows extends LazyDataModel<HostListing.Item> {

    private static final Set<String> SORTABLE = Set.of("host", "last_seen", "client", "wrapper", "ip");

    private final HostDirectory directory;
    private String search;
    private String tab;
    private HostListing lastPage;

    HostRows(HostDirectory directory) {
        this.directory = directory;
    }

    void filter(String search, String tab) {
        this.search = search;
        this.tab = tab;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        // PrimeFaces asks for the total before the page; the counts come with it for the tab badges.
        lastPage = directory.list(new HostDirectory.Query(1, 1, search, tab, "host", true));
        return (int) lastPage.total();
    }

    @Override
    public List<HostListing.Item> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        SortMeta sort = sortBy.values().stream().filter(s -> s.getOrder() != SortOrder.UNSORTED).findFirst().orElse(null);
        String field = sort != null && SORTABLE.contains(sort.getField()) ? sort.getField() : "last_seen";
        boolean ascending = sort != null && sort.getOrder() == SortOrder.ASCENDING;
        int size = Math.max(1, pageSize);
        lastPage = directory.list(new HostDirectory.Query(first / size + 1, size, search, tab, field, ascending));
        setRowCount((int) lastPage.total());
        return lastPage.hosts();
    }

    @Override
    public String getRowKey(HostListing.Item host) {
        return String.valueOf(host.id());
    }

    @Override
    public HostListing.Item getRowData(String rowKey) {
        return lastPage == null ? null
                : lastPage.hosts().stream().filter(h -> String.valueOf(h.id()).equals(rowKey)).findFirst().orElse(null);
    }

    /** Tab counts of the last page loaded: all, secure, insecure, unprovisioned. */
    Map<String, Long> counts() {
        return lastPage == null ? Map.of() : lastPage.counts();
    }
}
