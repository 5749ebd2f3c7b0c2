package dev.codexauth.console.pages;

import dev.codexauth.usage.control.UsageReports;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * {@code /admin/token-lines.xhtml}: tab Token lines of the Logs page (admin.md §3.4), usage grouped by the line the
 * hosts reported, biggest first, by the query of {@code GET /admin/api/tokens} (at most 200 lines).
 */
@Named
@ViewScoped
public class TokenLinesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    UsageReports reports;

    private int limit = 50;
    /** Read again after a postback rather than kept in the session. */
    private transient List<UsageReports.TokenLine> lines;

    public List<UsageReports.TokenLine> getLines() {
        if (lines == null) {
            lines = reports.tokenLines(limit);
        }
        return lines;
    }

    public int getLimit() {
        return limit;
    }

    /** The same bounds as the API's {@code limit}. */
    public void setLimit(int limit) {
        this.limit = Math.max(1, Math.min(200, limit));
        lines = null;
    }
}
