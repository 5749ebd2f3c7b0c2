package dev.codexauth.console.pages;

import dev.codexauth.usage.control.CostHistory;
import dev.codexauth.usage.control.PriceList;
import dev.codexauth.usage.control.UsageReports;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * {@code /admin/usage.xhtml?days=60}: the daily cost history and the client reports (ingests), from the same
 * queries as {@code GET /admin/api/usage/cost-history} and {@code /admin/api/usage/ingests}.
 */
@Named
@ViewScoped
public class UsagePage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    UsageReports reports;

    @Inject
    CostHistory costHistory;

    @Inject
    PriceList prices;

    private int days = 60;
    private String search;
    private CostHistory.History history;
    private LazyDataModel<UsageReports.Ingest> ingests;

    @PostConstruct
    void init() {
        ingests = new LazyDataModel<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                return (int) page(1, 1, "created_at", false).total();
            }

            @Override
            public List<UsageReports.Ingest> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
                SortMeta sort = sortBy.values().stream().filter(s -> s.getOrder() != SortOrder.UNSORTED).findFirst().orElse(null);
                int size = Math.max(1, pageSize);
                return page(first / size + 1, size, sort == null ? "created_at" : sort.getField(),
                        sort != null && sort.getOrder() == SortOrder.ASCENDING).items();
            }

            @Override
            public String getRowKey(UsageReports.Ingest ingest) {
                return String.valueOf(ingest.id());
            }
        };
    }

    private UsageReports.IngestPage page(int page, int size, String sort, boolean ascending) {
        return reports.ingests(new UsageReports.IngestQuery(page, size, search, null, sort, ascending), prices.defaultPrices().currency());
    }

    /** Applies the bookmarkable {@code days} (1-180). */
    public void applyDays() {
        days = Math.max(1, Math.min(180, days));
        history = null;
    }

    public CostHistory.History getHistory() {
        if (history == null) {
            history = costHistory.of(days, Instant.now());
        }
        return history;
    }

    /** Days newest first, as the table shows them. */
    public List<CostHistory.Point> getDaysNewestFirst() {
        List<CostHistory.Point> points = new ArrayList<>(getHistory().points());
        Collections.reverse(points);
        return points;
    }

    public LazyDataModel<UsageReports.Ingest> getIngests() {
        return ingests;
    }

    public int getDays() {
        return days;
    }

    public void setDays(int days) {
        this.days = days;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }
}
