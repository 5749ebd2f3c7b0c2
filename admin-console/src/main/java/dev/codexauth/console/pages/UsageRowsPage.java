package dev.codexauth.console.pages;

import dev.codexauth.usage.control.UsageReports;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * {@code /admin/usage-rows.xhtml?host=<id>}: tab Usage rows of the Logs page (admin.md §3.4), one row per reported
 * usage, newest first, a page at a time through the query of {@code GET /admin/api/usage}. That query counts no total,
 * so the page moves by Newer and Older rather than by page numbers.
 */
@Named
@ViewScoped
public class UsageRowsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int PAGE_SIZE = 50;

    @Inject
    UsageReports reports;

    private Long hostId;
    private int page = 1;
    /** Read again after a postback rather than kept in the session. */
    private transient List<UsageReports.Usage> rows;

    public List<UsageReports.Usage> getRows() {
        if (rows == null) {
            rows = reports.usages(hostId, page, PAGE_SIZE).usages();
        }
        return rows;
    }

    /** A new host filter starts again at the newest rows. */
    public void filter() {
        page = 1;
        rows = null;
    }

    public void newer() {
        page = Math.max(1, page - 1);
        rows = null;
    }

    public void older() {
        page++;
        rows = null;
    }

    /** A full page may have more behind it; a short one is the last. */
    public boolean isHasOlder() {
        return getRows().size() == PAGE_SIZE;
    }

    public String getRange() {
        int first = (page - 1) * PAGE_SIZE;
        return getRows().isEmpty() ? "No rows" : "Rows " + (first + 1) + "–" + (first + getRows().size()) + ", newest first";
    }

    public int getPage() {
        return page;
    }

    public Long getHostId() {
        return hostId;
    }

    public void setHostId(Long hostId) {
        this.hostId = hostId;
    }
}
