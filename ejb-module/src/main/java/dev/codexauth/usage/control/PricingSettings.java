package dev.codexauth.usage.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where prices come from (sync.md §9.1): {@code PRICING_URL} (a JSON map of models), else the environment's
 * {@code gpt-5.1} prices, which also stand in for any model the URL does not list.
 */
@ApplicationScoped
public class PricingSettings {

    /** The model whose prices apply to usage of any model without prices of its own. */
    public static final String DEFAULT_MODEL = "gpt-5.1";
    public static final String ENV_SOURCE = "env";

    @Inject
    @ConfigProperty(name = "pricing.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "gpt51.input.per.1k", defaultValue = "0.00125")
    BigDecimal inputPer1k;

    @Inject
    @ConfigProperty(name = "gpt51.output.per.1k", defaultValue = "0.01")
    BigDecimal outputPer1k;

    @Inject
    @ConfigProperty(name = "gpt51.cached.per.1k", defaultValue = "0.000125")
    BigDecimal cachedPer1k;

    @Inject
    @ConfigProperty(name = "pricing.currency", defaultValue = "USD")
    String currency;

    public Optional<String> url() {
        return url.map(String::trim).filter(u -> !u.isEmpty());
    }

    public String currency() {
        String normalized = currency == null ? "" : currency.trim().toUpperCase(Locale.ROOT);
        return normalized.isEmpty() ? "USD" : normalized;
    }

    /** The environment's prices, as used for {@code model}. */
    public Prices envPrices(String model) {
        return new Prices(model, currency(), inputPer1k, outputPer1k, cachedPer1k, ENV_SOURCE, null, null);
    }
}
