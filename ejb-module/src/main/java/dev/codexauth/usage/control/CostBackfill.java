package dev.codexauth.usage.control;

import dev.codexauth.ops.control.BatchedStatements;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.math.BigDecimal;
import java.util.List;

/**
 * The original's one-time start-up fix (sync.md §9.1, setting {@code token_usage_cost_backfill_v1}): usage and
 * ingest rows written before costs existed get one from the current {@code gpt-5.1} prices. Runs in batches of its
 * own transactions so that a large table is never locked as a whole.
 */
@Stateless
public class CostBackfill {

    static final int BATCH = 5000;
    private static final String COST = "ROUND(COALESCE(input_tokens, 0) * ?1 / 1000 + COALESCE(output_tokens, 0) * ?2 / 1000"
            + " + COALESCE(cached_tokens, 0) * ?3 / 1000, 6)";

    @EJB
    BatchedStatements statements;

    /** @return how many rows got a cost, or -1 when the prices are negative and nothing was changed */
    public long fill(Prices prices) {
        if (prices.inputPer1k().signum() < 0 || prices.outputPer1k().signum() < 0 || prices.cachedPer1k().signum() < 0) {
            return -1;
        }
        BigDecimal zero = BigDecimal.ZERO;
        List<BigDecimal> rates = prices.priced() ? List.of(prices.inputPer1k(), prices.outputPer1k(), prices.cachedPer1k())
                : List.of(zero, zero, zero);
        long filled = 0;
        for (String table : List.of("token_usages", "token_usage_ingests")) {
            int changed;
            do {
                changed = statements.execute(batch(table), rates.get(0), rates.get(1), rates.get(2));
                filled += changed;
            } while (changed == BATCH);
        }
        return filled;
    }

    /** One batch for {@code table}; parameters: input, output and cached price per 1,000 tokens. */
    static String batch(String table) {
        return "UPDATE " + table + " SET cost = " + COST + " WHERE cost IS NULL LIMIT " + BATCH;
    }
}
