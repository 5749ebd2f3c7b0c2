package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database, as a cluster runs: state that decides something (installer tokens, failure counts,
 * the kill switch, call counts) lives in the database, so neither node can be played against the other.
 */
class TwoNodesIT {

    private static RunningServer first;
    private static RunningServer second;

    @BeforeAll
    static void twoNodes() {
        first = Fleet.server();
        second = RunningServer.anotherNode("second-node");
    }

    @AfterAll
    static void stopSecond() {
        second.close();
    }

    @Test
    void anMcpSessionOpenedOnOneNodeIsServedAndEndedOnTheOther() {
        McpClient onFirst = McpClient.initialized(Fleet.newHost(), "2025-11-25");
        onFirst.call("memory_store", "{\"id\":\"shared\",\"content\":\"written on the first node\"}");
        McpClient onSecond = new McpClient(second, onFirst.key, onFirst.ip);
        onSecond.session = onFirst.session;
        onSecond.version = onFirst.version;
        assertThat(onSecond.call("memory_retrieve", "{\"id\":\"shared\"}").getJsonObject("structuredContent").getString("status"))
                .isEqualTo("found");
        assertThat(host(second, onFirst.ip, "DELETE", "/mcp", onFirst.key, null, Map.of("Mcp-Session-Id", onFirst.session)).status())
                .isEqualTo(204);
        assertThat(onFirst.request("ping", null).status()).isEqualTo(404);
    }

    @Test
    void anInstallerRacedOnBothNodesIsRedeemedExactlyOnce() throws Exception {
        Fleet.HostKey laptop = Fleet.newHost();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResult>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            RunningServer node = i % 2 == 0 ? first : second;
            String ip = Fleet.freshIp();
            results.add(pool.submit(() -> {
                start.await();
                return host(node, ip, "GET", "/install/" + laptop.installerToken(), null, null, Map.of());
            }));
        }
        start.countDown();
        int scripts = 0;
        for (Future<HttpResult> result : results) {
            HttpResult answer = result.get(120, TimeUnit.SECONDS);
            if (answer.status() == 200) {
                scripts++;
            } else {
                assertThat(answer.status()).as(answer.body()).isEqualTo(410);
            }
        }
        pool.shutdown();

        assertThat(scripts).isEqualTo(1);
    }

    @Test
    void failedKeysCountOnEveryNodeTowardsOneBlock() {
        String ip = Fleet.freshIp();
        for (int i = 0; i < 20; i++) {
            RunningServer node = i % 2 == 0 ? first : second;
            assertThat(host(node, ip, "POST", "/auth", "0".repeat(64), "{}", Map.of()).status()).isEqualTo(401);
        }

        HttpResult blocked = host(second, ip, "POST", "/auth", "1".repeat(64), "{}", Map.of());

        assertThat(blocked.status()).as(blocked.body()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotBlank();
        assertThat(host(first, ip, "POST", "/auth", "2".repeat(64), "{}", Map.of()).status()).isEqualTo(429);
    }

    @Test
    void theKillSwitchThrownOnOneNodeStopsTheOther() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        try {
            assertThat(admin("POST", "/admin/api/state", json("disabled", true)).status()).isEqualTo(200);

            HttpResult refused = host(second, ip, "GET", "/slash-commands", laptop.key(), null, Map.of());

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().getString("message")).isEqualTo("API disabled by administrator");
        } finally {
            admin("POST", "/admin/api/state", json("disabled", false));
        }
        assertThat(host(second, ip, "GET", "/slash-commands", laptop.key(), null, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void callsCountedOnBothNodesAddUpInTheDatabase() throws Exception {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        String body = json("command", "retrieve", "digest", AuthDecisionTableIT.sha256("nodes"), "last_refresh", "2025-01-01T00:00:00Z");
        for (int i = 0; i < 10; i++) {
            assertThat(host(i % 2 == 0 ? first : second, ip, "POST", "/auth", laptop.key(), body, Map.of()).status()).isEqualTo(200);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String stored = "SELECT api_calls FROM hosts WHERE id = " + laptop.id();
        while ((Long) Fleet.scalar(stored) < 10 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Fleet.scalar(stored)).isEqualTo(10L);
    }

    @Test
    void aTokenRevokedOrUnpaidOnOneNodeIsRefusedByTheOtherAtOnce() {
        String user = People.unique("user");
        String org = People.unique("org");
        String token = People.activeToken(user, org);
        assertThat(People.call(second, token, "GET", "/api/v1/me", null).status()).isEqualTo(200);

        People.entitle(org, "past_due");
        HttpResult unpaid = People.call(second, token, "GET", "/api/v1/me", null);
        assertThat(unpaid.status()).isEqualTo(403);
        assertThat(unpaid.json().getString("code")).isEqualTo("entitlement_inactive");

        People.entitle(org, "active");
        long id = People.call(second, token, "GET", "/api/v1/me", null).data().getJsonNumber("token_id").longValue();
        assertThat(People.call(first, People.session(user, org), "DELETE", "/api/v1/llm-tokens/" + id, null).status())
                .isEqualTo(200);
        assertThat(People.call(second, token, "GET", "/api/v1/me", null).status()).isEqualTo(401);
    }

    @Test
    void twoHundredClientsConsumingOneApprovedSignInOnBothNodesGetExactlyOneToken() throws Exception {
        HttpResult started = People.call(first, null, "POST", "/xo-auth/start", json("client", "cdx"));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String id = started.json().getString("auth_session_id");
        String poll = started.json().getString("poll_token");
        String user = People.unique("user");
        String org = People.unique("org");
        People.activeToken(user, org);
        assertThat(People.call(second, People.session(user, org), "POST", "/xo-auth/approve", json("auth_session_id", id)).status())
                .isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResult>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            RunningServer node = i % 2 == 0 ? first : second;
            answers.add(pool.submit(() -> {
                go.await();
                return People.call(node, null, "POST", "/xo-auth/consume", json("auth_session_id", id, "poll_token", poll));
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResult> answer : answers) {
            statuses.add(answer.get(120, TimeUnit.SECONDS).status());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).as("every loser is told the sign-in was used").filteredOn(status -> status != 200).containsOnly(409);
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM llm_tokens t JOIN workspaces w ON w.id = t.workspace_id WHERE w.slug = '" + org + "'"))
                .as("the person's own token and the one sign-in token").isEqualTo(2L);
    }
}
