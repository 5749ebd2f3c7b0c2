package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Prices (sync.md §9.1) from a stub {@code PRICING_URL}, the environment's {@code gpt-5.1} defaults for what the URL
 * does not list, and a failing URL that keeps the last prices. Prices are fleet-wide, so the steps run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PricingIT {

    @AfterAll
    static void backToTheDefaultPrices() {
        UpstreamStub.shared().pricing(200, UpstreamStub.DEFAULT_PRICES);
        admin("POST", "/admin/api/pricing/refresh", null);
    }

    @Test
    @Order(1)
    void listedModelsComeFromTheUrlAndGpt51FromTheEnvironmentDefaults() {
        UpstreamStub.shared().pricing(200, UpstreamStub.DEFAULT_PRICES);

        JsonObject refreshed = admin("POST", "/admin/api/pricing/refresh", null).data();

        assertThat(refreshed.isNull("error")).isTrue();
        assertThat(refreshed.getJsonArray("recorded").getValuesAs(JsonObject.class).stream().map(p -> p.getString("model")).toList())
                .containsExactlyInAnyOrder("gpt-5.1-codex", "gpt-5.1");
        JsonObject prices = admin("GET", "/admin/api/pricing", null).data();
        assertThat(prices.getBoolean("source_configured")).isTrue();
        JsonObject fallback = prices.getJsonObject("fallback");
        assertThat(fallback.getString("model")).isEqualTo("gpt-5.1");
        assertThat(fallback.getString("source_url")).isEqualTo("env");
        assertThat(fallback.getJsonNumber("input_price_per_1k").doubleValue()).isEqualTo(0.00125);
        assertThat(fallback.getJsonNumber("output_price_per_1k").doubleValue()).isEqualTo(0.01);
        assertThat(fallback.getJsonNumber("cached_price_per_1k").doubleValue()).isEqualTo(0.000125);
        assertThat(fallback.getString("currency")).isEqualTo("USD");
        JsonObject codex = model(prices, "gpt-5.1-codex");
        assertThat(codex.getString("source_url")).isEqualTo(UpstreamStub.shared().pricingUrl());
        assertThat(codex.getJsonNumber("output_price_per_1k").doubleValue()).isEqualTo(0.02);
        assertThat(codex.containsKey("raw")).isFalse();
        assertThat(UpstreamStub.shared().pricingRequests().get(UpstreamStub.shared().pricingRequests().size() - 1))
                .containsEntry("accept", "application/json");
    }

    @Test
    @Order(2)
    void aFailingUrlKeepsTheLastPrices() {
        long snapshots = Rows.count("SELECT COUNT(*) FROM pricing_snapshots");
        UpstreamStub.shared().pricing(500, "{\"error\":\"down\"}");

        JsonObject refreshed = admin("POST", "/admin/api/pricing/refresh", null).data();

        assertThat(refreshed.getString("error")).isEqualTo("HTTP 500");
        assertThat(refreshed.getJsonArray("recorded")).isEmpty();
        assertThat(Rows.count("SELECT COUNT(*) FROM pricing_snapshots")).isEqualTo(snapshots);
        assertThat(model(admin("GET", "/admin/api/pricing", null).data(), "gpt-5.1-codex").getJsonNumber("input_price_per_1k")
                .doubleValue()).isEqualTo(0.002);
        assertThat(Rows.count("SELECT COUNT(*) FROM logs WHERE action = 'pricing.refresh' AND details LIKE '%HTTP 500%'")).isPositive();
    }

    @Test
    @Order(3)
    void whenTheUrlPricesGpt51ItsPricesCostTheUsageOfEveryUnlistedModel() {
        UpstreamStub.shared().pricing(200, "{\"gpt-5.1\":{\"input_per_1k\":0.004,\"output_per_1k\":\"0.03\"},"
                + "\"gpt-5.1-codex\":{\"input_per_1k\":0.002,\"output_per_1k\":0.02,\"cached_per_1k\":0.0002}}");
        admin("POST", "/admin/api/pricing/refresh", null);
        JsonObject fallback = admin("GET", "/admin/api/pricing", null).data().getJsonObject("fallback");
        assertThat(fallback.getString("source_url")).isEqualTo(UpstreamStub.shared().pricingUrl());

        JsonObject data = Fleet.host(Fleet.freshIp(), "POST", "/usage", Fleet.newHost().key(),
                Fleet.json("input", 1000, "output", 100, "cached", 500, "model", "some-new-model")).data();

        // 1.0 × 0.004 + 0.1 × 0.03 + 0.5 × 0 (cached defaults to 0) = 0.007
        assertThat(UsageIngestIT.decimal(data, "cost")).isEqualByComparingTo("0.007");
    }

    @Test
    @Order(4)
    void whenTheUrlStopsListingGpt51TheEnvironmentStandsInAgain() {
        UpstreamStub.shared().pricing(200, UpstreamStub.DEFAULT_PRICES);
        JsonObject refreshed = admin("POST", "/admin/api/pricing/refresh", null).data();
        assertThat(refreshed.getJsonArray("recorded").getValuesAs(JsonObject.class).stream().map(p -> p.getString("model")).toList())
                .as("gpt-5.1 is no longer listed: the environment stands in again").contains("gpt-5.1");
        assertThat(admin("GET", "/admin/api/pricing", null).data().getJsonObject("fallback").getString("source_url")).isEqualTo("env");
        assertThat(Rows.count("SELECT COUNT(*) FROM pricing_snapshots WHERE model = 'some-new-model'")).isZero();
    }

    private static JsonObject model(JsonObject prices, String name) {
        List<JsonObject> models = prices.getJsonArray("models").getValuesAs(JsonObject.class);
        return models.stream().filter(m -> m.getString("model").equals(name)).findFirst().orElseThrow();
    }
}
