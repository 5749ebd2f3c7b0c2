package dev.codexauth.console.pages;

import dev.codexauth.http.Jsonp;
import dev.codexauth.usage.control.PriceList;
import dev.codexauth.usage.control.UsageReports;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * {@code /admin/client-reports.xhtml?host=<id>&q=<text>}: the first tab of the Logs page, the client reports (ingests)
 * searched, sorted and paged in the database by the query of {@code GET /admin/api/usage/ingests}; an expanded row
 * loads its normalised payload as {@code GET /admin/api/usage/ingests/{id}} does.
 */
@Named
@ViewScoped
public class ClientReportsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    UsageReports reports;

    @Inject
    PriceList prices;

    private String search;
    private Long hostId;
    private String currency;
    private LazyDataModel<UsageReports.Ingest> ingests;

    @PostConstruct
    void init() {
        currency = prices.defaultPrices().currency();
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
        return reports.ingests(new UsageReports.IngestQuery(page, size, search, hostId, sort, ascending), currency);
    }

    /** The entries the server stored for one report, pretty-printed; read only when its row is expanded. */
    public String payload(long ingestId) {
        return reports.ingest(ingestId).map(detail -> {
            if (detail.payload() == JsonValue.NULL) {
                return "No entries stored.";
            }
            StringWriter text = new StringWriter();
            Jsonp.PROVIDER.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text).write(detail.payload());
            return text.toString().strip();
        }).orElse("This report no longer exists (removed by retention).");
    }

    public LazyDataModel<UsageReports.Ingest> getIngests() {
        return ingests;
    }

    public String getCurrency() {
        return currency;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public Long getHostId() {
        return hostId;
    }

    public void setHostId(Long hostId) {
        this.hostId = hostId;
    }
}
