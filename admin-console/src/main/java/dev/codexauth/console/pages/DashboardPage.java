package dev.codexauth.console.pages;

import dev.codexauth.auth.control.CanonicalStore;
import dev.codexauth.auth.control.StoredCanonical;
import dev.codexauth.console.control.FleetOverview;
import dev.codexauth.console.control.FleetPolicy;
import dev.codexauth.host.control.HostDirectory;
import dev.codexauth.provider.control.ProviderStatus;
import dev.codexauth.usage.control.ChatgptUsageReports;
import dev.codexauth.usage.control.CostHistory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/dashboard.xhtml}: the fleet at a glance (admin.md §3.2) from the same overview the API's
 * {@code GET /admin/api/overview} answers with, refreshed by {@code p:poll}.
 */
@Named
@RequestScoped
public class DashboardPage {

    private static final int CHART_DAYS = 30;
    /** The Quota trend dialog's window, the default of {@code GET /admin/api/chatgpt/usage/history}. */
    static final int QUOTA_TREND_DAYS = 60;

    @Inject
    FleetOverview overview;

    @Inject
    FleetPolicy policy;

    @Inject
    HostDirectory directory;

    @Inject
    CanonicalStore canonicalStore;

    @Inject
    CostHistory costHistory;

    @Inject
    ProviderStatus providerStatus;

    @Inject
    ChatgptUsageReports quotaReports;

    private Map<String, Object> fleet;
    private Map<String, Long> counts;
    private Optional<StoredCanonical> canonical;
    private Map<String, Object> apiState;
    private String usageChart;
    private List<ProviderStatus.Loaded> providers;
    private Optional<String> quotaChart;
    private QuotaTrend quotaTrend;

    @PostConstruct
    void load() {
        fleet = overview.of(Map.of(), Instant.now());
        counts = directory.list(new HostDirectory.Query(1, 1, null, null, "host", true)).counts();
        canonical = canonicalStore.latest();
        apiState = policy.apiState();
    }

    public Map<String, Object> getFleet() {
        return fleet;
    }

    public Map<String, Long> getCounts() {
        return counts;
    }

    public boolean isHasCanonical() {
        return canonical.isPresent();
    }

    /** First 12 characters of the canonical auth digest; the digest is no secret, the body is. */
    public String getCanonicalDigest() {
        return canonical.map(c -> c.digest().substring(0, Math.min(12, c.digest().length()))).orElse("");
    }

    public String getCanonicalAge() {
        return canonical.map(c -> Ages.ago(c.lastRefresh())).orElse("never");
    }

    public String getCanonicalStored() {
        return canonical.map(c -> Ages.ago(c.createdAt())).orElse("never");
    }

    /** The first-run dialog (admin.md §3.1) opens while the fleet has no canonical auth.json or no host yet. */
    public boolean isSeedingRequired() {
        return canonical.isEmpty() || counts.get("all") == 0;
    }

    public boolean isApiDisabled() {
        return Boolean.TRUE.equals(apiState.get("disabled"));
    }

    public Map<String, Object> getApiState() {
        return apiState;
    }

    public ChatgptUsageReports.Snapshot getQuota() {
        return (ChatgptUsageReports.Snapshot) fleet.get("chatgpt_usage");
    }

    /** Tokens and estimated cost per UTC day over the last {@value #CHART_DAYS} days, as a Chart.js configuration. */
    public String getUsageChart() {
        if (usageChart == null) {
            usageChart = DashboardCharts.usage(costHistory.of(CHART_DAYS, Instant.now()));
        }
        return usageChart;
    }

    /** The ChatGPT quota used over the last {@value #CHART_DAYS} days; null without a snapshot in that time. */
    public String getQuotaChart() {
        if (quotaChart == null) {
            ChatgptUsageReports.History history = quotaReports.history(CHART_DAYS, Instant.now());
            quotaChart = Optional.ofNullable(history.points().isEmpty() ? null : DashboardCharts.quota(history));
        }
        return quotaChart.orElse(null);
    }

    /** Fills the Quota trend dialog with one limit ({@code 5h} or {@code weekly}) before it opens. */
    public void showQuotaTrend(String window) {
        quotaTrend = QuotaTrend.of(quotaReports.history(QUOTA_TREND_DAYS, Instant.now()), window);
    }

    /** The limit the Quota trend dialog shows; null until a chart button asked for one in this request. */
    public String getQuotaTrendTitle() {
        return quotaTrend == null ? null : quotaTrend.title();
    }

    public String getQuotaTrendCaption() {
        return quotaTrend == null ? null : quotaTrend.caption();
    }

    public String getQuotaTrendChart() {
        return quotaTrend == null ? null : quotaTrend.chart();
    }

    /** The fleet's Codex and Claude Code credentials, for the badges that say what needs setting up. */
    public List<ProviderStatus.Loaded> getProviders() {
        if (providers == null) {
            providers = providerStatus.loaded();
        }
        return providers;
    }

    public String providerSeverity(ProviderStatus.Loaded credential) {
        return ProvidersPage.severityOf(credential);
    }

    public String providerTitle(ProviderStatus.Loaded credential) {
        return ProvidersPage.titleOf(credential);
    }

    public int getChartDays() {
        return CHART_DAYS;
    }

    public String getLastRefreshAge() {
        Object last = fleet.get("last_refresh");
        return last == null ? "never" : Ages.ago(last.toString());
    }
}
