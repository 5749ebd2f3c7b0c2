package dev.codexauth.console.pages;

import dev.codexauth.http.Jsonp;
import dev.codexauth.usage.control.ChatgptUsageReports;
import dev.codexauth.usage.control.CostHistory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The dashboard's charts as the Chart.js configurations {@code p:chart} takes: tokens and estimated cost per UTC day,
 * the ChatGPT quota used over time, and the trends of its Cost trend and Quota trend dialogs. Built with JSON-P, so labels and numbers are always escaped JSON.
 */
final class DashboardCharts {

    private static final String INPUT = "#4f7cac";
    private static final String OUTPUT = "#c0803b";
    private static final String CACHED = "#8fa89a";
    private static final String COST = "#6b4c9a";
    /** A quota above 100 % happens (the upstream counts past the limit); the trend shows it up to this. */
    private static final int QUOTA_CEILING = 130;

    private DashboardCharts() {
    }

    /** Stacked bars of input, output and cached tokens per day, with the estimated cost as a line on its own axis. */
    static String usage(CostHistory.History history) {
        List<CostHistory.Point> days = history.points();
        JsonArrayBuilder datasets = Jsonp.PROVIDER.createArrayBuilder()
                .add(bars("Input tokens", INPUT, days, point -> point.tokens().input()))
                .add(bars("Output tokens", OUTPUT, days, point -> point.tokens().output()))
                .add(bars("Cached input tokens", CACHED, days, point -> point.tokens().cached()));
        JsonObjectBuilder scales = Jsonp.PROVIDER.createObjectBuilder()
                .add("x", Jsonp.PROVIDER.createObjectBuilder().add("stacked", true))
                .add("y", axis("Tokens", "left").add("stacked", true));
        if (history.hasPricing()) {
            JsonArrayBuilder costs = Jsonp.PROVIDER.createArrayBuilder();
            days.forEach(point -> costs.add(point.costs() == null || point.costs().total() == null ? BigDecimal.ZERO : point.costs().total()));
            datasets.add(Jsonp.PROVIDER.createObjectBuilder().add("type", "line").add("label", "Estimated cost (" + history.currency() + ")")
                    .add("data", costs).add("borderColor", COST).add("backgroundColor", COST).add("yAxisID", "cost").add("tension", 0.2));
            scales.add("cost", axis("Cost (" + history.currency() + ")", "right").add("grid",
                    Jsonp.PROVIDER.createObjectBuilder().add("drawOnChartArea", false)));
        }
        return chart("bar", labels(days, CostHistory.Point::date), datasets, scales);
    }

    /** The 5-hour and weekly limits' used percentage at each successful snapshot. */
    static String quota(ChatgptUsageReports.History history) {
        List<ChatgptUsageReports.Point> points = history.points();
        JsonArrayBuilder datasets = Jsonp.PROVIDER.createArrayBuilder()
                .add(line("5-hour limit used (%)", INPUT, points, ChatgptUsageReports.Point::primaryUsedPercent))
                .add(line("Weekly limit used (%)", OUTPUT, points, ChatgptUsageReports.Point::secondaryUsedPercent));
        JsonObjectBuilder scales = Jsonp.PROVIDER.createObjectBuilder()
                .add("y", axis("Used (%)", "left").add("min", 0).add("max", 100));
        return chart("line", labels(points, point -> point.fetchedAt().substring(0, Math.min(16, point.fetchedAt().length()))
                .replace('T', ' ')), datasets, scales);
    }

    /** Total (emphasised), input, output and cached cost per day, each a line. */
    static String costTrend(CostHistory.History history) {
        List<CostHistory.Point> days = history.points();
        JsonArrayBuilder datasets = Jsonp.PROVIDER.createArrayBuilder()
                .add(costLine("Total", COST, days, CostHistory.Costs::total).add("borderWidth", 3))
                .add(costLine("Input", INPUT, days, CostHistory.Costs::input))
                .add(costLine("Output", OUTPUT, days, CostHistory.Costs::output))
                .add(costLine("Cached", CACHED, days, CostHistory.Costs::cached));
        JsonObjectBuilder scales = Jsonp.PROVIDER.createObjectBuilder().add("y", axis("Cost (" + history.currency() + ")", "left"));
        // Hovering a day shows its date and every kind's cost; a click near a point pins that day (itemSelect).
        JsonObjectBuilder options = options(scales)
                .add("interaction", Jsonp.PROVIDER.createObjectBuilder().add("mode", "index").add("intersect", false))
                .add("elements", Jsonp.PROVIDER.createObjectBuilder().add("point",
                        Jsonp.PROVIDER.createObjectBuilder().add("hitRadius", 8)));
        return configuration("line", labels(days, CostHistory.Point::date), datasets, options);
    }

    /** One quota window's used percentage at each check, as a filled area on a 0-100 % axis that stretches to 130 %. */
    static String quotaTrend(String label, List<String> times, List<Integer> percents) {
        JsonArrayBuilder data = Jsonp.PROVIDER.createArrayBuilder();
        percents.forEach(percent -> data.add(Math.min(QUOTA_CEILING, percent)));
        JsonArrayBuilder datasets = Jsonp.PROVIDER.createArrayBuilder().add(Jsonp.PROVIDER.createObjectBuilder().add("label", label)
                .add("data", data).add("borderColor", INPUT).add("backgroundColor", INPUT + "55").add("fill", "origin").add("tension", 0.2));
        JsonObjectBuilder scales = Jsonp.PROVIDER.createObjectBuilder()
                .add("y", axis("Used (%)", "left").add("min", 0).add("suggestedMax", 100));
        return chart("line", labels(times, Function.identity()), datasets, scales);
    }

    private static JsonObjectBuilder costLine(String label, String colour, List<CostHistory.Point> days,
                                              Function<CostHistory.Costs, BigDecimal> cost) {
        JsonArrayBuilder data = Jsonp.PROVIDER.createArrayBuilder();
        days.forEach(point -> data.add(cost.apply(point.costs())));
        return Jsonp.PROVIDER.createObjectBuilder().add("label", label).add("data", data).add("borderColor", colour)
                .add("backgroundColor", colour).add("tension", 0.2);
    }

    private static <T> JsonArrayBuilder labels(List<T> points, Function<T, String> label) {
        JsonArrayBuilder labels = Jsonp.PROVIDER.createArrayBuilder();
        points.forEach(point -> labels.add(label.apply(point)));
        return labels;
    }

    private static JsonObjectBuilder bars(String label, String colour, List<CostHistory.Point> days, Function<CostHistory.Point, Long> value) {
        JsonArrayBuilder data = Jsonp.PROVIDER.createArrayBuilder();
        days.forEach(point -> data.add(value.apply(point)));
        return Jsonp.PROVIDER.createObjectBuilder().add("label", label).add("data", data).add("backgroundColor", colour).add("stack", "tokens");
    }

    private static JsonObjectBuilder line(String label, String colour, List<ChatgptUsageReports.Point> points,
                                          Function<ChatgptUsageReports.Point, Integer> value) {
        JsonArrayBuilder data = Jsonp.PROVIDER.createArrayBuilder();
        points.forEach(point -> {
            Integer percent = value.apply(point);
            if (percent == null) {
                data.addNull();
            } else {
                data.add(percent);
            }
        });
        return Jsonp.PROVIDER.createObjectBuilder().add("label", label).add("data", data).add("borderColor", colour)
                .add("backgroundColor", colour).add("spanGaps", true).add("tension", 0.2);
    }

    private static JsonObjectBuilder axis(String title, String position) {
        return Jsonp.PROVIDER.createObjectBuilder().add("position", position).add("beginAtZero", true)
                .add("title", Jsonp.PROVIDER.createObjectBuilder().add("display", true).add("text", title));
    }

    private static String chart(String type, JsonArrayBuilder labels, JsonArrayBuilder datasets, JsonObjectBuilder scales) {
        return configuration(type, labels, datasets, options(scales));
    }

    private static JsonObjectBuilder options(JsonObjectBuilder scales) {
        return Jsonp.PROVIDER.createObjectBuilder().add("responsive", true).add("maintainAspectRatio", false)
                .add("animation", false).add("scales", scales)
                .add("plugins", Jsonp.PROVIDER.createObjectBuilder().add("legend",
                        Jsonp.PROVIDER.createObjectBuilder().add("position", "bottom")));
    }

    private static String configuration(String type, JsonArrayBuilder labels, JsonArrayBuilder datasets, JsonObjectBuilder options) {
        return Jsonp.PROVIDER.createObjectBuilder().add("type", type)
                .add("data", Jsonp.PROVIDER.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", options)
                .build().toString();
    }
}
