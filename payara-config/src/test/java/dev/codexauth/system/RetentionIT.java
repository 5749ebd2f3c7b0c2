package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Retention (SPEC.md "Retention"): a pass deletes exactly the rows older than their table's age, keeping the latest ones. */
class RetentionIT {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'");

    @Test
    void aPassDeletesOnlyRowsOlderThanTheirAge() {
        String tag = "retention-" + System.nanoTime();
        Fleet.sql(
                "INSERT INTO token_usage_ingests (entries, total, client_ip, created_at) VALUES (1, 11, '" + tag + "', '" + daysAgo(500) + "')",
                "INSERT INTO token_usages (ingest_id, total, model, created_at) VALUES (LAST_INSERT_ID(), 11, '" + tag + "-old', '"
                        + daysAgo(500) + "')",
                "INSERT INTO token_usage_ingests (entries, total, client_ip, created_at) VALUES (1, 12, '" + tag + "', '" + daysAgo(0) + "')",
                "INSERT INTO token_usages (ingest_id, total, model, created_at) VALUES (LAST_INSERT_ID(), 12, '" + tag + "-new', '"
                        + daysAgo(0) + "')",
                "INSERT INTO logs (action, details, created_at) VALUES ('" + tag + ".old', NULL, '" + daysAgo(91) + "'),"
                        + " ('" + tag + ".new', NULL, '" + daysAgo(89) + "')",
                "INSERT INTO mcp_access_logs (method, name, success, created_at) VALUES ('" + tag + "', 'old', 1, '" + daysAgo(31) + "'),"
                        + " ('" + tag + "', 'new', 1, '" + daysAgo(29) + "')",
                "INSERT INTO chatgpt_usage_snapshots (status, error, fetched_at, next_eligible_at, created_at) VALUES"
                        + " ('error', '" + tag + "-old', '" + daysAgo(181) + "', '" + daysAgo(181) + "', '" + daysAgo(181) + "'),"
                        + " ('error', '" + tag + "-new', '" + daysAgo(179) + "', '" + daysAgo(179) + "', '" + daysAgo(179) + "'),"
                        + " ('error', '" + tag + "-latest', '" + daysAgo(0) + "', '" + daysAgo(0) + "', '" + daysAgo(0) + "')",
                "INSERT INTO pricing_snapshots (model, currency, input_price_per_1k, output_price_per_1k, cached_price_per_1k, source_url,"
                        + " fetched_at, created_at) VALUES ('" + tag + "', 'USD', 1, 1, 0, 'older', '" + daysAgo(460) + "', '" + daysAgo(460)
                        + "'), ('" + tag + "', 'USD', 2, 2, 0, 'latest but old', '" + daysAgo(450) + "', '" + daysAgo(450) + "')",
                "INSERT INTO ip_rate_limits (ip, bucket, count, reset_at, last_hit, created_at) VALUES"
                        + " ('" + tag + "-expired', 'global', 3, '" + daysAgo(2) + "', '" + daysAgo(2) + "', '" + daysAgo(2) + "'),"
                        + " ('" + tag + "-running', 'global', 3, '" + TEXT.format(LocalDateTime.now(ZoneOffset.UTC).plusMinutes(5)) + "', '"
                        + daysAgo(0) + "', '" + daysAgo(0) + "')",
                "INSERT INTO admin_audit (at, actor, auth_method, action, result) VALUES"
                        + " (UTC_TIMESTAMP(3) - INTERVAL 366 DAY, '" + tag + "', 'form', 'old', 'ok'),"
                        + " (UTC_TIMESTAMP(3) - INTERVAL 364 DAY, '" + tag + "', 'form', 'new', 'ok')",
                "INSERT INTO stripe_events (event_id, type, received_at) VALUES ('" + tag + "-old', 'x', UTC_TIMESTAMP(3) - INTERVAL 31 DAY),"
                        + " ('" + tag + "-new', 'x', UTC_TIMESTAMP(3) - INTERVAL 29 DAY)",
                "INSERT INTO clerk_events (event_id, type, received_at) VALUES ('" + tag + "-old', 'x', UTC_TIMESTAMP(3) - INTERVAL 31 DAY),"
                        + " ('" + tag + "-new', 'x', UTC_TIMESTAMP(3) - INTERVAL 29 DAY)");

        Fleet.HostKey host = Fleet.newHost();
        Fleet.sql("INSERT INTO install_tokens (token, host_id, fqdn, api_key, expires_at, used_at, created_at) VALUES"
                + " (SHA2('" + tag + "-used-old', 256), " + host.id() + ", 'x', 'x', '" + daysAgo(40) + "', '" + daysAgo(31) + "', '" + daysAgo(40) + "'),"
                + " (SHA2('" + tag + "-used-new', 256), " + host.id() + ", 'x', 'x', '" + daysAgo(40) + "', '" + daysAgo(29) + "', '" + daysAgo(40) + "'),"
                + " (SHA2('" + tag + "-expired-old', 256), " + host.id() + ", 'x', 'x', '" + daysAgo(31) + "', NULL, '" + daysAgo(31) + "'),"
                + " (SHA2('" + tag + "-expired-new', 256), " + host.id() + ", 'x', 'x', '" + daysAgo(29) + "', NULL, '" + daysAgo(29) + "')");

        HttpResult answer = admin("POST", "/admin/api/retention/run", null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(Rows.count("SELECT COUNT(*) FROM install_tokens WHERE token IN (SHA2(?, 256), SHA2(?, 256))", tag + "-used-new",
                tag + "-expired-new")).as("spent installer links answer 410 for 30 days").isEqualTo(2);
        assertThat(Rows.count("SELECT COUNT(*) FROM install_tokens WHERE token IN (SHA2(?, 256), SHA2(?, 256))", tag + "-used-old",
                tag + "-expired-old")).isZero();
        JsonObject pass = answer.data();
        assertThat(pass.getBoolean("complete")).isTrue();
        assertThat(pass.getJsonObject("deleted").keySet()).contains("token_usages", "token_usage_ingests", "logs", "mcp_access_logs",
                "chatgpt_usage_snapshots", "pricing_snapshots", "admin_audit", "ip_rate_limits");
        assertThat(Rows.count("SELECT COUNT(*) FROM token_usages WHERE model = ?", tag + "-old")).isZero();
        assertThat(Rows.count("SELECT COUNT(*) FROM token_usages WHERE model = ?", tag + "-new")).isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM token_usage_ingests WHERE client_ip = ?", tag)).isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM logs WHERE action LIKE ?", tag + ".%")).isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM logs WHERE action = ?", tag + ".new")).isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_access_logs WHERE method = ? AND name = 'new'", tag)).isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_access_logs WHERE method = ?", tag)).isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM chatgpt_usage_snapshots WHERE error LIKE ?", tag + "%")).isEqualTo(2);
        assertThat(Rows.count("SELECT COUNT(*) FROM chatgpt_usage_snapshots WHERE error = ?", tag + "-old")).isZero();
        assertThat(Rows.query("SELECT source_url FROM pricing_snapshots WHERE model = ?", tag)).singleElement()
                .satisfies(row -> assertThat(row.get("source_url")).as("the latest price of a model stays").isEqualTo("latest but old"));
        assertThat(Rows.count("SELECT COUNT(*) FROM ip_rate_limits WHERE ip LIKE ?", tag + "%")).isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM ip_rate_limits WHERE ip = ?", tag + "-running")).isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM admin_audit WHERE actor = ?", tag)).isOne();
        assertThat(Rows.count("SELECT COUNT(*) FROM admin_audit WHERE actor = ? AND action = 'new'", tag)).isOne();
        for (String webhookEvents : new String[] {"stripe_events", "clerk_events"}) {
            assertThat(Rows.query("SELECT event_id FROM " + webhookEvents + " WHERE event_id LIKE ?", tag + "%")).as(webhookEvents)
                    .singleElement().satisfies(row -> assertThat(row.get("event_id")).isEqualTo(tag + "-new"));
        }
        assertThat(Rows.count("SELECT COUNT(*) FROM admin_audit WHERE action = 'retention.run'")).as("the run is audited").isPositive();
    }

    @Test
    void aPassForgetsBrowserAndProviderSignInsADayAfterTheyExpired() {
        String longExpired = startSignIn();
        String consumedLongAgo = startSignIn();
        String justExpired = startSignIn();
        String running = startSignIn();
        Fleet.sql("UPDATE signin_sessions SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 25 HOUR WHERE id = '" + longExpired + "'",
                "UPDATE signin_sessions SET status = 'consumed', expires_at = UTC_TIMESTAMP(3) - INTERVAL 25 HOUR WHERE id = '"
                        + consumedLongAgo + "'",
                "UPDATE signin_sessions SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 23 HOUR WHERE id = '" + justExpired + "'");

        String flow = Long.toHexString(System.nanoTime());
        Fleet.sql("INSERT INTO provider_flows (id, kind, secret_enc, status, started_by, created_at, expires_at) VALUES"
                + " ('" + flow + "-old', 'claude_pkce', 'sealed', 'expired', 'admin', UTC_TIMESTAMP(3) - INTERVAL 26 HOUR,"
                + " UTC_TIMESTAMP(3) - INTERVAL 25 HOUR), ('" + flow + "-new', 'claude_pkce', 'sealed', 'pending', 'admin',"
                + " UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL 10 MINUTE)");

        HttpResult answer = admin("POST", "/admin/api/retention/run", null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(Rows.query("SELECT id FROM provider_flows WHERE id LIKE ?", flow + "%")).as("provider sign-ins over for a day go")
                .singleElement().satisfies(row -> assertThat(row.get("id")).isEqualTo(flow + "-new"));
        assertThat(signInState(longExpired).status()).isEqualTo(404);
        assertThat(signInState(consumedLongAgo).status()).isEqualTo(404);
        assertThat(signInState(justExpired).json().getString("status")).isEqualTo("expired");
        assertThat(signInState(running).json().getString("status")).isEqualTo("pending");
        assertThat(answer.data().getJsonObject("deleted").getJsonNumber("signin_sessions").longValue()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void thePolicyShowsTheDocumentedDefaults() {
        JsonObject policy = admin("GET", "/admin/api/retention", null).data();

        assertThat(policy.getInt("usage")).isEqualTo(400);
        assertThat(policy.getInt("logs")).isEqualTo(90);
        assertThat(policy.getInt("mcp_logs")).isEqualTo(30);
        assertThat(policy.getInt("chatgpt_snapshots")).isEqualTo(180);
        assertThat(policy.getInt("pricing")).isEqualTo(400);
        assertThat(policy.getInt("admin_audit")).isEqualTo(365);
        assertThat(policy.getInt("detached_memories")).isEqualTo(30);
        assertThat(policy.getInt("batch_size")).isEqualTo(5000);
    }

    private static String startSignIn() {
        HttpResult started = People.call(null, "POST", "/xo-auth/start", Fleet.json("client", "retention-test"));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        return started.json().getString("auth_session_id");
    }

    private static HttpResult signInState(String id) {
        return People.call(null, "GET", "/xo-auth/state?auth_session_id=" + id, null);
    }

    private static String daysAgo(int days) {
        return TEXT.format(LocalDateTime.ofInstant(Instant.now().minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS),
                ZoneOffset.UTC));
    }
}
