package dev.codexauth.console.pages;

import dev.codexauth.usage.control.CostHistory;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.primefaces.event.ItemSelectEvent;

/**
 * {@code /admin/usage.xhtml?days=60}: the daily cost history, from the same query as
 * {@code GET /admin/api/usage/cost-history}. The dashboard's Cost trend dialog shows the same view of it.
 */
@Named
@ViewScoped
public class UsagePage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CostHistory costHistory;

    private int days = 60;
    private CostHistory.History history;
    /** The day a click on the chart pinned (yyyy-MM-dd), kept across windows that still show it. */
    private String pinnedDate;

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

    /** The newest day (today, zero-filled), or null while no usage was ever reported. */
    public CostHistory.Point getLatest() {
        List<CostHistory.Point> points = getHistory().points();
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** "N days from A to B. Latest total: X." and the missing-pricing note, as admin.md §3.2 words it. */
    public String getCaption() {
        CostHistory.History shown = getHistory();
        if (shown.points().isEmpty()) {
            return "No usage reported yet.";
        }
        String caption = shown.points().size() + " days from " + shown.points().get(0).date() + " to " + getLatest().date()
                + ". Latest total: " + money(getLatest().costs().total()) + ".";
        return shown.hasPricing() ? caption : caption + " Pricing missing — costs shown as zero.";
    }

    /** An amount with the history's currency. */
    public String money(BigDecimal amount) {
        return amount.toPlainString() + " " + getHistory().currency();
    }

    /** A click on a day of the trend chart pins it in the detail panel below the chart (admin.md §3.2). */
    public void pinDay(ItemSelectEvent event) {
        List<CostHistory.Point> points = getHistory().points();
        int index = event.getItemIndex();
        pinnedDate = index >= 0 && index < points.size() ? points.get(index).date() : null;
    }

    /** The pinned day of the window shown, or null when none is pinned or the window no longer holds it. */
    public CostHistory.Point getPinned() {
        return pinnedDate == null ? null
                : getHistory().points().stream().filter(point -> point.date().equals(pinnedDate)).findFirst().orElse(null);
    }

    /** Total, input, output and cached cost per day as lines, for the trend chart. */
    public String getChart() {
        return DashboardCharts.costTrend(getHistory());
    }

    public int getDays() {
        return days;
    }

    public void setDays(int days) {
        this.days = days;
    }
}
