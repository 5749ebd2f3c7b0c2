package dev.codexauth.console.pages;

import dev.codexauth.usage.control.ChatgptUsageReports;
import java.util.List;
import java.util.function.Function;

/**
 * One ChatGPT quota window's used percentage over time, for the dashboard's Quota trend dialog (admin.md §3.2): the
 * checks that reported the window, their chart and the caption "N points from A to B. Latest: X% on D UTC".
 */
record QuotaTrend(String title, List<ChatgptUsageReports.Point> points, Function<ChatgptUsageReports.Point, Integer> percent) {

    static final String WEEKLY = "weekly";

    /** The 5-hour window, or the weekly one; checks that did not report that window are left out. */
    static QuotaTrend of(ChatgptUsageReports.History history, String window) {
        boolean weekly = WEEKLY.equals(window);
        Function<ChatgptUsageReports.Point, Integer> percent = weekly
                ? ChatgptUsageReports.Point::secondaryUsedPercent : ChatgptUsageReports.Point::primaryUsedPercent;
        return new QuotaTrend(weekly ? "Weekly limit" : "5-hour limit",
                history.points().stream().filter(point -> percent.apply(point) != null).toList(), percent);
    }

    String caption() {
        if (points.isEmpty()) {
            return "No quota check reported this limit in the last " + DashboardPage.QUOTA_TREND_DAYS + " days.";
        }
        ChatgptUsageReports.Point latest = points.get(points.size() - 1);
        return points.size() + (points.size() == 1 ? " point" : " points") + " from " + day(points.get(0)) + " to " + day(latest)
                + ". Latest: " + percent.apply(latest) + "% on " + minute(latest) + " UTC";
    }

    /** Null without a point, so the page shows the caption alone. */
    String chart() {
        return points.isEmpty() ? null : DashboardCharts.quotaTrend(title + " used (%)",
                points.stream().map(QuotaTrend::minute).toList(), points.stream().map(percent).toList());
    }

    private static String day(ChatgptUsageReports.Point point) {
        return point.fetchedAt().substring(0, 10);
    }

    private static String minute(ChatgptUsageReports.Point point) {
        return point.fetchedAt().substring(0, 16).replace('T', ' ');
    }
}
