package dev.codexauth.usage.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricesTest {

    private static final Prices GPT51 = prices("0.00125", "0.01", "0.000125");

    @Test
    void costIsEachKindPerThousandTimesItsPrice() {
        // 1000/1000 × 0.00125 + 234/1000 × 0.01 + 200/1000 × 0.000125 = 0.00125 + 0.00234 + 0.000025
        assertThat(GPT51.cost(1000L, 234L, 200L)).isEqualByComparingTo("0.003615");
        // 1,234,567/1000 × 0.00125 = 1.54320875; 89,012/1000 × 0.01 = 0.89012; 500,000/1000 × 0.000125 = 0.0625;
        // sum 2.49582875, rounded to six decimals
        assertThat(GPT51.cost(1_234_567L, 89_012L, 500_000L)).isEqualTo(new BigDecimal("2.495829"));
    }

    @Test
    void costIsRoundedHalfUpToSixDecimals() {
        // 1/1000 × 0.00125 = 0.00000125 → 0.000001; 3/1000 × 0.00125 = 0.00000375 → 0.000004
        assertThat(GPT51.cost(1L, null, null)).isEqualTo(new BigDecimal("0.000001"));
        assertThat(GPT51.cost(3L, null, null)).isEqualTo(new BigDecimal("0.000004"));
    }

    @Test
    void missingCountsCostNothingAndReasoningIsNotBilled() {
        assertThat(GPT51.cost(null, null, null)).isEqualByComparingTo("0");
        assertThat(GPT51.cost(null, 100L, null)).isEqualByComparingTo("0.001");
    }

    @Test
    void noPriceAboveZeroCostsZeroAndANegativeResultIsNull() {
        assertThat(prices("0", "0", "0").cost(1000L, 1000L, 1000L)).isEqualByComparingTo("0");
        assertThat(prices("-1", "0", "0").cost(1000L, 0L, 0L)).isEqualByComparingTo("0");
        assertThat(prices("-0.01", "0.001", "0").cost(1000L, 1000L, 0L)).isNull();
    }

    @Test
    void thePricingUrlMapIsReadWithItsDefaults() throws Exception {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        Map<String, PricingSource.Quote> quotes = PricingSource.parse("{\"gpt-5.1\":{\"input_per_1k\":0.00125,\"output_per_1k\":\"0.01\"},"
                + "\"o9\":{\"currency\":\"eur\",\"input_per_1k\":1,\"output_per_1k\":2,\"cached_per_1k\":0.5},"
                + "\"no-output\":{\"input_per_1k\":1},\"negative\":{\"input_per_1k\":-1,\"output_per_1k\":1},\"odd\":7}", "http://prices", now);

        assertThat(quotes).containsOnlyKeys("gpt-5.1", "o9");
        Prices gpt = quotes.get("gpt-5.1").prices();
        assertThat(gpt.currency()).isEqualTo("USD");
        assertThat(gpt.cachedPer1k()).isEqualByComparingTo("0");
        assertThat(gpt.outputPer1k()).isEqualByComparingTo("0.01");
        assertThat(gpt.source()).isEqualTo("http://prices");
        assertThat(quotes.get("o9").prices().currency()).isEqualTo("EUR");
        assertThat(quotes.get("o9").raw()).contains("\"cached_per_1k\":0.5");
    }

    @Test
    void aPricingAnswerThatIsNotAnObjectIsUnavailable() {
        assertThatThrownBy(() -> PricingSource.parse("[1,2]", "http://prices", Instant.now())).isInstanceOf(PricingSource.Unavailable.class);
        assertThatThrownBy(() -> PricingSource.parse("<html>", "http://prices", Instant.now())).isInstanceOf(PricingSource.Unavailable.class);
    }

    @Test
    void pricesFarBelowTheSixthPlaceAreZeroAndOverlongPriceTextSkipsItsModel() throws Exception {
        // Rounding 1e-999999999 to six places computes ten to the power of a billion: minutes and more than the heap.
        String body = "{\"tiny\":{\"input_per_1k\":1e-999999999,\"output_per_1k\":\"1E-999999999\",\"cached_per_1k\":4.9e-7},"
                + "\"long-text\":{\"input_per_1k\":\"0." + "1".repeat(2000) + "\",\"output_per_1k\":1},"
                + "\"fine\":{\"input_per_1k\":5e-7,\"output_per_1k\":\"0.0000014999\"}}";

        Map<String, PricingSource.Quote> quotes = PricingSource.parse(body, "http://prices", Instant.now());

        assertThat(quotes).containsOnlyKeys("tiny", "fine");
        Prices tiny = quotes.get("tiny").prices();
        assertThat(tiny.inputPer1k()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(tiny.outputPer1k()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(tiny.cachedPer1k()).isEqualTo(new BigDecimal("0.000000"));
        assertThat(quotes.get("fine").prices().inputPer1k()).isEqualTo(new BigDecimal("0.000001"));
        assertThat(quotes.get("fine").prices().outputPer1k()).isEqualTo(new BigDecimal("0.000001"));
    }

    private static Prices prices(String input, String output, String cached) {
        return new Prices("gpt-5.1", "USD", new BigDecimal(input), new BigDecimal(output), new BigDecimal(cached), "env", null, null);
    }
}
