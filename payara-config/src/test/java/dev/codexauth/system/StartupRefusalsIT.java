package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexauth.db.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server that cannot do its job says so at start: a failed deployment stops the launcher with a non-zero exit and
 * its cause in its last line instead of a "ready" server that answers 404 (or one that sends the fleet's tokens in
 * clear text), and without a public base URL nothing hands out links or configs that cannot work.
 */
class StartupRefusalsIT {

    @Test
    void aDeploymentThatFailsStopsTheLauncher() {
        try (TestDatabase database = TestDatabase.create("bad_bootstrap")) {
            Map<String, String> settings = RunningServer.ownNodeSettings(database);
            settings.put("ADMIN_BOOTSTRAP_PASSWORD", "short");

            assertThatThrownBy(() -> RunningServer.start("bad-bootstrap", settings).close())
                    .hasMessageContaining("exited with 1")
                    .hasMessageContaining("could not start: Deployment of codex-auth-admin (admin) failed: Cannot create the"
                            + " first admin from ADMIN_BOOTSTRAP_USER/ADMIN_BOOTSTRAP_PASSWORD");
        }
    }

    @Test
    void anUpstreamThatGetsTheFleetsTokensOverPlainHttpIsRefused() {
        try (TestDatabase database = TestDatabase.create("plain_upstream")) {
            Map<String, String> settings = RunningServer.ownNodeSettings(database);
            settings.put("CHATGPT_BASE_URL", "http://quota.example/backend-api");

            assertThatThrownBy(() -> RunningServer.start("plain-upstream", settings).close())
                    .hasMessageContaining("exited with 1")
                    .hasMessageContaining("CHATGPT_BASE_URL must be an https: URL");
        }
    }

    @Test
    void withoutAPublicBaseUrlNothingIsBakedAndTheLogSaysWhy() throws Exception {
        try (TestDatabase database = TestDatabase.create("no_base_url")) {
            Map<String, String> settings = RunningServer.ownNodeSettings(database);
            settings.put("PUBLIC_BASE_URL", "");
            try (RunningServer server = RunningServer.start("no-base-url", settings)) {
                assertThat(server.log()).contains("PUBLIC_BASE_URL is not set");
                String token = StandaloneAdmin.token(server);

                HttpResult register = StandaloneAdmin.admin(server, token, "POST", "/admin/api/hosts/register",
                        Fleet.json("fqdn", "nobase.fleet.test"));

                assertThat(register.status()).as(register.body()).isEqualTo(503);
                assertThat(register.json().getString("code")).isEqualTo("public_base_url_missing");
                assertThat(register.json().getString("message")).contains("PUBLIC_BASE_URL");
            }
        }
    }
}
