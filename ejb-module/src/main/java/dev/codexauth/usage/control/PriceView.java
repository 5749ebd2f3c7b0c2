package dev.codexauth.usage.control;

import dev.codexauth.ops.control.Timestamps;
import jakarta.json.bind.annotation.JsonbProperty;
import java.math.BigDecimal;

/**
 * Prices as the admin API shows a snapshot (admin.md §2.2 {@code pricing}): without the raw source text. {@code id}
 * is null and {@code source_url} {@code env} for environment prices that were never recorded. (The naming strategy
 * would not put an underscore before the digit, hence the explicit names.)
 */
public record PriceView(Long id, String model, String currency,
                        @JsonbProperty("input_price_per_1k") BigDecimal inputPricePer1k,
                        @JsonbProperty("output_price_per_1k") BigDecimal outputPricePer1k,
                        @JsonbProperty("cached_price_per_1k") BigDecimal cachedPricePer1k,
                        String sourceUrl, String fetchedAt, String createdAt) {

    public static PriceView of(Prices prices) {
        String at = Timestamps.format(prices.fetchedAt());
        return new PriceView(prices.snapshotId(), prices.model(), prices.currency(), Money.price(prices.inputPer1k()),
                Money.price(prices.outputPer1k()), Money.price(prices.cachedPer1k()), prices.source(), at, at);
    }
}
