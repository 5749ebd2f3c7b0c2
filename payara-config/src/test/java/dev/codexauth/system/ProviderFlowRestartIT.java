package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.TestDatabase;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Codex device sign-in outlives the node that started it (issue 17): the node is killed while the admin has not yet
 * entered the code, and the node started in its place finds the pending flow in the database, polls it and stores
 * the new canonical auth.json. One node only, so nothing else could have finished the flow.
 */
class ProviderFlowRestartIT {

    @Test
    void aDeviceSignInPendingWhenItsNodeDiesIsFinishedByTheNextOne() throws Exception {
        try (TestDatabase database = TestDatabase.create("provider_restart")) {
            Map<String, String> settings = RunningServer.ownNodeSettings(database);
            settings.putAll(ProviderStub.shared().serverSettings());

            String session;
            ProviderStub.DeviceFlow device;
            try (RunningServer first = RunningServer.start("provider-restart-first", settings)) {
                String token = StandaloneAdmin.token(first);
                HttpResult started = StandaloneAdmin.admin(first, token, "POST", "/admin/api/providers/codex/setup", null);
                assertThat(started.status()).as(started.body()).isEqualTo(200);
                session = started.data().getString("session_id");
                device = ProviderStub.shared().device(started.data().getString("user_code"));
                for (int i = 0; i < 60 && device.polls().isEmpty(); i++) {
                    Thread.sleep(500);
                }
                assertThat(device.polls()).as("the first node polls before it dies").isNotEmpty();
                first.kill();
            }
            int pollsBeforeRestart = device.polls().size();
            device.enter();

            try (RunningServer second = RunningServer.start("provider-restart-second", settings)) {
                String token = StandaloneAdmin.token(second);
                String status = "pending";
                for (int i = 0; i < 120 && status.equals("pending"); i++) {
                    Thread.sleep(500);
                    status = StandaloneAdmin.admin(second, token, "GET", "/admin/api/providers/codex/setup/" + session, null).data()
                            .getString("status");
                }
                assertThat(status).isEqualTo("succeeded");
                assertThat(device.polls().size()).as("the new node polled the flow").isGreaterThan(pollsBeforeRestart);
                JsonObject codex = StandaloneAdmin.send(second, "GET", "/api/codex/status", Map.of(), null).data();
                assertThat(codex.getBoolean("authenticated")).isTrue();
                HttpResult audit = StandaloneAdmin.admin(second, token, "GET", "/admin/api/audit?action=auth.upload", null);
                assertThat(audit.body()).as("stored like an upload, in the name of the admin (here an API token) who started it")
                        .contains("\"auth_method\":\"device_flow\"").contains("\"actor\":\"token:cxadm_");
            }
        }
    }
}
