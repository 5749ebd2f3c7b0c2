package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The admin usage reports (admin.md §2.7): ingest browser, usage rows, token lines, cost history, and who may see what. */
class UsageAdminIT {

    @Test
    void theIngestBrowserFiltersSortsAndPages() {
        Fleet.HostKey busy = Fleet.newHost();
        Fleet.HostKey quiet = Fleet.newHost();
        String busyIp = Fleet.freshIp();
        for (int total : List.of(10, 30, 20)) {
            report(busyIp, busy, "{\"total\":" + total + ",\"input\":" + total + "}");
        }
        long quietIngest = report(Fleet.freshIp(), quiet, "{\"total\":5}").getJsonNumber("ingest_id").longValue();

        JsonObject first = admin("GET", "/admin/api/usage/ingests?host_id=" + busy.id() + "&sort=total&direction=asc&per_page=2", null).data();
        assertThat(totals(first.getJsonArray("items"))).containsExactly(10L, 20L);
        assertThat(first.getJsonNumber("total").longValue()).isEqualTo(3);
        assertThat(first.getInt("pages")).isEqualTo(2);
        assertThat(first.getInt("per_page")).isEqualTo(2);
        assertThat(first.getString("currency")).isEqualTo("USD");
        JsonObject item = first.getJsonArray("items").getJsonObject(0);
        assertThat(item.getString("fqdn")).isEqualTo(busy.fqdn());
        assertThat(item.getString("client_ip")).isEqualTo(busyIp);
        assertThat(item.getInt("entries")).isEqualTo(1);
        assertThat(item.containsKey("payload")).as("payloads only in the detail view").isFalse();
        JsonObject second = admin("GET", "/admin/api/usage/ingests?host_id=" + busy.id() + "&sort=total&direction=asc&per_page=2&page=2",
                null).data();
        assertThat(totals(second.getJsonArray("items"))).containsExactly(30L);

        JsonObject newestFirst = admin("GET", "/admin/api/usage/ingests?host_id=" + busy.id() + "&sort=nonsense", null).data();
        assertThat(totals(newestFirst.getJsonArray("items"))).as("unknown sort keys mean newest first").containsExactly(20L, 30L, 10L);

        assertThat(totals(admin("GET", "/admin/api/usage/ingests?q=" + quiet.fqdn().toUpperCase(), null).data().getJsonArray("items")))
                .containsExactly(5L);
        assertThat(admin("GET", "/admin/api/usage/ingests?q=" + busyIp, null).data().getJsonNumber("total").longValue()).isEqualTo(3);
        assertThat(ids(admin("GET", "/admin/api/usage/ingests?per_page=200&q=" + quietIngest, null).data().getJsonArray("items")))
                .contains(quietIngest);
        JsonObject empty = admin("GET", "/admin/api/usage/ingests?q=no-such-host-anywhere", null).data();
        assertThat(empty.getJsonNumber("total").longValue()).isZero();
        assertThat(empty.getInt("pages")).isZero();

        JsonObject detail = admin("GET", "/admin/api/usage/ingests/" + quietIngest, null).data();
        assertThat(detail.getJsonObject("payload").getJsonArray("usages").getJsonObject(0).getJsonNumber("total").longValue()).isEqualTo(5);
        assertThat(admin("GET", "/admin/api/usage/ingests/999999999", null).json().getString("code")).isEqualTo("ingest_not_found");

        JsonObject legacy = admin("GET", "/admin/usage/ingests?host_id=" + busy.id(), null).data();
        assertThat(legacy.getJsonNumber("total").longValue()).as("the original's path").isEqualTo(3);
    }

    @Test
    void usageRowsAreNewestFirstAndTokenLinesAreGrouped() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        String line = "Token usage: total=700 input=600 output=100 run " + System.nanoTime();
        report(ip, laptop, "{\"usages\":[{\"total\":1,\"line\":\"" + line + "\"},{\"total\":2},{\"total\":3,\"line\":\"" + line + "\"}]}");

        JsonArray rows = admin("GET", "/admin/api/usage?limit=2&host_id=" + laptop.id(), null).data().getJsonArray("usages");
        assertThat(totals(rows)).containsExactly(3L, 2L);
        assertThat(rows.getJsonObject(0).getString("fqdn")).isEqualTo(laptop.fqdn());
        assertThat(rows.getJsonObject(0).getJsonNumber("ingest_id").longValue()).isPositive();

        JsonArray lines = admin("GET", "/admin/api/tokens?limit=200", null).data().getJsonArray("tokens");
        JsonObject grouped = lines.getValuesAs(JsonObject.class).stream().filter(l -> l.getString("line").equals(line)).findFirst()
                .orElseThrow();
        assertThat(grouped.getInt("events")).isEqualTo(2);
        assertThat(grouped.getJsonNumber("total").longValue()).isEqualTo(4);
        assertThat(admin("GET", "/admin/tokens?limit=1", null).data().getJsonArray("tokens")).hasSize(1);
    }

    @Test
    void costHistoryHasOnePointPerDayZeroFilledAndPricedWithTodaysPrices() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Fleet.sql("INSERT INTO token_usages (host_id, total, input_tokens, output_tokens, cached_tokens, cost, model, created_at) VALUES"
                + " (NULL, 1110, 1000, 100, 10, 99, 'history', '" + today.minusDays(3) + "T08:00:00+00:00'),"
                + " (NULL, 500, 500, 0, 0, 99, 'history', '" + today.minusDays(3) + "T23:59:59+00:00'),"
                + " (NULL, 2000, 2000, 0, 0, 99, 'history', '" + today.minusDays(5) + "T12:00:00+00:00')");

        JsonObject history = admin("GET", "/admin/api/usage/cost-history?days=7", null).data();

        assertThat(history.getInt("days")).isEqualTo(7);
        assertThat(history.getString("until")).isEqualTo(today.toString());
        assertThat(history.getBoolean("has_pricing")).isTrue();
        JsonObject pricing = history.getJsonObject("pricing");
        assertThat(pricing.getString("model")).isEqualTo("gpt-5.1");
        Map<String, JsonObject> byDate = history.getJsonArray("points").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(p -> p.getString("date"), p -> p));
        assertThat(byDate).containsKeys(today.minusDays(5).toString(), today.minusDays(4).toString(), today.toString());
        assertThat(history.getJsonArray("points")).hasSize((int) (today.toEpochDay() - LocalDate.parse(history.getString("since")).toEpochDay()) + 1);
        JsonObject busyDay = byDate.get(today.minusDays(3).toString());
        assertThat(busyDay.getJsonObject("tokens").getJsonNumber("input").longValue()).isEqualTo(1500);
        assertThat(busyDay.getJsonObject("tokens").getJsonNumber("total").longValue()).isEqualTo(1610);
        BigDecimal inputCost = price(pricing, "input_price_per_1k").multiply(new BigDecimal("1.5")).setScale(6, RoundingMode.HALF_UP);
        BigDecimal outputCost = price(pricing, "output_price_per_1k").multiply(new BigDecimal("0.1")).setScale(6, RoundingMode.HALF_UP);
        BigDecimal cachedCost = price(pricing, "cached_price_per_1k").multiply(new BigDecimal("0.01")).setScale(6, RoundingMode.HALF_UP);
        JsonObject costs = busyDay.getJsonObject("costs");
        assertThat(costs.getJsonNumber("input").bigDecimalValue()).as("not the stored row costs").isEqualByComparingTo(inputCost);
        assertThat(costs.getJsonNumber("total").bigDecimalValue()).isEqualByComparingTo(inputCost.add(outputCost).add(cachedCost));
        JsonObject quietDay = byDate.get(today.minusDays(4).toString());
        assertThat(quietDay.getJsonObject("tokens").getJsonNumber("total").longValue()).isZero();
        assertThat(quietDay.getJsonObject("costs").getJsonNumber("total").doubleValue()).isZero();

        for (String days : List.of("0", "181", "abc")) {
            HttpResult refused = admin("GET", "/admin/api/usage/cost-history?days=" + days, null);
            assertThat(refused.status()).as(days).isEqualTo(422);
            assertThat(refused.json().getJsonObject("errors").containsKey("days")).isTrue();
        }
        assertThat(admin("GET", "/admin/usage/cost-history", null).data().getInt("days")).as("default on the original path").isEqualTo(60);
    }

    @Test
    void parametersOutOfRangeAre422() {
        for (String path : List.of("/admin/api/usage/ingests?per_page=201", "/admin/api/usage/ingests?page=0",
                "/admin/api/usage/ingests?direction=sideways", "/admin/api/usage/ingests?host_id=abc", "/admin/api/usage?limit=501",
                "/admin/api/tokens?limit=0", "/admin/api/chatgpt/usage/history?days=181", "/admin/api/chatgpt/usage?force=maybe")) {
            HttpResult answer = admin("GET", path, null);
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(422);
            assertThat(answer.json().getString("code")).isEqualTo("validation_failed");
        }
    }

    @Test
    void viewersReadUsageButOnlyAdminsRefreshOrPrune() {
        for (String path : List.of("/admin/api/usage", "/admin/api/usage/ingests", "/admin/api/tokens", "/admin/api/usage/cost-history",
                "/admin/api/chatgpt/usage", "/admin/api/chatgpt/usage/history", "/admin/api/pricing", "/admin/api/retention",
                "/admin/usage", "/admin/tokens")) {
            assertThat(viewer("GET", path, null).status()).as(path).isEqualTo(200);
        }
        for (String[] call : List.of(new String[] {"POST", "/admin/api/chatgpt/usage/refresh"},
                new String[] {"POST", "/admin/api/pricing/refresh"}, new String[] {"POST", "/admin/api/retention/run"},
                new String[] {"POST", "/admin/chatgpt/usage/refresh"})) {
            HttpResult answer = viewer(call[0], call[1], null);
            assertThat(answer.status()).as(call[1] + " " + answer.body()).isEqualTo(403);
        }
        assertThat(Fleet.direct("GET", "/admin/api/usage/ingests", Map.of(), null).status()).isEqualTo(401);
    }

    private static JsonObject report(String ip, Fleet.HostKey key, String body) {
        HttpResult answer = host(ip, "POST", "/usage", key.key(), body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data();
    }

    private static BigDecimal price(JsonObject pricing, String name) {
        return pricing.getJsonNumber(name).bigDecimalValue();
    }

    private static List<Long> totals(JsonArray items) {
        return items.getValuesAs(JsonObject.class).stream().map(i -> i.getJsonNumber("total").longValue()).toList();
    }

    private static List<Long> ids(JsonArray items) {
        return items.getValuesAs(JsonValue.class).stream().map(i -> i.asJsonObject().getJsonNumber("id").longValue()).toList();
    }
}
