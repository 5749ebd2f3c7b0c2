package dev.codexauth.console.pages;

import dev.codexauth.console.control.AuditQueries;
import dev.codexauth.console.entity.AdminAudit;
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
 * {@code /admin/audit.xhtml?actor=...&action=...}: the audit trail, newest first, filtered and paged in the database
 * by the same query as {@code GET /admin/api/audit}. Admins only, as the API's; no delete anywhere.
 */
@Named
@ViewScoped
public class AuditPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    AuditQueries queries;

    @Inject
    ConsoleUser user;

    private String actor;
    private String action;
    private LazyDataModel<AdminAudit> rows;

    @PostConstruct
    void init() {
        rows = new LazyDataModel<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public int count(Map<String, FilterMeta> filterBy) {
                return user.isAdmin() ? (int) queries.find(filter(), 1, 1).total() : 0;
            }

            @Override
            public List<AdminAudit> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
                int size = Math.max(1, pageSize);
                return user.isAdmin() ? queries.find(filter(), first / size + 1, size).entries() : List.of();
            }

            @Override
            public String getRowKey(AdminAudit entry) {
                return String.valueOf(entry.getId());
            }
        };
    }

    private AuditQueries.Filter filter() {
        return new AuditQueries.Filter(blankToNull(actor), blankToNull(action), null, null, null, null, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public LazyDataModel<AdminAudit> getRows() {
        return rows;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }
}
