package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One node without clustering (the default): no data grid runs, so nothing listens beside the HTTP port, and a change
 * made through the admin application still reaches the host API's in-memory answers at once. The settings cache is
 * ten minutes long, so only the invalidation can have carried it.
 */
class NodeWithoutGridIT {

    private static RunningServer node;

    @BeforeAll
    static void start() {
        Map<String, String> settings = RunningServer.sharedSettings();
        settings.put("SETTINGS_CACHE_MILLIS", "600000");
        node = RunningServer.start("without-grid", settings);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theNodeListensOnItsHttpPortAlone() throws Exception {
        assertThat(node.listeningPorts()).containsExactly(node.port());
    }

    @Test
    void theKillSwitchThrownInTheAdminApplicationRefusesTheHostApisNextRequest() {
        HttpResult refused = AdminChanges.nextRequestWhileDisabled(node, node);

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.json().getString("message")).isEqualTo("API disabled by administrator");
    }

    @Test
    void aHostSuspendedInTheAdminApplicationIsRefusedThoughItsAuthIsAnsweredFromMemory() {
        HttpResult refused = AdminChanges.nextInSyncAuthOfSuspendedHost(node, node);

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().getString("message")).isEqualTo("Host is disabled");
    }
}
