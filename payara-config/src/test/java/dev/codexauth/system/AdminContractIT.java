package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static dev.codexauth.system.Fleet.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The admin routes and rules of spec/admin.md beyond host management, and what admins read right after a host acted. */
class AdminContractIT {

    private static final Pattern TIMESTAMP_LIKE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d.*");
    private static final Pattern RFC3339 = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$");

    @Test
    void theOverviewHasTheDashboardFigures() {
        HttpResult overview = viewer("GET", "/admin/api/overview", null);

        assertThat(overview.status()).as(overview.body()).isEqualTo(200);
        assertThat(overview.data().keySet()).contains("mtls", "totals", "latest_log_at", "versions", "has_canonical_auth",
                "seed_required", "tokens", "tokens_day", "tokens_week", "tokens_month", "pricing", "pricing_month_cost",
                "subscription_plans", "quota_hard_fail", "inactivity_window_days", "client_version_lock");
        assertThat(overview.data().getJsonObject("mtls").getBoolean("required")).isFalse();
        assertThat(admin("GET", "/admin/overview", null).status()).as("the original's path").isEqualTo(200);
    }

    @Test
    void theInsecureWindowDefaultIsAFleetSetting() {
        assertThat(viewer("GET", "/admin/api/insecure-window-default", null).data().getInt("minutes")).isBetween(1, 480);

        HttpResult set = admin("POST", "/admin/api/insecure-window-default", json("minutes", 45));

        assertThat(set.data().getInt("minutes")).isEqualTo(45);
        assertThat(viewer("GET", "/admin/api/insecure-window-default", null).data().getInt("minutes")).isEqualTo(45);
        assertThat(admin("POST", "/admin/api/insecure-window-default", json("minutes", 0)).status()).isEqualTo(422);
        assertThat(admin("POST", "/admin/api/insecure-window-default", json("minutes", 481)).status()).isEqualTo(422);
        assertThat(viewer("POST", "/admin/api/insecure-window-default", json("minutes", 20)).status()).isEqualTo(403);
    }

    @Test
    void connectionDiagnosticsAreForAdminsAndHoldNoSecrets() {
        HttpResult diagnostics = admin("GET", "/admin/api/diagnostics/connection", null);

        assertThat(diagnostics.status()).as(diagnostics.body()).isEqualTo(200);
        assertThat(diagnostics.data().getString("client_ip")).isEqualTo("127.0.0.1");
        assertThat(diagnostics.data().getBoolean("peer_is_trusted_proxy")).isFalse();
        assertThat(diagnostics.body()).doesNotContain("AUTH_ENCRYPTION").doesNotContain("DB_PASSWORD");
        assertThat(viewer("GET", "/admin/api/diagnostics/connection", null).status()).isEqualTo(403);
    }

    @Test
    void healthIsUpOrDownInPublicAndExplainedToAdmins() {
        HttpResult health = Fleet.direct("GET", "/health", Map.of(), null);

        assertThat(health.status()).isEqualTo(200);
        List<String> names = health.json().getJsonArray("checks").stream().map(c -> c.asJsonObject().getString("name")).toList();
        assertThat(names).doesNotHaveDuplicates().contains("database", "encryption");
        assertThat(health.body()).doesNotContain("active_key").doesNotContain("schema_version").doesNotContain("legacy");

        HttpResult details = viewer("GET", "/admin/api/health", null);
        assertThat(details.data().getString("status")).isEqualTo("UP");
        assertThat(details.body()).contains("\"schema_version\"").contains("\"active_key\"");
    }

    @Test
    void adminRequestsAreLimitedPerToken() throws Exception {
        AdminSession session = Fleet.adminSession();
        String token = session.post("/admin/api/api-tokens", json("label", "busy script", "role", "viewer", "expires_in_days", 1))
                .data().getString("secret");
        // In parallel, so that all 700 fall into the token's first minute even on a loaded machine.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResult>> answers = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            answers.add(pool.submit(() -> Fleet.withToken(token, "GET", "/admin/api/state", null)));
        }
        List<HttpResult> results = new ArrayList<>();
        for (Future<HttpResult> answer : answers) {
            results.add(answer.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();

        assertThat(results).filteredOn(r -> r.status() == 200).hasSize(600);
        assertThat(results).filteredOn(r -> r.status() == 429).hasSize(100)
                .allSatisfy(refused -> assertThat(refused.header("retry-after")).isNotNull());
        assertThat(admin("GET", "/admin/api/state", null).status()).as("other callers keep their own budget").isEqualTo(200);
    }

    @Test
    void everyTimestampAnAdminReadsCarriesItsOffset() {
        Fleet.HostKey kiosk = Fleet.register(json("fqdn", "rfc3339-" + System.nanoTime() + ".fleet.test", "secure", false));
        admin("POST", "/admin/api/hosts/" + kiosk.id() + "/insecure/enable", json("duration_minutes", 5));
        List<String> found = new ArrayList<>();
        for (String path : List.of("/admin/api/hosts?per_page=20", "/admin/api/hosts/" + kiosk.id(), "/admin/api/hosts/insecure",
                "/admin/api/overview", "/admin/api/logs?limit=50", "/admin/api/audit", "/admin/api/api-tokens", "/admin/api/users",
                "/admin/api/session", "/admin/api/state", "/admin/api/runner")) {
            HttpResult answer = admin("GET", path, null);
            assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(200);
            collectTimestamps(answer.json(), found);
        }

        assertThat(found).isNotEmpty().allSatisfy(value -> assertThat(value).matches(RFC3339));
    }

    @Test
    void anAdminSeesTheCallsAHostWasJustToldAbout() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        HttpResult first = host(ip, "POST", "/auth", laptop.key(), json("command", "retrieve", "digest", "0".repeat(64),
                "last_refresh", "2025-11-19T09:27:43Z"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        long told = first.data().getJsonNumber("api_calls").longValue();

        HttpResult record = admin("GET", "/admin/api/hosts/" + laptop.id(), null);

        assertThat(record.data().getJsonNumber("api_calls").longValue()).isEqualTo(told);
    }

    @Test
    void aGetNeverRefreshesFromUpstream() {
        HttpResult forced = admin("GET", "/admin/api/chatgpt/usage?force=1", null);

        assertThat(forced.status()).isEqualTo(400);
        assertThat(forced.json().getString("code")).isEqualTo("use_post");
    }

    @Test
    void aTokenDiesWithItsCreatorsAccount() {
        AdminSession boss = Fleet.adminSession();
        String name = "ops" + System.nanoTime() % 100000;
        HttpResult created = boss.post("/admin/api/users", json("username", name, "role", "admin", "password", "Temporary-pass-2026"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        long id = created.data().getJsonObject("user").getJsonNumber("id").longValue();
        AdminSession ops = AdminSession.signIn(name, "Temporary-pass-2026");
        ops.post("/admin/api/session/password", json("current_password", "Temporary-pass-2026", "new_password", "Changed-pass-2026!"));
        String token = ops.post("/admin/api/api-tokens", json("label", "ops script", "role", "admin")).data().getString("secret");
        assertThat(Fleet.withToken(token, "GET", "/admin/api/hosts", null).status()).isEqualTo(200);

        HttpResult disabled = boss.send("PUT", "/admin/api/users/" + id, json("enabled", false), true);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);

        assertThat(Fleet.withToken(token, "GET", "/admin/api/hosts", null).status()).isEqualTo(401);
    }

    @Test
    void aDeletedAdminsTokensStayRevokedWhenTheNameIsTakenAgain() {
        AdminSession boss = Fleet.adminSession();
        String name = "ops" + System.nanoTime() % 100000;
        HttpResult created = boss.post("/admin/api/users", json("username", name, "role", "admin", "password", "Temporary-pass-2026"));
        long id = created.data().getJsonObject("user").getJsonNumber("id").longValue();
        AdminSession ops = AdminSession.signIn(name, "Temporary-pass-2026");
        ops.post("/admin/api/session/password", json("current_password", "Temporary-pass-2026", "new_password", "Changed-pass-2026!"));
        String token = ops.post("/admin/api/api-tokens", json("label", "ops script", "role", "admin")).data().getString("secret");

        HttpResult deleted = boss.send("DELETE", "/admin/api/users/" + id, null, true);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        HttpResult again = boss.post("/admin/api/users", json("username", name, "role", "admin", "password", "Temporary-pass-2026"));
        assertThat(again.status()).as(again.body()).isEqualTo(200);

        assertThat(Fleet.withToken(token, "GET", "/admin/api/hosts", null).status()).isEqualTo(401);
        JsonObject listed = admin("GET", "/admin/api/api-tokens", null).data().getJsonArray("tokens").getValuesAs(JsonObject.class)
                .stream().filter(t -> t.getString("prefix").equals(token.substring(0, 12))).findFirst().orElseThrow();
        assertThat(listed.isNull("revoked_at")).as("listed as revoked: " + listed).isFalse();
        assertThat(admin("GET", "/admin/api/audit?action=api_token.revoke&target_id=" + listed.getJsonNumber("id"), null)
                .data().getJsonArray("entries")).hasSize(1);
    }

    @Test
    void theAuditExportDefusesSpreadsheetFormulasInAFailedSignInsName() {
        HttpResult refused = RawHttp.send("127.0.0.11", Fleet.server().port(), "POST", "/admin/api/session/login",
                Map.of("Content-Type", "application/json"), json("username", "=1+1", "password", "wrong-password-1"));
        assertThat(refused.status()).isEqualTo(401);

        HttpResult csv = admin("GET", "/admin/api/audit?action=login&actor=%3D1%2B1&format=csv", null);

        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        String row = csv.body().lines().skip(1).findFirst().orElseThrow();
        assertThat(row.split(",")[2]).as(row).isEqualTo("\"'=1+1\"");
    }

    @Test
    void aStaleConfigSaveKeepsTheOriginalsWording() {
        HttpResult current = admin("GET", "/admin/api/config", null);
        JsonObject codex = Json.createObjectBuilder().add("model", "gpt-5.1-codex").build();
        HttpResult saved = admin("POST", "/admin/api/config/store", json("settings", codex, "sha256", current.data().getString("sha256", null)));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);

        HttpResult stale = admin("POST", "/admin/api/config/store", json("settings", Json.createObjectBuilder().add("model", "gpt-5.1")
                .build(), "sha256", "0".repeat(64)));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().getString("message")).isEqualTo("sha256 does not match current saved config.toml (reload before saving)");
    }

    private static void collectTimestamps(JsonValue value, List<String> found) {
        if (value instanceof JsonObject object) {
            object.values().forEach(v -> collectTimestamps(v, found));
        } else if (value instanceof JsonArray array) {
            array.forEach(v -> collectTimestamps(v, found));
        } else if (value instanceof JsonString text && TIMESTAMP_LIKE.matcher(text.getString()).matches()) {
            found.add(text.getString());
        }
    }
}
