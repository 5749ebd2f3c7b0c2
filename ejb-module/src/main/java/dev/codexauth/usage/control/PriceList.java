package dev.codexauth.usage.control;

import dev.codexauth.ops.control.SettingKeys;
import dev.codexauth.ops.control.SettingsStore;
import dev.codexauth.usage.entity.PricingSnapshot;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The latest recorded prices of every model, in memory: pricing usage never queries or fetches anything. A model
 * without a snapshot of its own is priced as {@code gpt-5.1} (host-api.md §6.3: arbitrary model names must not
 * create snapshots or trigger fetches). Reloaded when any node records new prices (setting
 * {@code pricing_refreshed_at}) and at least every few minutes.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class PriceList {

    private static final long MAX_AGE_NANOS = Duration.ofMinutes(5).toNanos();

    @PersistenceContext(unitName = "central")
    EntityManager em;

    @EJB
    SettingsStore settings;

    @Inject
    PricingSettings pricing;

    private record Loaded(Map<String, Prices> byModel, String refreshMarker, long loadedAt) {
    }

    private volatile Loaded loaded;

    /** The prices in force now: each model's own snapshot, else the default model's. */
    public PriceBook book() {
        Map<String, Prices> byModel = current().byModel();
        Prices recorded = byModel.get(PricingSettings.DEFAULT_MODEL);
        return new PriceBook(byModel, recorded != null ? recorded : pricing.envPrices(PricingSettings.DEFAULT_MODEL));
    }

    /** The {@code gpt-5.1} snapshot, else the environment's prices. */
    public Prices defaultPrices() {
        return book().fallback();
    }

    /** The latest snapshot of every model that has one. */
    public Collection<Prices> latest() {
        return current().byModel().values();
    }

    /** Drops this node's copy (after recording prices here). */
    public void invalidate() {
        loaded = null;
    }

    private Loaded current() {
        Loaded current = loaded;
        String marker = settings.current().text(SettingKeys.PRICING_REFRESHED_AT).orElse("");
        if (current == null || !Objects.equals(current.refreshMarker(), marker) || System.nanoTime() - current.loadedAt() > MAX_AGE_NANOS) {
            current = new Loaded(load(), marker, System.nanoTime());
            loaded = current;
        }
        return current;
    }

    private Map<String, Prices> load() {
        Map<String, Prices> byModel = new HashMap<>();
        for (PricingSnapshot row : em.createQuery("SELECT p FROM PricingSnapshot p WHERE p.id IN"
                + " (SELECT MAX(q.id) FROM PricingSnapshot q GROUP BY q.model)", PricingSnapshot.class).getResultList()) {
            byModel.put(PriceBook.key(row.getModel()), of(row));
        }
        return Map.copyOf(byModel);
    }

    static Prices of(PricingSnapshot row) {
        return new Prices(row.getModel(), row.getCurrency(), row.getInputPricePer1k(), row.getOutputPricePer1k(),
                row.getCachedPricePer1k(), row.getSourceUrl(), row.getId(), row.getFetchedAt());
    }
}
