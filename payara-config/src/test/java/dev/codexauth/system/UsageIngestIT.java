package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /usage} against the running server (sync.md §9): what is stored and priced, that {@code /auth} shows it
 * in the month's total at once, that reports arriving together (and so committed together) stay each host's own,
 * and that bad input is a 422 that stores nothing.
 */
class UsageIngestIT {

    @BeforeAll
    static void pricesFromTheStubAndTheEnvironment() {
        UpstreamStub.shared().pricing(200, UpstreamStub.DEFAULT_PRICES);
        HttpResult refreshed = admin("POST", "/admin/api/pricing/refresh", null);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    }

    @Test
    void aBatchIsStoredPricedPerModelAndCountsInTheMonthTotalOfAuth() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        assertThat(monthTotal(laptop, ip).getJsonNumber("events").longValue()).isZero();
        int pricingFetches = UpstreamStub.shared().pricingRequests().size();

        HttpResult answer = host(ip, "POST", "/usage", laptop.key(), "{\"usages\":["
                // gpt-5.1-codex at the stub's prices: 1.0 × 0.002 + 0.234 × 0.02 + 0.2 × 0.0002 = 0.00672
                + "{\"total\":\"1,434\",\"input\":\"1_000\",\"output\":234,\"cached\":200,\"reasoning\":50,\"model\":\"gpt-5.1-codex\","
                + "\"line\":\"\\u001b[1mdone\\u001b[0m Token usage: total=1,434\"},"
                // the counts the wrapper read, the line only for people; an unknown model is priced as gpt-5.1 from the
                // environment: 1.5 × 0.00125 + 0.5 × 0.01 + 0.5 × 0.000125 = 0.0069375 → 0.006938
                + "{\"total\":2000,\"input\":1500,\"output\":500,\"cached\":500,\"reasoning\":20,"
                + "\"line\":\"Token usage: total=9 input=9 output=9\",\"model\":\"mystery-model-xyz\"},"
                // no model: gpt-5.1, 0.01 × 0.01 = 0.0001
                + "{\"total\":10,\"output\":10}]}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonObject data = answer.data();
        assertThat(data.getInt("recorded")).isEqualTo(3);
        assertThat(data.getJsonNumber("host_id").longValue()).isEqualTo(laptop.id());
        assertThat(data.containsKey("line")).as("only a single entry is copied to the top").isFalse();
        assertThat(decimal(data, "cost")).isEqualByComparingTo("0.013758");
        JsonArray usages = data.getJsonArray("usages");
        assertThat(decimal(usages.getJsonObject(0), "cost")).isEqualByComparingTo("0.00672");
        assertThat(usages.getJsonObject(0).getString("line")).isEqualTo("Token usage: total=1,434");
        assertThat(usages.getJsonObject(1).getJsonNumber("input").longValue()).isEqualTo(1500);
        assertThat(usages.getJsonObject(1).getJsonNumber("cached").longValue()).isEqualTo(500);
        assertThat(usages.getJsonObject(1).getJsonNumber("reasoning").longValue()).isEqualTo(20);
        assertThat(decimal(usages.getJsonObject(1), "cost")).isEqualByComparingTo("0.006938");
        assertThat(decimal(usages.getJsonObject(2), "cost")).isEqualByComparingTo("0.0001");
        assertThat(usages.getJsonObject(2).isNull("input")).isTrue();
        assertThat(usages.getJsonObject(0).getString("recorded_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");

        long ingestId = data.getJsonNumber("ingest_id").longValue();
        Map<String, Object> ingest = Rows.query("SELECT * FROM token_usage_ingests WHERE id = ?", ingestId).get(0);
        assertThat(ingest).containsEntry("entries", 3L).containsEntry("client_ip", ip);
        assertThat(((Number) ingest.get("host_id")).longValue()).isEqualTo(laptop.id());
        assertThat(((Number) ingest.get("total")).longValue()).isEqualTo(3444);
        assertThat(((Number) ingest.get("input_tokens")).longValue()).isEqualTo(2500);
        assertThat(((Number) ingest.get("output_tokens")).longValue()).isEqualTo(744);
        assertThat(((Number) ingest.get("cached_tokens")).longValue()).isEqualTo(700);
        assertThat(((Number) ingest.get("reasoning_tokens")).longValue()).isEqualTo(70);
        assertThat((BigDecimal) ingest.get("cost")).isEqualByComparingTo("0.013758");
        JsonArray payload = Json.createReader(new StringReader((String) ingest.get("payload"))).readObject().getJsonArray("usages");
        assertThat(payload).hasSize(3);
        assertThat(payload.getJsonObject(1).getString("model")).isEqualTo("mystery-model-xyz");
        assertThat(Rows.count("SELECT COUNT(*) FROM token_usages WHERE ingest_id = ? AND host_id = ?", ingestId, laptop.id())).isEqualTo(3);
        assertThat(Rows.count("SELECT COUNT(*) FROM logs WHERE action = 'token.usage' AND host_id = ?", laptop.id())).isEqualTo(3);

        assertThat(Rows.count("SELECT COUNT(*) FROM pricing_snapshots WHERE model = 'mystery-model-xyz'")).isZero();
        assertThat(UpstreamStub.shared().pricingRequests()).as("pricing is never fetched while ingesting").hasSize(pricingFetches);

        JsonObject month = monthTotal(laptop, ip);
        assertThat(month.getJsonNumber("total").longValue()).isEqualTo(3444);
        assertThat(month.getJsonNumber("input").longValue()).isEqualTo(2500);
        assertThat(month.getJsonNumber("events").longValue()).isEqualTo(3);
        assertThat(decimal(month, "cost")).isEqualByComparingTo("0.013758");
    }

    @Test
    void aSingleEntryIsAlsoCopiedToTheTopLevel() {
        Fleet.HostKey laptop = Fleet.newHost();

        JsonObject data = host(Fleet.freshIp(), "POST", "/usage", laptop.key(),
                json("total", 30, "input", 20, "output", 10, "model", "gpt-5.1", "line", "Token usage: total=30")).data();

        assertThat(data.getInt("recorded")).isEqualTo(1);
        assertThat(data.getJsonNumber("total").longValue()).isEqualTo(30);
        assertThat(data.getString("model")).isEqualTo("gpt-5.1");
        assertThat(data.getString("line")).isEqualTo("Token usage: total=30");
        assertThat(data.isNull("cached")).isTrue();
        // 0.02 × 0.00125 + 0.01 × 0.01 = 0.000125
        assertThat(decimal(data, "cost")).isEqualByComparingTo("0.000125");
        assertThat(data.getString("recorded_at")).isEqualTo(data.getJsonArray("usages").getJsonObject(0).getString("recorded_at"));
    }

    @Test
    void reportsOfManyHostsArrivingTogetherAreEachStoredUnderTheirOwnHost() throws Exception {
        int hosts = 8;
        int reportsEach = 15;
        List<Fleet.HostKey> fleet = IntStream.range(0, hosts).mapToObj(i -> Fleet.newHost()).toList();
        ExecutorService callers = Executors.newFixedThreadPool(hosts);
        List<Future<List<JsonObject>>> answers = new ArrayList<>();
        try {
            for (int h = 0; h < hosts; h++) {
                Fleet.HostKey laptop = fleet.get(h);
                String ip = Fleet.freshIp();
                answers.add(callers.submit(() -> {
                    List<JsonObject> mine = new ArrayList<>();
                    for (int r = 1; r <= reportsEach; r++) {
                        HttpResult answer = host(ip, "POST", "/usage", laptop.key(), json("total", laptop.id() * 1_000 + r, "model", "gpt-5.1"));
                        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                        mine.add(answer.data());
                    }
                    return mine;
                }));
            }
            for (int h = 0; h < hosts; h++) {
                long hostId = fleet.get(h).id();
                List<JsonObject> mine = answers.get(h).get(60, TimeUnit.SECONDS);
                for (int r = 1; r <= reportsEach; r++) {
                    JsonObject data = mine.get(r - 1);
                    assertThat(data.getInt("recorded")).as(data.toString()).isEqualTo(1);
                    long ingestId = data.getJsonNumber("ingest_id").longValue();
                    assertThat(Rows.count("SELECT COUNT(*) FROM token_usage_ingests WHERE id = ? AND host_id = ? AND total = ?",
                            ingestId, hostId, hostId * 1_000 + r)).as("ingest %d of host %d", ingestId, hostId).isEqualTo(1);
                    assertThat(Rows.count("SELECT COUNT(*) FROM token_usages WHERE ingest_id = ? AND host_id = ? AND total = ?",
                            ingestId, hostId, hostId * 1_000 + r)).isEqualTo(1);
                }
                assertThat(Rows.count("SELECT COUNT(*) FROM token_usages WHERE host_id = ?", hostId)).isEqualTo(reportsEach);
                assertThat(Rows.count("SELECT COUNT(*) FROM logs WHERE action = 'token.usage' AND host_id = ?", hostId))
                        .isEqualTo(reportsEach);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void badInputIsA422NamingTheFieldsAndNothingIsStored() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        Map<String, List<String>> cases = Map.of(
                "{\"usages\":[{\"total\":5},{\"total\":-1,\"input\":\"12a\"}]}", List.of("usages.1.total", "usages.1.input"),
                "{\"total\":true,\"output\":1.5}", List.of("total", "output"),
                "{\"model\":\"gpt-5.1\"}", List.of("usage"),
                "{\"usages\":[]}", List.of("usages"),
                "{\"usages\":\"many\"}", List.of("usages"),
                "", List.of("usage"));

        cases.forEach((body, fields) -> {
            HttpResult answer = host(ip, "POST", "/usage", laptop.key(), body);
            assertThat(answer.status()).as(body + " → " + answer.body()).isEqualTo(422);
            JsonObject error = answer.json();
            assertThat(error.getString("status")).isEqualTo("error");
            assertThat(error.getString("message")).isEqualTo("Validation failed");
            assertThat(error.getString("code")).isEqualTo("validation_failed");
            assertThat(error.getJsonObject("errors").keySet()).as(body).containsExactlyInAnyOrderElementsOf(fields);
        });

        assertThat(Rows.count("SELECT COUNT(*) FROM token_usage_ingests WHERE host_id = ?", laptop.id())).isZero();
        assertThat(Rows.count("SELECT COUNT(*) FROM token_usages WHERE host_id = ?", laptop.id())).isZero();
        assertThat(Rows.count("SELECT COUNT(*) FROM logs WHERE action = 'token.usage' AND host_id = ?", laptop.id())).isZero();
    }

    @Test
    void aFailureOnTheServersSideAnswersTheOriginalsRecordedFalseAndStoresNothing() {
        Fleet.HostKey laptop = Fleet.newHost();
        HttpResult answer;
        Fleet.sql("RENAME TABLE token_usages TO token_usages_away");
        try {
            answer = host(Fleet.freshIp(), "POST", "/usage", laptop.key(), json("total", 5));
        } finally {
            Fleet.sql("RENAME TABLE token_usages_away TO token_usages");
        }

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.data().getBoolean("recorded")).isFalse();
        assertThat(answer.data().getString("reason")).isEqualTo("usage ingestion failed");
        assertThat(Rows.count("SELECT COUNT(*) FROM token_usage_ingests WHERE host_id = ?", laptop.id())).as("rolled back").isZero();
    }

    @Test
    void theKeyIsCheckedBeforeTheBodyAndBrokenJsonIs400() {
        String ip = Fleet.freshIp();
        assertThat(host(ip, "POST", "/usage", null, "{\"total\":-1}").status()).isEqualTo(401);
        assertThat(host(ip, "POST", "/usage", "f".repeat(64), "{\"total\":-1}").status()).isEqualTo(401);
        HttpResult broken = host(ip, "POST", "/usage", Fleet.newHost().key(), "{\"total\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().getString("message")).isEqualTo("Invalid JSON payload");
    }

    private static JsonObject monthTotal(Fleet.HostKey host, String ip) {
        HttpResult answer = host(ip, "POST", "/auth", host.key(), json("digest", AuthDecisionTableIT.sha256("usage"),
                "last_refresh", "2025-11-19T09:27:43Z"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.data().getJsonObject("token_usage_month");
    }

    static BigDecimal decimal(JsonObject object, String name) {
        return object.getJsonNumber(name).bigDecimalValue();
    }
}
