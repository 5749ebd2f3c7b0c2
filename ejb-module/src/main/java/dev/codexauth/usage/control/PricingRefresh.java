package dev.codexauth.usage.control;

import dev.codexauth.cluster.control.ClusterLock;
import dev.codexauth.ops.control.Events;
import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.usage.entity.PricingSnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Keeps the price snapshots current on a timer, never inside a request (sync.md §9.1, host-api.md §6.3): shortly
 * after start and then hourly, one node re-reads the prices when the {@code gpt-5.1} snapshot is older than a day
 * or prices nothing. A failing {@code PRICING_URL} is logged and the last snapshot kept; with no usable snapshot
 * at all the environment's prices are recorded. The first pass also runs the one-time cost backfill.
 */
@Singleton
@Startup
public class PricingRefresh {

    private static final Logger LOG = Logger.getLogger(PricingRefresh.class.getName());
    static final Duration REUSE = Duration.ofSeconds(86_400);
    private static final long FIRST_CHECK_DELAY_MILLIS = 15_000;

    /** What a refresh did: the prices it recorded (none when the current ones were fresh) and a fetch error, if any. */
    public record Outcome(List<Prices> recorded, String error) {
    }

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @Resource
    TimerService timers;

    @EJB
    ClusterLock lock;

    @EJB
    SettingsStore settings;

    @EJB
    Events events;

    @EJB
    PriceList priceList;

    @EJB
    CostBackfill backfill;

    @Inject
    PricingSettings pricing;

    @PostConstruct
    void scheduleFirstCheck() {
        timers.createSingleActionTimer(FIRST_CHECK_DELAY_MILLIS, new TimerConfig("pricing-first-check", false));
    }

    @Timeout
    public void firstCheck() {
        tick();
    }

    @Schedule(hour = "*", minute = "7", second = "0", persistent = false)
    public void hourly() {
        tick();
    }

    private void tick() {
        try {
            lock.runOncePer(Duration.ofHours(1), "pricing", () -> {
                refresh(false, "schedule");
                backfillOnce();
                return Boolean.TRUE;
            });
        } catch (RuntimeException e) {
            LOG.warning(() -> "Pricing refresh failed: " + e);
        }
    }

    /** Refreshes now on this node, ignoring the one-day reuse rule; null when another node is refreshing. */
    public Outcome refreshNow(String trigger) {
        return lock.runExclusively("pricing", () -> refresh(true, trigger));
    }

    Outcome refresh(boolean force, String trigger) {
        Instant now = Instant.now();
        PricingSnapshot current = latest(PricingSettings.DEFAULT_MODEL);
        if (!force && usable(current, now)) {
            return new Outcome(List.of(), null);
        }
        List<Prices> recorded = new ArrayList<>();
        String error = null;
        boolean defaultListed = false;
        if (pricing.url().isPresent()) {
            try {
                Map<String, PricingSource.Quote> quotes = PricingSource.fetch(pricing.url().get(), now);
                for (PricingSource.Quote quote : quotes.values()) {
                    recorded.add(record(quote.prices(), quote.raw(), now));
                    defaultListed |= quote.prices().model().equalsIgnoreCase(PricingSettings.DEFAULT_MODEL);
                }
            } catch (PricingSource.Unavailable e) {
                error = e.getMessage();
                String reason = error;
                LOG.warning(() -> "Prices from PRICING_URL unavailable (" + reason + "); the last recorded prices stay in use");
            }
        }
        boolean fetchFailed = error != null;
        if (!defaultListed && needsEnvironmentPrices(current, now, force, fetchFailed)) {
            recorded.add(record(pricing.envPrices(PricingSettings.DEFAULT_MODEL), null, now));
        }
        events.record(null, "pricing.refresh", Events.details("trigger", trigger, "models", recorded.stream().map(Prices::model).toList(),
                "source", pricing.url().isPresent() ? "url" : PricingSettings.ENV_SOURCE, "error", error));
        if (!recorded.isEmpty()) {
            settings.put(SettingKeys.PRICING_REFRESHED_AT, Timestamps.format(now) + "#" + recorded.get(recorded.size() - 1).snapshotId());
            priceList.invalidate();
        }
        return new Outcome(recorded, error);
    }

    /**
     * The environment stands in for {@code gpt-5.1} when the source did not price it: always without a URL (when
     * forced, stale, or changed), and after a failed fetch only when nothing usable is recorded.
     */
    private boolean needsEnvironmentPrices(PricingSnapshot current, Instant now, boolean force, boolean fetchFailed) {
        if (current == null || !PriceList.of(current).priced()) {
            return true;
        }
        if (fetchFailed) {
            return false;
        }
        return force || !usable(current, now) || !sameAsEnvironment(current);
    }

    private boolean sameAsEnvironment(PricingSnapshot snapshot) {
        Prices env = pricing.envPrices(PricingSettings.DEFAULT_MODEL);
        return PricingSettings.ENV_SOURCE.equals(snapshot.getSourceUrl()) && env.currency().equals(snapshot.getCurrency())
                && env.inputPer1k().compareTo(snapshot.getInputPricePer1k()) == 0
                && env.outputPer1k().compareTo(snapshot.getOutputPricePer1k()) == 0
                && env.cachedPer1k().compareTo(snapshot.getCachedPricePer1k()) == 0;
    }

    /** Younger than a day and pricing something (the original's reuse rule). */
    static boolean usable(PricingSnapshot snapshot, Instant now) {
        return snapshot != null && snapshot.getFetchedAt() != null && snapshot.getFetchedAt().isAfter(now.minus(REUSE))
                && PriceList.of(snapshot).priced();
    }

    private PricingSnapshot latest(String model) {
        return em.createQuery("SELECT p FROM PricingSnapshot p WHERE p.model = :model ORDER BY p.id DESC", PricingSnapshot.class)
                .setParameter("model", model).setMaxResults(1).getResultList().stream().findFirst().orElse(null);
    }

    private Prices record(Prices prices, String raw, Instant now) {
        PricingSnapshot row = new PricingSnapshot();
        row.setModel(prices.model());
        row.setCurrency(prices.currency());
        row.setInputPricePer1k(prices.inputPer1k());
        row.setOutputPricePer1k(prices.outputPer1k());
        row.setCachedPricePer1k(prices.cachedPer1k());
        row.setSourceUrl(prices.source());
        row.setRaw(raw);
        row.setFetchedAt(now);
        row.setCreatedAt(now);
        em.persist(row);
        return PriceList.of(row);
    }

    private void backfillOnce() {
        if (settings.current().text(SettingKeys.TOKEN_USAGE_COST_BACKFILL).isPresent()) {
            return;
        }
        em.flush();
        long filled = backfill.fill(priceList.defaultPrices());
        if (filled < 0) {
            LOG.warning("Cost backfill skipped: the gpt-5.1 prices are negative");
            return;
        }
        settings.put(SettingKeys.TOKEN_USAGE_COST_BACKFILL, Timestamps.format(Instant.now()));
        LOG.info(() -> "Cost backfill gave " + filled + " usage rows without a cost one from the current gpt-5.1 prices");
    }
}
