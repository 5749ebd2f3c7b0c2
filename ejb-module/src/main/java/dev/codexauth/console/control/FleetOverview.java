package dev.codexauth.console.control;

import dev.codexauth.auth.control.CanonicalStore;
import dev.codexauth.auth.control.CanonicalUnavailable;
import dev.codexauth.ops.control.FleetSettings;
import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.host.control.HostPruner;
import dev.codexauth.sync.control.FleetVersions;
import dev.codexauth.sync.control.Wrappers;
import dev.codexauth.usage.control.ChatgptUsageRefresh;
import dev.codexauth.usage.control.ChatgptUsageReports;
import dev.codexauth.usage.control.PriceList;
import dev.codexauth.usage.control.PriceView;
import dev.codexauth.usage.control.Prices;
import dev.codexauth.usage.entity.ChatgptUsageSnapshot;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /admin/api/overview} (admin.md §2.2): the fleet at a glance. Pure reads: nothing is pruned, refreshed or
 * fetched from upstream here (the original's overview did all three). Costs are the sums of the costs stored with
 * each usage row, so a month's cost does not change when prices do.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FleetOverview {

    /** Token sums of one period. */
    public record Tokens(long total, long input, long output, long cached, long reasoning, BigDecimal cost, long events) {
    }

    /** The host with the most tokens of all time. */
    public record TopHost(long hostId, String fqdn, long total) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    SettingsStore settings;

    @EJB
    FleetVersions versions;

    @EJB
    Wrappers wrappers;

    @EJB
    CanonicalStore canonical;

    @EJB
    ChatgptUsageRefresh chatgpt;

    @EJB
    HostPruner pruner;

    @Inject
    PriceList prices;

    @Inject
    @ConfigProperty(name = "chatgpt.plus.plan.cost", defaultValue = "20")
    BigDecimal plusPlanCost;

    @Inject
    @ConfigProperty(name = "chatgpt.pro.plan.cost", defaultValue = "200")
    BigDecimal proPlanCost;

    /** @param mtls what the admin's connection showed of a client certificate (admin.md §1.1), from the boundary */
    public Map<String, Object> of(Map<String, Object> mtls, Instant now) {
        FleetSettings fleet = settings.fresh();
        ChatgptUsageSnapshot snapshot = chatgpt.latest();
        Instant dayStart = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant monthStart = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant weekStart = weekStart(snapshot, dayStart);
        Prices pricing = prices.defaultPrices();
        Tokens day = tokensSince(dayStart);
        Tokens week = tokensSince(weekStart);
        Tokens month = tokensSince(monthStart);
        boolean hasCanonical = hasCanonical();

        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("mtls", mtls);
        overview.put("totals", Map.of("hosts", count("SELECT COUNT(*) FROM hosts")));
        overview.put("latest_log_at", text("SELECT MAX(created_at) FROM logs"));
        overview.put("last_refresh", text("SELECT MAX(last_refresh) FROM hosts"));
        overview.put("avg_refresh_age_days", averageRefreshAgeDays(now));
        overview.put("versions", wrappers.unbaked(versions.snapshot()));
        overview.put("has_canonical_auth", hasCanonical);
        overview.put("seed_required", !hasCanonical);
        overview.put("seed_reasons", hasCanonical ? List.of() : List.of("missing_auth"));
        overview.put("tokens", allTime());
        overview.put("tokens_day", day);
        overview.put("tokens_week", week);
        overview.put("tokens_month", month);
        overview.put("pricing", PriceView.of(pricing));
        overview.put("pricing_day_cost", day.cost());
        overview.put("pricing_week_cost", week.cost());
        overview.put("pricing_month_cost", month.cost());
        overview.put("subscription_plans", Map.of("currency", pricing.currency().toUpperCase(Locale.ROOT), "plus_cost", plusPlanCost,
                "pro_cost", proPlanCost));
        overview.put("chatgpt_usage", snapshot == null ? null : ChatgptUsageReports.Snapshot.of(snapshot));
        overview.put("chatgpt_cached", snapshot != null);
        overview.put("chatgpt_next_eligible_at", snapshot == null ? null : Timestamps.format(snapshot.getNextEligibleAt()));
        overview.put("quota_hard_fail", fleet.quotaHardFail());
        overview.put("quota_limit_percent", fleet.quotaLimitPercent());
        overview.put("quota_week_partition", fleet.quotaWeekPartition());
        overview.put("cdx_silent", fleet.cdxSilent());
        overview.put("inactivity_window_days", pruner.windowDays());
        overview.put("client_version_lock", fleet.text(SettingKeys.CLIENT_VERSION_LOCK).orElse(null));
        overview.put("client_version_lock_updated_at", fleet.text(SettingKeys.CLIENT_VERSION_LOCK)
                .flatMap(v -> fleet.updatedAt(SettingKeys.CLIENT_VERSION_LOCK)).map(Timestamps::format).orElse(null));
        return overview;
    }

    /** The start of ChatGPT's current weekly window when the snapshot tells it, else UTC midnight six days ago. */
    static Instant weekStart(ChatgptUsageSnapshot snapshot, Instant dayStart) {
        if (snapshot != null && snapshot.getSecondaryLimitSeconds() != null && snapshot.getSecondaryResetAfterSeconds() != null
                && snapshot.getFetchedAt() != null) {
            long elapsed = snapshot.getSecondaryLimitSeconds() - snapshot.getSecondaryResetAfterSeconds();
            if (elapsed >= 0) {
                return snapshot.getFetchedAt().minusSeconds(elapsed);
            }
        }
        return dayStart.minus(Duration.ofDays(6));
    }

    private boolean hasCanonical() {
        try {
            return canonical.latest().isPresent();
        } catch (CanonicalUnavailable unreadable) {
            return false;
        }
    }

    private Map<String, Object> allTime() {
        Tokens tokens = tokens("", null);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total", tokens.total());
        view.put("input", tokens.input());
        view.put("output", tokens.output());
        view.put("cached", tokens.cached());
        view.put("reasoning", tokens.reasoning());
        view.put("cost", tokens.cost());
        view.put("events", tokens.events());
        List<?> top = em.createNativeQuery("""
                SELECT u.host_id, h.fqdn, SUM(u.total) FROM token_usages u JOIN hosts h ON h.id = u.host_id
                 GROUP BY u.host_id, h.fqdn ORDER BY SUM(u.total) DESC, u.host_id LIMIT 1""").getResultList();
        view.put("top_host", top.isEmpty() ? null : topHost((Object[]) top.get(0)));
        return view;
    }

    private static TopHost topHost(Object[] row) {
        return new TopHost(((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).longValue());
    }

    private Tokens tokensSince(Instant since) {
        return tokens(" WHERE created_at >= ?1", Timestamps.format(since));
    }

    private Tokens tokens(String where, String since) {
        var query = em.createNativeQuery("""
                SELECT COALESCE(SUM(total), 0), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0),
                       COALESCE(SUM(cached_tokens), 0), COALESCE(SUM(reasoning_tokens), 0), COALESCE(SUM(cost), 0), COUNT(*)
                  FROM token_usages""" + where);
        if (since != null) {
            query.setParameter(1, since);
        }
        Object[] row = (Object[]) query.getSingleResult();
        return new Tokens(number(row[0]), number(row[1]), number(row[2]), number(row[3]), number(row[4]),
                new BigDecimal(row[5].toString()).setScale(6, RoundingMode.HALF_UP), number(row[6]));
    }

    /** Mean days since each host's last refresh; hosts mostly share the canonical timestamp, so group them first. */
    private Double averageRefreshAgeDays(Instant now) {
        List<?> rows = em.createNativeQuery("SELECT last_refresh, COUNT(*) FROM hosts WHERE last_refresh IS NOT NULL AND last_refresh <> ''"
                + " GROUP BY last_refresh").getResultList();
        double days = 0;
        long hosts = 0;
        for (Object item : rows) {
            Object[] row = (Object[]) item;
            Instant refreshed = Timestamps.parse((String) row[0]).orElse(null);
            if (refreshed != null) {
                long count = number(row[1]);
                days += count * (Duration.between(refreshed, now).toSeconds() / 86_400.0);
                hosts += count;
            }
        }
        return hosts == 0 ? null : Math.round(days / hosts * 100.0) / 100.0;
    }

    private long count(String sql) {
        return number(em.createNativeQuery(sql).getSingleResult());
    }

    private String text(String sql) {
        Object value = em.createNativeQuery(sql).getSingleResult();
        return value == null ? null : value.toString();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
