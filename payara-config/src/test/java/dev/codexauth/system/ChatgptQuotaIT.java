package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ChatGPT quota snapshots (sync.md §10, admin.md §2.8) read from a stub of {@code /wham/usage} with the canonical
 * credential: success, upstream errors, the forced-refresh throttle, and what {@code /auth} shows. The canonical
 * auth is fleet-wide state, so the steps run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatgptQuotaIT {

    private static final String ACCESS_TOKEN = "eyJ.chatgpt-quota-access-token-5b1e0c";

    @BeforeAll
    static void noCanonicalAuth() {
        Fleet.sql("DELETE FROM versions WHERE name = 'canonical_payload_id'", "DELETE FROM host_auth_states", "DELETE FROM auth_payloads");
        RunnerStub.shared().answerOk();
        UpstreamStub.shared().chatgpt(200, UpstreamStub.DEFAULT_USAGE);
    }

    @Test
    @Order(1)
    void withoutACanonicalAuthTheSnapshotIsAnError() {
        JsonObject data = forceRefresh().data();

        assertThat(data.getBoolean("cached")).isFalse();
        JsonObject snapshot = data.getJsonObject("snapshot");
        assertThat(snapshot.getString("status")).isEqualTo("error");
        assertThat(snapshot.getString("error")).isEqualTo("Canonical auth.json not available");
        assertThat(seconds(snapshot.getString("next_eligible_at")) - seconds(snapshot.getString("fetched_at"))).isEqualTo(300);
        assertThat(data.getString("next_eligible_at")).isEqualTo(snapshot.getString("next_eligible_at"));
    }

    @Test
    @Order(2)
    void theCanonicalCredentialReadsTheQuota() {
        JsonObject auth = Json.createObjectBuilder().add("last_refresh", Instant.now().minusSeconds(30).toString())
                .add("tokens", Json.createObjectBuilder().add("access_token", ACCESS_TOKEN).add("account_id", "acct-7")).build();
        HttpResult uploaded = admin("POST", "/admin/api/auth/upload", Json.createObjectBuilder().add("auth", auth).build().toString());
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        int requestsBefore = UpstreamStub.shared().chatgptRequests().size();

        JsonObject snapshot = forceRefresh().data().getJsonObject("snapshot");

        assertThat(snapshot.getString("status")).isEqualTo("ok");
        assertThat(snapshot.getString("plan_type")).isEqualTo("pro");
        assertThat(snapshot.getBoolean("rate_allowed")).isTrue();
        assertThat(snapshot.getBoolean("rate_limit_reached")).isFalse();
        assertThat(snapshot.getInt("primary_used_percent")).isEqualTo(12);
        assertThat(snapshot.getJsonNumber("primary_limit_seconds").longValue()).isEqualTo(18000);
        assertThat(snapshot.getString("primary_reset_at")).as("kept as received").isEqualTo("1893456000");
        assertThat(snapshot.getInt("secondary_used_percent")).isEqualTo(40);
        assertThat(snapshot.isNull("secondary_reset_after_seconds")).as("below zero").isTrue();
        assertThat(snapshot.getString("secondary_reset_at")).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(snapshot.getString("credit_balance")).isEqualTo("0");
        assertThat(snapshot.getString("approx_local_messages")).isEqualTo("[10,20]");
        assertThat(snapshot.containsKey("raw")).as("the upstream body stays in the database").isFalse();
        Map<String, String> request = UpstreamStub.shared().chatgptRequests().get(requestsBefore);
        assertThat(request).containsEntry("authorization", "Bearer " + ACCESS_TOKEN).containsEntry("chatgpt-account-id", "acct-7")
                .containsEntry("user-agent", "codex-auth").containsEntry("accept", "application/json");
    }

    @Test
    @Order(3)
    void forcedRefreshesAreThrottledFleetWide() {
        HttpResult again = admin("POST", "/admin/api/chatgpt/usage/refresh", null);

        assertThat(again.status()).as(again.body()).isEqualTo(429);
        assertThat(again.json().getString("code")).isEqualTo("refresh_throttled");
        assertThat(Integer.parseInt(again.header("Retry-After"))).isBetween(1, 4);
    }

    @Test
    @Order(4)
    void upstreamErrorsAndUnreadableAnswersAreErrorSnapshots() {
        UpstreamStub.shared().chatgpt(503, "{\"detail\":\"overloaded\"}");
        assertThat(forceRefresh().data().getJsonObject("snapshot").getString("error")).isEqualTo("HTTP 503");

        UpstreamStub.shared().chatgpt(200, "<html>maintenance</html>");
        JsonObject unreadable = forceRefresh().data().getJsonObject("snapshot");
        assertThat(unreadable.getString("status")).isEqualTo("error");
        assertThat(unreadable.getString("error")).isEqualTo("Invalid JSON response");
    }

    @Test
    @Order(5)
    void aPlainGetReadsTheStoredSnapshotWithoutCallingUpstream() {
        int requestsBefore = UpstreamStub.shared().chatgptRequests().size();

        JsonObject data = admin("GET", "/admin/api/chatgpt/usage", null).data();

        assertThat(data.getBoolean("cached")).isTrue();
        assertThat(data.getJsonObject("snapshot").getString("error")).isEqualTo("Invalid JSON response");
        assertThat(UpstreamStub.shared().chatgptRequests()).hasSize(requestsBefore);
    }

    @Test
    @Order(6)
    void authShowsTheLatestQuotaWithCountdownsAsOfNowAndTodaysUse() throws Exception {
        UpstreamStub.shared().chatgpt(200, UpstreamStub.usage(15, 47, 7200));
        JsonObject fetched = forceRefresh().data().getJsonObject("snapshot");
        assertThat(fetched.getString("status")).isEqualTo("ok");
        Thread.sleep(2000);
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();

        JsonObject quota = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            quota = Fleet.host(ip, "POST", "/auth", laptop.key(), Fleet.json("digest", AuthDecisionTableIT.sha256("quota"),
                    "last_refresh", "2025-11-19T09:27:43Z")).data().getJsonObject("chatgpt_usage");
            if (quota != null && fetched.getString("fetched_at").equals(quota.getString("fetched_at"))) {
                break;
            }
            Thread.sleep(500);
        }

        assertThat(quota.getString("status")).isEqualTo("ok");
        assertThat(quota.getString("plan_type")).isEqualTo("pro");
        JsonObject primary = quota.getJsonObject("primary_window");
        assertThat(primary.getInt("used_percent")).isEqualTo(15);
        assertThat(primary.getJsonNumber("limit_seconds").longValue()).isEqualTo(18000);
        assertThat(primary.getJsonNumber("reset_after_seconds").longValue()).as("counted down since the fetch").isBetween(7100L, 7198L);
        assertThat(quota.getInt("daily_used_percent")).as("47 now against 40 at today's first reading").isEqualTo(7);
        assertThat(seconds(quota.getString("daily_baseline_at"))).isLessThan(seconds(quota.getString("fetched_at")));
        assertThat(quota.getString("next_eligible_at")).isEqualTo(fetched.getString("next_eligible_at"));

        JsonObject history = admin("GET", "/admin/api/chatgpt/usage/history?days=1", null).data();
        assertThat(history.getInt("days")).isEqualTo(1);
        var points = history.getJsonArray("points").getValuesAs(JsonObject.class);
        assertThat(points).allSatisfy(p -> assertThat(p.containsKey("secondary_used_percent")).isTrue());
        assertThat(points.get(points.size() - 1).getInt("secondary_used_percent")).isEqualTo(47);
        assertThat(points.stream().map(p -> p.getString("fetched_at")).toList()).isSorted();
    }

    @Test
    @Order(7)
    void theAccessTokenIsNeverStoredOutsideTheCanonicalAuthNorLogged() throws Exception {
        assertThat(Rows.count("SELECT COUNT(*) FROM chatgpt_usage_snapshots WHERE CONCAT(COALESCE(raw, ''), COALESCE(error, '')) LIKE ?",
                "%" + ACCESS_TOKEN + "%")).isZero();
        assertThat(Rows.count("SELECT COUNT(*) FROM logs WHERE details LIKE ?", "%" + ACCESS_TOKEN + "%")).isZero();
        assertThat(Fleet.server().log()).doesNotContain(ACCESS_TOKEN);
    }

    /** A forced refresh, waiting out the throttle when the previous read (the timer's or a test's) was too recent. */
    private static HttpResult forceRefresh() {
        for (int attempt = 0; attempt < 10; attempt++) {
            HttpResult answer = admin("POST", "/admin/api/chatgpt/usage/refresh", null);
            if (answer.status() != 429) {
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                return answer;
            }
            sleep(Duration.ofSeconds(Long.parseLong(answer.header("Retry-After"))));
        }
        throw new AssertionError("the refresh stayed throttled");
    }

    private static long seconds(String timestamp) {
        return OffsetDateTime.parse(timestamp).toEpochSecond();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
