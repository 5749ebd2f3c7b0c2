package dev.codexauth.usage.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A model's prices per 1,000 tokens and where they came from ({@code source}: the pricing URL or {@code env}).
 * {@code snapshotId} is null for prices not (yet) recorded as a snapshot.
 */
public record Prices(String model, String currency, BigDecimal inputPer1k, BigDecimal outputPer1k, BigDecimal cachedPer1k,
                     String source, Long snapshotId, Instant fetchedAt) {

    static final int COST_SCALE = 6;

    /** At least one price above zero. */
    public boolean priced() {
        return inputPer1k.signum() > 0 || outputPer1k.signum() > 0 || cachedPer1k.signum() > 0;
    }

    /**
     * sync.md §9: input/1000 × input price + output/1000 × output price + cached/1000 × cached price (reasoning is
     * not billed separately), rounded half up to 6 decimals; 0 when nothing is priced, null when negative.
     */
    public BigDecimal cost(Long input, Long output, Long cached) {
        if (!priced()) {
            return BigDecimal.ZERO.setScale(COST_SCALE);
        }
        BigDecimal cost = part(input, inputPer1k).add(part(output, outputPer1k)).add(part(cached, cachedPer1k));
        return cost.signum() < 0 ? null : cost.setScale(COST_SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal part(Long tokens, BigDecimal pricePer1k) {
        return tokens == null ? BigDecimal.ZERO : BigDecimal.valueOf(tokens).multiply(pricePer1k).movePointLeft(3);
    }
}
