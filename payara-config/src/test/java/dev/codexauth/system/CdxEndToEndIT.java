package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cdx wrapper on a host against the running product: the end-to-end bats suite ({@code wrapper/test/e2e})
 * installs it with the one-line installer into a temporary HOME and runs it with a stand-in Codex, then checks
 * what it leaves behind with the real Codex CLI. The server is its own (generous rate limits, no runner, a wrapper
 * storage the suite may rewrite); the suite prepares the fleet through the admin API with the token made here.
 */
class CdxEndToEndIT {

    private static final String BOOTSTRAP_PASSWORD = "bootstrap-Cdx-2026";
    private static final String ADMIN_PASSWORD = "rotated-Cdx-2026!";
    private static final String INSTALLATION_ID = "5b0c4a52-9d5e-4b8f-a1a2-cdxe2e000001";

    @Test
    void installAndRunCdxOnAHost() throws Exception {
        Path work = Path.of("target", "cdx-e2e").toAbsolutePath();
        Path storage = work.resolve("wrapper-storage/cdx");
        Files.createDirectories(work);
        Files.deleteIfExists(storage);
        Path codexCli = RealCodex.cli();
        try (TestDatabase database = TestDatabase.create("cdx_e2e")) {
            Map<String, String> env = RunningServer.ownNodeSettings(database);
            env.put("ADMIN_BOOTSTRAP_PASSWORD", BOOTSTRAP_PASSWORD);
            env.put("RATE_LIMIT_GLOBAL_PER_MINUTE", "100000");
            env.put("AUTH_RUNNER_POLICY", "off");
            // The suite flips the kill switch and runs cdx at once; hosts otherwise see it within the cache time.
            env.put("SETTINGS_CACHE_MILLIS", "0");
            env.put("INSTALLATION_ID", INSTALLATION_ID);
            env.put("WRAPPER_STORAGE_PATH", storage.toString());
            try (RunningServer server = RunningServer.start("cdx-e2e", env)) {
                Map<String, String> suite = new HashMap<>();
                suite.put("CDX_E2E_BASE_URL", "http://127.0.0.1:" + server.port());
                suite.put("CDX_E2E_ADMIN_TOKEN", adminToken(server.port()));
                // For the README's own curl sequence (wrapper/test/e2e/real-codex.bats) once the password is changed.
                suite.put("CDX_E2E_ADMIN_PASSWORD", ADMIN_PASSWORD);
                suite.put("CDX_E2E_WRAPPER_STORAGE", storage.toString());
                suite.put("CDX_E2E_INSTALLATION_ID", INSTALLATION_ID);
                suite.put("CDX_E2E_REAL_CODEX", codexCli.toString());
                suite.put("CDX_E2E_DB_HOST", TestDatabase.host());
                suite.put("CDX_E2E_DB_PORT", String.valueOf(TestDatabase.port()));
                suite.put("CDX_E2E_DB_NAME", database.name());
                suite.put("CDX_E2E_DB_USER", database.user());
                suite.put("CDX_E2E_DB_PASSWORD", database.password());
                Path wrapperTests = Path.of("..", "wrapper", "test", "e2e").toAbsolutePath().normalize();
                ProcessBuilder bats = new ProcessBuilder("bats", "--tap", wrapperTests.toString()).redirectErrorStream(true);
                bats.environment().putAll(suite);
                Process process = bats.start();
                String tap = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                // The TAP lines (with the measured durations) in the build log, whatever the outcome.
                System.out.println(tap);
                assertThat(process.waitFor(15, TimeUnit.MINUTES)).as("bats timed out:%n%s", tap).isTrue();
                assertThat(process.exitValue()).as("bats wrapper/test/e2e failed:%n%s", tap).isZero();
            }
        }
    }

    /** An admin API token on this server: sign in with the bootstrap password, change it, mint a token. */
    private static String adminToken(int port) {
        HttpResult login = RawHttp.send("127.0.0.1", port, "POST", "/admin/api/session/login", Map.of("Content-Type", "application/json"),
                Fleet.json("username", "admin", "password", BOOTSTRAP_PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        Map<String, String> session = Map.of("Cookie", login.cookies(),
                "X-CSRF-Token", login.data().getString("csrf_token"), "Content-Type", "application/json");
        HttpResult changed = RawHttp.send("127.0.0.1", port, "POST", "/admin/api/session/password", session,
                Fleet.json("current_password", BOOTSTRAP_PASSWORD, "new_password", ADMIN_PASSWORD));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        HttpResult token = RawHttp.send("127.0.0.1", port, "POST", "/admin/api/api-tokens", session,
                Fleet.json("label", "cdx end-to-end", "role", "admin", "expires_in_days", 1));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return token.data().getString("secret");
    }
}
