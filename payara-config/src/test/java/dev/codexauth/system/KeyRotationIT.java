package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.TestDatabase;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A key rotation that completes (docs/encryption.md): values the original wrote ({@code sbox:v1}, and plaintext) and
 * values of the old key are re-sealed under the new key by the job, after which the old key and legacy reads are
 * switched off and the fleet keeps working.
 */
class KeyRotationIT {

    private static final String CLAUDE_TOKEN = "sk-ant-oat01-" + "r".repeat(40);

    private static final String[][] SEALED = {{"hosts", "api_key_enc"}, {"install_tokens", "token_enc"},
            {"install_tokens", "api_key_enc"}, {"auth_payloads", "body"}, {"auth_entries", "token"}, {"provider_credentials", "payload_enc"}};

    @Test
    void theResealJobRewritesEverythingSoLegacyKeysCanBeDropped() throws Exception {
        String oldKey = RunningServer.randomKey();
        String newKey = RunningServer.randomKey();
        try (TestDatabase database = TestDatabase.create("rotation")) {
            String hostKey;
            try (RunningServer original = start(database, Map.of("AUTH_ENCRYPTION_KEY", oldKey, "AUTH_ENCRYPTION_WRITE_FORMAT", "v1"))) {
                String token = StandaloneAdmin.token(original);
                HttpResult registered = StandaloneAdmin.admin(original, token, "POST", "/admin/api/hosts/register",
                        Fleet.json("fqdn", "rotated.fleet.test"));
                hostKey = registered.data().getJsonObject("host").getString("api_key");
                HttpResult upload = StandaloneAdmin.admin(original, token, "POST", "/admin/api/auth/upload",
                        Fleet.json("auth", canonicalAuth()));
                assertThat(upload.status()).as(upload.body()).isEqualTo(200);
                HttpResult claude = StandaloneAdmin.admin(original, token, "POST", "/admin/api/providers/claude/token",
                        Fleet.json("token", CLAUDE_TOKEN));
                assertThat(claude.status()).as(claude.body()).isEqualTo(200);
            }
            assertThat(sealedValues(database)).isNotEmpty().allMatch(v -> v.startsWith("sbox:v1:"));

            try (RunningServer rotating = start(database, Map.of("AUTH_ENCRYPTION_KEY", oldKey, "AUTH_ENCRYPTION_KEYS", "k2:" + newKey,
                    "AUTH_ENCRYPTION_ACTIVE_KEY", "k2"))) {
                String token = StandaloneAdmin.token(rotating);
                JsonObject reseal = awaitReseal(rotating, token);
                assertThat(reseal.getString("state")).isEqualTo("done");
                assertThat(reseal.getString("trigger")).isEqualTo("startup");
                assertThat(rotating.log()).contains("Re-seal under key 'k2' complete");
            }
            assertThat(sealedValues(database)).isNotEmpty().allMatch(v -> v.startsWith("sbox:v2:k2:"));

            try (RunningServer rotated = RunningServer.startServingHosts("rotation", settings(database, Map.of(
                    "AUTH_ENCRYPTION_KEYS", "k2:" + newKey, "AUTH_ENCRYPTION_READ_LEGACY", "false")))) {
                HttpResult health = StandaloneAdmin.send(rotated, "GET", "/health/ready", Map.of(), null);
                assertThat(health.status()).as(health.body()).isEqualTo(200);
                HttpResult wrapper = StandaloneAdmin.send(rotated, "GET", "/wrapper", Map.of("X-API-Key", hostKey), null);
                assertThat(wrapper.status()).as("the host key opens with the new key only: " + wrapper.body()).isEqualTo(200);
                HttpResult claude = StandaloneAdmin.send(rotated, "POST", "/claude/retrieve", Map.of("X-API-Key", hostKey,
                        "Content-Type", "application/json"), "{}");
                assertThat(claude.body()).as("the fleet's Claude Code token opens with the new key only").contains(CLAUDE_TOKEN);
            }
        }
    }

    private static RunningServer start(TestDatabase database, Map<String, String> keys) {
        return RunningServer.start("rotation", settings(database, keys));
    }

    private static Map<String, String> settings(TestDatabase database, Map<String, String> keys) {
        Map<String, String> settings = RunningServer.ownNodeSettings(database);
        // exactly the keys each step names: the last one has no legacy key at all
        settings.remove("AUTH_ENCRYPTION_KEY");
        settings.putAll(keys);
        return settings;
    }

    private static JsonObject awaitReseal(RunningServer server, String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject reseal = null;
        while (System.nanoTime() < deadline) {
            HttpResult status = StandaloneAdmin.admin(server, token, "GET", "/admin/api/encryption", null);
            reseal = status.data().getJsonObject("reseal");
            if ("done".equals(reseal.getString("state"))) {
                return reseal;
            }
            Thread.sleep(500);
        }
        return reseal;
    }

    private static List<String> sealedValues(TestDatabase database) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String[] column : SEALED) {
                try (ResultSet rows = statement.executeQuery("SELECT " + column[1] + " FROM " + column[0] + " WHERE " + column[1]
                        + " IS NOT NULL AND " + column[1] + " <> ''")) {
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                }
            }
        }
        return values;
    }

    private static JsonObject canonicalAuth() {
        return jakarta.json.Json.createObjectBuilder()
                .add("last_refresh", "2025-11-19T09:27:43.373506211Z")
                .add("auths", jakarta.json.Json.createObjectBuilder().add("api.openai.com", jakarta.json.Json.createObjectBuilder()
                        .add("token", "sk-rotation-test-Q8w2Lk5Zp3Vn7Xb1").add("token_type", "bearer")))
                .build();
    }
}
