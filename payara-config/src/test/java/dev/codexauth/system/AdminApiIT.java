package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.json;
import static dev.codexauth.system.Fleet.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The admin API (admin.md): roles, sign-in rules, CSRF, validation, the original's paths, the audit trail, and
 * that no list or log ever carries key material.
 */
class AdminApiIT {

    @Test
    void aViewerReadsEverythingAndChangesNothing() {
        Fleet.HostKey laptop = Fleet.newHost();
        String id = String.valueOf(laptop.id());
        for (String path : List.of("/admin/api/hosts", "/admin/api/hosts/" + id, "/admin/api/hosts/insecure", "/admin/api/logs",
                "/admin/api/state", "/admin/api/prune-policy", "/admin/api/runner", "/admin/api/session")) {
            assertThat(viewer("GET", path, null).status()).as(path).isEqualTo(200);
        }
        List<String[]> changes = List.of(
                new String[] {"POST", "/admin/api/hosts/register", json("fqdn", "viewer-made.fleet.test")},
                new String[] {"POST", "/admin/api/hosts/" + id + "/vip", json("vip", true)},
                new String[] {"POST", "/admin/api/hosts/" + id + "/secure", json("secure", false)},
                new String[] {"POST", "/admin/api/hosts/" + id + "/roaming", json("allow", true)},
                new String[] {"POST", "/admin/api/hosts/" + id + "/ipv4", json("force", true)},
                new String[] {"POST", "/admin/api/hosts/" + id + "/curl-insecure", json("allow", true)},
                new String[] {"POST", "/admin/api/hosts/" + id + "/insecure/enable", json("duration_minutes", 5)},
                new String[] {"POST", "/admin/api/hosts/" + id + "/insecure/disable", null},
                new String[] {"POST", "/admin/api/hosts/" + id + "/model", json("model_override", "gpt-5.1")},
                new String[] {"POST", "/admin/api/hosts/" + id + "/codex-version", json("selection", "0.63.0")},
                new String[] {"POST", "/admin/api/hosts/" + id + "/clear", null},
                new String[] {"POST", "/admin/api/hosts/" + id + "/installer", json("rotate_key", true)},
                new String[] {"POST", "/admin/api/hosts/" + id + "/status", json("status", "suspended")},
                new String[] {"POST", "/admin/api/hosts/" + id + "/temporary", json("temporary", true)},
                new String[] {"POST", "/admin/api/hosts/" + id + "/ip/reset", null},
                new String[] {"DELETE", "/admin/api/hosts/" + id, null},
                new String[] {"POST", "/admin/api/auth/upload", json("auth", "{}")},
                new String[] {"POST", "/admin/api/auth/seed-command", null},
                new String[] {"POST", "/admin/api/state", json("disabled", true)},
                new String[] {"POST", "/admin/api/prune-policy", json("inactivity_days", 1)},
                new String[] {"POST", "/admin/api/runner/run", null},
                new String[] {"GET", "/admin/api/users", null},
                new String[] {"POST", "/admin/api/users", json("username", "mallory", "role", "admin")},
                new String[] {"POST", "/admin/api/api-tokens", json("label", "x", "role", "admin")},
                new String[] {"GET", "/admin/api/audit", null},
                new String[] {"GET", "/admin/api/hosts/" + id + "/auth?include_body=1", null});
        for (String[] change : changes) {
            HttpResult answer = viewer(change[0], change[1], change[2]);
            assertThat(answer.status()).as(change[1] + " " + answer.body()).isEqualTo(403);
            assertThat(answer.json().getString("status")).isEqualTo("error");
        }
        JsonObject unchanged = admin("GET", "/admin/api/hosts/" + id, null).data();
        assertThat(unchanged.getBoolean("vip")).isFalse();
        assertThat(unchanged.getString("status")).isEqualTo("active");
        assertThat(admin("GET", "/admin/api/state", null).data().getBoolean("disabled")).isFalse();
    }

    @Test
    void anonymousCallersAndBadTokensAre401() {
        assertThat(Fleet.withToken("cxadm_not-a-real-token", "GET", "/admin/api/hosts", null).status()).isEqualTo(401);
        HttpResult anonymous = Fleet.direct("GET", "/admin/api/hosts", java.util.Map.of(), null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().getString("code")).isEqualTo("unauthenticated");
    }

    @Test
    void inputIsValidatedWithTheFieldNamedNeverCoerced() {
        Fleet.HostKey laptop = Fleet.newHost();
        String id = String.valueOf(laptop.id());
        expect422(admin("POST", "/admin/api/hosts/register", json("fqdn", "")), "fqdn", "fqdn is required");
        expect422(admin("POST", "/admin/api/hosts/register", json("fqdn", "not a host!")), "fqdn", null);
        expect422(admin("POST", "/admin/api/hosts/register", json("fqdn", "ok.fleet.test", "vip", "maybe")), "vip", "vip must be boolean");
        expect422(admin("POST", "/admin/api/hosts/" + id + "/insecure/enable", json("duration_minutes", "abc")), "duration_minutes", null);
        expect422(admin("POST", "/admin/api/hosts/" + id + "/model", json("model_override", "gpt-9")), "model_override", null);
        expect422(admin("POST", "/admin/api/hosts/" + id + "/model", json("model_override", "gpt-5.1-codex-mini",
                "reasoning_effort_override", "low")), "reasoning_effort_override", null);
        expect422(admin("POST", "/admin/api/hosts/" + id + "/codex-version", json("selection", "latest-ish")), "selection",
                "selection must be a semantic version like 0.63.0");
        expect422(admin("POST", "/admin/api/prune-policy", json("inactivity_days", 90)), "inactivity_days",
                "inactivity_days must be an integer between 0 and 60");
        expect422(admin("GET", "/admin/api/hosts?per_page=0", null), "per_page", null);
        assertThat(admin("POST", "/admin/api/hosts/register", "{not json").status()).isEqualTo(400);
        assertThat(admin("GET", "/admin/api/hosts/999999999", null).json().getString("code")).isEqualTo("host_not_found");
        assertThat(admin("GET", "/admin/api/hosts/abc", null).status()).isEqualTo(404);

        HttpResult pinned = admin("POST", "/admin/api/hosts/" + id + "/codex-version", json("selection", "rust-v0.64.1"));
        assertThat(pinned.data().getJsonObject("host").getString("client_version_override")).isEqualTo("0.64.1");
        HttpResult answer = Fleet.host(Fleet.freshIp(), "POST", "/auth", laptop.key(), json("digest", AuthDecisionTableIT.sha256("a"),
                "last_refresh", "2025-11-19T09:27:43Z"));
        assertThat(answer.data().getJsonObject("versions").getString("client_version")).isEqualTo("0.64.1");
        assertThat(answer.data().getJsonObject("versions").getString("client_version_source")).isEqualTo("locked");
    }

    @Test
    void reRegisteringKeepsUnsentFlagsAndRotatesTheKeyOnlyWhenAsked() {
        String fqdn = "rereg-" + System.nanoTime() + ".fleet.test";
        Fleet.HostKey first = Fleet.register(json("fqdn", fqdn, "vip", true, "secure", false));
        Fleet.HostKey kept = Fleet.register(json("fqdn", fqdn.toUpperCase(), "rotate_key", false));
        assertThat(kept.id()).isEqualTo(first.id());
        assertThat(kept.key()).isEqualTo(first.key());
        JsonObject host = admin("GET", "/admin/api/hosts/" + first.id(), null).data();
        assertThat(host.getBoolean("vip")).isTrue();
        assertThat(host.getBoolean("secure")).isFalse();

        Fleet.HostKey rotated = Fleet.register(json("fqdn", fqdn));
        assertThat(rotated.key()).isNotEqualTo(first.key());
    }

    /** A script onboarding a fleet registers hosts in parallel; each registration also issues the host's installer. */
    @Test
    void hostsRegisteredAllAtOnceAreEachRegistered() throws Exception {
        String batch = "parallel-" + System.nanoTime();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResult>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String fqdn = batch + "-" + i + ".fleet.test";
                answers.add(callers.submit(() -> admin("POST", "/admin/api/hosts/register", json("fqdn", fqdn))));
            }
            for (Future<HttpResult> answer : answers) {
                HttpResult registered = answer.get(60, TimeUnit.SECONDS);
                assertThat(registered.status()).as(registered.body()).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(Rows.count("SELECT COUNT(*) FROM install_tokens WHERE fqdn LIKE ? AND used_at IS NULL", batch + "-%"))
                .as("one pending installer each").isEqualTo(32);
    }

    @Test
    void reRegistrationsAndNewInstallersOfOneHostAtOnceEachAnswer() throws Exception {
        String fqdn = "busy-" + System.nanoTime() + ".fleet.test";
        long id = admin("POST", "/admin/api/hosts/register", json("fqdn", fqdn)).data().getJsonObject("host").getJsonNumber("id").longValue();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResult>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                boolean register = i % 2 == 0;
                answers.add(callers.submit(() -> register ? admin("POST", "/admin/api/hosts/register", json("fqdn", fqdn))
                        : admin("POST", "/admin/api/hosts/" + id + "/installer", "{}")));
            }
            for (Future<HttpResult> answer : answers) {
                HttpResult issued = answer.get(60, TimeUnit.SECONDS);
                assertThat(issued.status()).as(issued.body()).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(Rows.count("SELECT COUNT(*) FROM install_tokens WHERE host_id = ? AND used_at IS NULL AND expires_at > UTC_TIMESTAMP()", id))
                .as("the last installer is the one pending").isOne();
    }

    @Test
    void registrationsWaitingForADeletionUnderWayRegisterTheHostAnew() throws Exception {
        String fqdn = "churn-" + System.nanoTime() + ".fleet.test";
        long id = admin("POST", "/admin/api/hosts/register", json("fqdn", fqdn)).data().getJsonObject("host").getJsonNumber("id").longValue();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<HttpResult>> registrations = new ArrayList<>();
        Rows.whileHostIsBeingDeleted(id, () -> {
            for (int i = 0; i < 4; i++) {
                registrations.add(callers.submit(() -> admin("POST", "/admin/api/hosts/register", json("fqdn", fqdn))));
            }
        });
        try {
            for (Future<HttpResult> registration : registrations) {
                HttpResult registered = registration.get(60, TimeUnit.SECONDS);
                assertThat(registered.status()).as(registered.body()).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(Rows.count("SELECT COUNT(*) FROM hosts WHERE fqdn = ? AND id <> ?", fqdn, id)).as("registered anew, once").isOne();
    }

    @Test
    void theOriginalAdminPathsStillWork() {
        HttpResult legacy = admin("GET", "/admin/hosts?per_page=5", null);
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.data().containsKey("hosts")).isTrue();
        assertThat(admin("GET", "/admin/api/state", null).status()).isEqualTo(200);
    }

    @Test
    void sessionCallersNeedTheCsrfTokenForChanges() {
        AdminSession session = Fleet.adminSession();

        HttpResult forged = session.send("POST", "/admin/api/prune-policy", json("inactivity_days", 30), false);
        HttpResult real = session.send("POST", "/admin/api/prune-policy", json("inactivity_days", 30), true);

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.json().getString("code")).isEqualTo("csrf_failed");
        assertThat(real.status()).isEqualTo(200);
        assertThat(session.get("/admin/api/hosts").status()).as("reads need no token").isEqualTo(200);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountWithOneGenericAnswer() {
        HttpResult created = admin("POST", "/admin/api/users", json("username", "operator-" + System.nanoTime(), "role", "viewer",
                "password", "operator-Password-1"));
        String user = created.data().getJsonObject("user").getString("username");
        for (int i = 0; i < 5; i++) {
            HttpResult wrong = AdminSession.attempt(user, "wrong-password-xyz");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().getString("message")).isEqualTo("Invalid username or password");
        }
        HttpResult locked = AdminSession.attempt(user, "operator-Password-1");
        assertThat(locked.status()).as("locked even with the right password").isEqualTo(401);
        assertThat(locked.json().getString("message")).isEqualTo("Invalid username or password");
        assertThat(AdminSession.attempt("nobody-" + System.nanoTime(), "whatever-password").json().getString("message"))
                .isEqualTo("Invalid username or password");
    }

    @Test
    void theLastAdminCannotBeDemotedAndOneCannotDemoteOneself() {
        long adminId = admin("GET", "/admin/api/users", null).data().getJsonArray("users").getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("username").equals("admin")).findFirst().orElseThrow().getJsonNumber("id").longValue();
        AdminSession session = Fleet.adminSession();

        HttpResult self = session.send("PUT", "/admin/api/users/" + adminId, json("role", "viewer"), true);

        assertThat(self.status()).isEqualTo(409);
    }

    @Test
    void everyChangeIsAuditedWithTheActor() {
        Fleet.HostKey laptop = Fleet.newHost();
        admin("POST", "/admin/api/hosts/" + laptop.id() + "/vip", json("vip", true));

        HttpResult audit = admin("GET", "/admin/api/audit?action=host.vip&target_id=" + laptop.id(), null);

        JsonObject entry = audit.data().getJsonArray("entries").getJsonObject(0);
        assertThat(entry.getString("actor")).startsWith("token:cxadm_");
        assertThat(entry.getString("auth_method")).isEqualTo("token");
        assertThat(entry.getString("before")).contains("\"vip\":false");
        assertThat(entry.getString("after")).contains("\"vip\":true");
        assertThat(entry.getString("result")).isEqualTo("ok");
        HttpResult events = admin("GET", "/admin/api/logs?action_prefix=admin.host.vip&host_id=" + laptop.id(), null);
        assertThat(events.data().getJsonArray("logs").getJsonObject(0).getJsonObject("details").getString("actor"))
                .startsWith("token:cxadm_");
    }

    @Test
    void anUploadBecomesCanonicalWithoutEchoingTheDocument() {
        // Refreshed now: newer than whatever canonical an earlier test class left, so the upload replaces it.
        JsonObject auth = Json.createObjectBuilder().add("last_refresh", java.time.Instant.now().toString())
                .add("tokens", Json.createObjectBuilder().add("access_token", "eyJ.upload-test-token-0123456789")).build();

        HttpResult answer = admin("POST", "/admin/api/auth/upload",
                Json.createObjectBuilder().add("auth", auth).add("host_id", "system").build().toString());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.data().getString("status")).isEqualTo("updated");
        assertThat(answer.body()).doesNotContain("upload-test-token");
        HttpResult notJson = admin("POST", "/admin/api/auth/upload", json("auth", "{broken"));
        assertThat(notJson.status()).isEqualTo(422);
        assertThat(notJson.json().getJsonObject("errors").getJsonArray("auth").getString(0)).isEqualTo("auth payload must be valid JSON");
    }

    @Test
    void listsAndLogsCarryNoKeyMaterial() throws Exception {
        Fleet.HostKey laptop = Fleet.newHost();
        Fleet.host(Fleet.freshIp(), "POST", "/host/users", laptop.key(), "{}");
        String keyHash = AuthDecisionTableIT.sha256(laptop.key());

        for (String path : List.of("/admin/api/hosts?per_page=500", "/admin/api/hosts/" + laptop.id(), "/admin/api/logs?limit=500",
                "/admin/api/runner", "/admin/api/audit?per_page=1000", "/admin/api/hosts/" + laptop.id() + "/auth")) {
            String body = admin("GET", path, null).body();
            assertThat(body).as(path).doesNotContain(laptop.key()).doesNotContain(keyHash).doesNotContain("api_key_enc")
                    .doesNotContain("sbox:").doesNotContain(laptop.installerToken());
        }
        try (Connection connection = RunningServer.sharedDatabase().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT CONCAT(COALESCE(details, '')) FROM logs UNION ALL"
                     + " SELECT CONCAT(COALESCE(before_state, ''), COALESCE(after_state, '')) FROM admin_audit")) {
            while (rows.next()) {
                assertThat(rows.getString(1)).doesNotContain(laptop.key()).doesNotContain(laptop.installerToken());
            }
        }
        assertThat(Fleet.server().log()).doesNotContain(laptop.key()).doesNotContain(laptop.installerToken());
    }

    private static void expect422(HttpResult answer, String field, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(422);
        assertThat(answer.json().getString("code")).isEqualTo("validation_failed");
        assertThat(answer.json().getJsonObject("errors").containsKey(field)).as(answer.body()).isTrue();
        if (message != null) {
            assertThat(answer.json().getJsonObject("errors").getJsonArray(field).getString(0)).isEqualTo(message);
        }
    }
}
