package dev.codexauth.system;

import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * Changes that revoke access, made through one node's admin application, and what a node then answers the host: the
 * same node's host API (one JVM, two applications) or another node's.
 */
final class AdminChanges {

    private AdminChanges() {
    }

    /** The kill switch thrown through {@code adminNode}: {@code hostNode}'s answer to a host's next request; reset after. */
    static HttpResult nextRequestWhileDisabled(RunningServer adminNode, RunningServer hostNode) {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        assertThat(Fleet.host(hostNode, ip, "GET", "/slash-commands", laptop.key(), null, Map.of()).status()).isEqualTo(200);
        HttpResult refused;
        try {
            assertThat(Fleet.admin(adminNode, "POST", "/admin/api/state", json("disabled", true)).status()).isEqualTo(200);
            refused = Fleet.host(hostNode, ip, "GET", "/slash-commands", laptop.key(), null, Map.of());
        } finally {
            assertThat(Fleet.admin(adminNode, "POST", "/admin/api/state", json("disabled", false)).status()).isEqualTo(200);
        }
        assertThat(Fleet.host(hostNode, ip, "GET", "/slash-commands", laptop.key(), null, Map.of()).status()).isEqualTo(200);
        return refused;
    }

    /** A host kept in sync on {@code hostNode}, suspended through {@code adminNode}: its next in-sync {@code /auth}. */
    static HttpResult nextInSyncAuthOfSuspendedHost(RunningServer adminNode, RunningServer hostNode) {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        String inSync = Fleet.inSyncRetrieve(hostNode, laptop, ip);
        Fleet.retrieveInSync(hostNode, laptop, ip, inSync, 3);
        assertThat(Fleet.admin(adminNode, "POST", "/admin/api/hosts/" + laptop.id() + "/status", json("status", "suspended")).status())
                .isEqualTo(200);
        return Fleet.host(hostNode, ip, "POST", "/auth", laptop.key(), inSync, Map.of());
    }
}
