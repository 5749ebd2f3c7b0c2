package dev.codexauth.usage.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.http.JsonConfig;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How usage values look in JSON answers: the original's member names, amounts as plain decimals. */
class UsageJsonTest {

    @Test
    void pricesAreNamedAsTheOriginalNamedThem() {
        Prices prices = new Prices("gpt-5.1", "USD", new BigDecimal("0.00125"), new BigDecimal("0.01"), new BigDecimal("0.000125"),
                "env", 7L, Instant.parse("2026-11-23T10:00:00Z"));

        String json = JsonConfig.jsonb().toJson(PriceView.of(prices));

        assertThat(json).as("plain decimals, never 1.25E-4").contains("\"input_price_per_1k\":0.001250", "\"output_price_per_1k\":0.010000",
                "\"cached_price_per_1k\":0.000125",
                "\"source_url\":\"env\"", "\"fetched_at\":\"2026-11-23T10:00:00+00:00\"", "\"id\":7");
    }

    @Test
    void aRecordedEntryHasTheHostApiMemberNames() {
        UsageRows.Priced priced = new UsageRows.Priced(new UsageEntry(30L, 20L, 10L, null, 5L, "gpt-5.1", "Token usage: total=30"),
                new BigDecimal("0.000125"));

        String json = JsonConfig.jsonb().toJson(new UsageIngest.Recorded("2026-11-23T10:00:00+00:00", priced));

        assertThat(json).isEqualTo("{\"cached\":null,\"cost\":0.000125,\"input\":20,\"line\":\"Token usage: total=30\",\"model\":\"gpt-5.1\","
                + "\"output\":10,\"reasoning\":5,\"recorded_at\":\"2026-11-23T10:00:00+00:00\",\"total\":30}");
    }

    @Test
    void aPriceBookPricesUnlistedModelsWithTheFallback() {
        Prices codex = new Prices("GPT-5.1-Codex", "USD", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, "url", 1L, null);
        Prices fallback = new Prices("gpt-5.1", "USD", BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ZERO, "env", null, null);
        PriceBook book = new PriceBook(java.util.Map.of(PriceBook.key(codex.model()), codex), fallback);

        assertThat(book.forModel(" gpt-5.1-codex ")).isSameAs(codex);
        assertThat(book.forModel("anything-else")).isSameAs(fallback);
        assertThat(book.forModel(null)).isSameAs(fallback);
    }
}
