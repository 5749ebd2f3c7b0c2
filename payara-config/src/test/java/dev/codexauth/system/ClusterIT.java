package dev.codexauth.system;

import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes clustered on Payara's data grid behind HAProxy, on the shared database, as docs/cluster.md deploys them.
 * Their settings cache is ten minutes long, so when a change made on one node is refused on the other at once, only
 * the cluster's invalidation can have carried it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final int PER_IP_LIMIT = 100;

    private static RunningServer first;
    private static RunningServer second;
    private static Balancer balancer;
    private static String adminCookies;

    private static int firstGrid;

    @BeforeAll
    static void cluster() throws Exception {
        firstGrid = RunningServer.freePort();
        int secondGrid = RunningServer.freePort();
        Map<String, String> settings = RunningServer.sharedSettings();
        settings.put("CLUSTER_ENABLED", "true");
        settings.put("CLUSTER_NAME", "cluster-it-" + UUID.randomUUID());
        settings.put("CLUSTER_MEMBERS", "127.0.0.1:" + firstGrid + ",127.0.0.1:" + secondGrid);
        settings.put("CLUSTER_INTERFACE", "127.0.0.1");
        settings.put("SETTINGS_CACHE_MILLIS", "600000");
        settings.put("RATE_LIMIT_GLOBAL_PER_MINUTE", String.valueOf(PER_IP_LIMIT));
        settings.put("RATE_LIMIT_GLOBAL_WINDOW", "60");
        first = RunningServer.start("cluster-first", with(settings, "CLUSTER_PORT", firstGrid));
        second = RunningServer.start("cluster-second", with(settings, "CLUSTER_PORT", secondGrid));
        balancer = Balancer.start(List.of(first, second));
    }

    @AfterAll
    static void stop() {
        if (balancer != null) {
            balancer.close();
        }
        for (RunningServer node : new RunningServer[] {first, second}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void theNodesFormOneDataGridOverTcpIp() throws Exception {
        assertThat(second.log()).contains("Cache invalidations travel the cluster's data grid (2 members)");
    }

    @Test
    @Order(2)
    void theGridListensOnlyOnItsInterface() throws Exception {
        Optional<InetAddress> other = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses).filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        Assumptions.assumeTrue(other.isPresent(), "this machine has no address besides loopback");
        try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), firstGrid)) {
            assertThat(loopback.isConnected()).as("the grid on CLUSTER_INTERFACE").isTrue();
        }
        assertThatThrownBy(() -> new Socket(other.get(), firstGrid).close()).as("the grid on " + other.get())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    @Order(2)
    void theKillSwitchThrownOnOneNodeRefusesTheNextRequestOnTheOther() {
        HttpResult refused = AdminChanges.nextRequestWhileDisabled(first, second);

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.json().getString("message")).isEqualTo("API disabled by administrator");
    }

    @Test
    @Order(3)
    void aHostSuspendedOnOneNodeIsRefusedOnTheOtherEvenWhenItIsInSync() {
        HttpResult refused = AdminChanges.nextInSyncAuthOfSuspendedHost(first, second);

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().getString("message")).isEqualTo("Host is disabled");
    }

    @Test
    @Order(4)
    void anMcpSessionEndedOrAHostSuspendedIsRefusedAtOnceThoughCallsAreAnsweredFromMemory() {
        Fleet.HostKey laptop = Fleet.newHost();
        McpClient mcp = McpClient.initialized(second, laptop.key(), Fleet.freshIp(), "2025-11-25");
        for (int i = 0; i < 3; i++) {
            assertThat(mcp.request("ping", null).status()).isEqualTo(200);
        }
        String ended = mcp.session;
        assertThat(Fleet.host(second, mcp.ip, "DELETE", "/mcp", mcp.key, null, Map.of("Mcp-Session-Id", ended)).status()).isEqualTo(204);
        assertThat(mcp.request("ping", null).status()).as("an ended session, though remembered a moment ago").isEqualTo(404);
        mcp.session = mcp.initialize("2025-11-25").header("Mcp-Session-Id");
        assertThat(mcp.request("ping", null).status()).isEqualTo(200);

        assertThat(Fleet.admin(first, "POST", "/admin/api/hosts/" + laptop.id() + "/status", json("status", "suspended")).status())
                .isEqualTo(200);
        HttpResult refused = mcp.request("ping", null);

        assertThat(refused.status()).as("the ten-minute cache dropped by the invalidation: " + refused.body()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void promptsAndConfigAnsweredFromMemoryFollowAStoreOrASuspensionOnTheOtherNodeAtOnce() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        String file = "cluster-" + UUID.randomUUID() + ".md";
        // The first call binds the IP and records the host's activity; the ones after it are answered from memory.
        for (int i = 0; i < 3; i++) {
            HttpResult listed = Fleet.host(second, ip, "GET", "/slash-commands", laptop.key(), null, Map.of());
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            assertThat(listed.body()).doesNotContain(file);
            assertThat(Fleet.host(second, ip, "POST", "/config/retrieve", laptop.key(), "{}", Map.of()).status()).isEqualTo(200);
        }

        assertThat(Fleet.admin(first, "POST", "/admin/api/slash-commands/store", json("filename", file, "prompt", "# Stored on the first node"))
                .status()).isEqualTo(200);

        assertThat(Fleet.host(second, ip, "GET", "/slash-commands", laptop.key(), null, Map.of()).body()).contains(file);
        HttpResult retrieved = Fleet.host(second, ip, "POST", "/slash-commands/retrieve", laptop.key(), json("filename", file), Map.of());
        assertThat(retrieved.data().getString("prompt")).as(retrieved.body()).isEqualTo("# Stored on the first node");

        assertThat(Fleet.admin(first, "POST", "/admin/api/hosts/" + laptop.id() + "/status", json("status", "suspended")).status())
                .isEqualTo(200);
        for (String[] call : new String[][] {{"GET", "/slash-commands", null}, {"POST", "/config/retrieve", "{}"},
                {"POST", "/skills/retrieve", json("slug", "any")}}) {
            HttpResult refused = Fleet.host(second, ip, call[0], call[1], laptop.key(), call[2], Map.of());
            assertThat(refused.status()).as(call[1] + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.json().getString("message")).isEqualTo("Host is disabled");
        }
    }

    @Test
    @Order(6)
    void tenInstallersRacedThroughTheBalancerAThousandTimesHaveExactlyTenWinners() throws Exception {
        List<Fleet.HostKey> hosts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hosts.add(Fleet.newHost());
        }
        ExecutorService pool = Executors.newFixedThreadPool(24);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResult>> answers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String path = "/install/" + hosts.get(i % 10).installerToken();
            String ip = Fleet.freshIp();
            answers.add(pool.submit(() -> {
                start.await();
                return balancer.send(ip, "GET", path, null, null);
            }));
        }
        start.countDown();
        Map<String, Integer> scriptsByToken = new HashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            HttpResult answer = answers.get(i).get(180, TimeUnit.SECONDS);
            if (answer.status() == 200) {
                scriptsByToken.merge(hosts.get(i % 10).installerToken(), 1, Integer::sum);
            } else {
                assertThat(answer.status()).as(answer.body()).isEqualTo(410);
            }
        }
        pool.shutdown();

        assertThat(scriptsByToken).hasSize(10).allSatisfy((token, scripts) -> assertThat(scripts).isEqualTo(1));
    }

    @Test
    @Order(7)
    void aPerIpLimitHoldsForTheClusterAsAWhole() throws Exception {
        balancer.awaitServing();
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        int served = 0;
        int limited = 0;
        for (int i = 0; i < PER_IP_LIMIT * 2 + 50; i++) {
            HttpResult answer = balancer.send(ip, "GET", "/slash-commands", laptop.key(), null);
            if (answer.status() == 200) {
                served++;
            } else {
                assertThat(answer.status()).as(answer.body()).isEqualTo(429);
                limited++;
            }
        }

        assertThat(served).as("requests alternate between two nodes; the limit is the cluster's").isEqualTo(PER_IP_LIMIT);
        assertThat(limited).isEqualTo(PER_IP_LIMIT + 50);
    }

    @Test
    @Order(8)
    void anAdminSignedInOnOneNodeIsServedByTheOther() {
        HttpResult login = RawHttp.send("127.0.0.1", second.port(), "POST", "/admin/api/session/login",
                Map.of("Content-Type", "application/json"), json("username", "admin", "password", Fleet.ADMIN_PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        adminCookies = login.cookies();

        HttpResult elsewhere = RawHttp.send("127.0.0.1", first.port(), "GET", "/admin/api/session", Map.of("Cookie", adminCookies), null);

        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);
        assertThat(elsewhere.data().getString("user")).isEqualTo("admin");
    }

    @Test
    @Order(9)
    void aNodeKilledDuringUsageIngestLosesNoAcknowledgedRow() throws Exception {
        balancer.awaitServing();
        List<Fleet.HostKey> hosts = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            hosts.add(Fleet.newHost());
            ips.add(Fleet.freshIp());
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, Integer> refusals = new ConcurrentHashMap<>();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger serverErrorsLongAfterTheKill = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> workers = new ArrayList<>();
        for (int worker = 0; worker < 8; worker++) {
            Fleet.HostKey laptop = hosts.get(worker);
            String ip = ips.get(worker);
            workers.add(pool.submit(() -> {
                for (int total = 1; total <= 60; total++) {
                    long sentAt = System.nanoTime();
                    HttpResult answer = balancer.send(ip, "POST", "/usage", laptop.key(), json("total", total, "model", "gpt-5.1"));
                    if (answer.status() == 200 && answer.data().getInt("recorded", 0) == 1) {
                        acknowledged.add(laptop.id() + ":" + total);
                    } else {
                        refusals.merge(answer.status() + " " + answer.body().substring(0, Math.min(120, answer.body().length())),
                                1, Integer::sum);
                    }
                    if (answer.status() >= 500) {
                        serverErrors.incrementAndGet();
                        if (sentAt - killedAt.get() > TimeUnit.SECONDS.toNanos(3)) {
                            serverErrorsLongAfterTheKill.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acknowledged.size() < 100) {
            assertThat(System.nanoTime() < deadline && !workers.stream().allMatch(Future::isDone))
                    .as("100 acknowledged usage posts before the kill; refused: %s", refusals).isTrue();
            Thread.sleep(20);
        }
        second.kill();
        killedAt.set(System.nanoTime());
        for (Future<?> worker : workers) {
            worker.get(300, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Set<String> stored = new java.util.HashSet<>();
        for (Fleet.HostKey laptop : hosts) {
            try (var connection = RunningServer.sharedDatabase().connect(); var statement = connection.createStatement();
                 var rows = statement.executeQuery("SELECT total FROM token_usages WHERE host_id = " + laptop.id())) {
                while (rows.next()) {
                    stored.add(laptop.id() + ":" + rows.getLong(1));
                }
            }
        }
        assertThat(acknowledged).as("acknowledged before and after the kill; refused: %s", refusals).hasSizeGreaterThan(400);
        assertThat(stored).containsAll(acknowledged);
        // At the kill each worker has at most one request in flight on the dead node; until the balancer notices, a
        // request it sends on a pooled connection to that node (at most one per worker) fails too, and is not retried
        // because a POST may have been applied.
        assertThat(serverErrors.get()).as("only requests in flight or on pooled connections to the killed node; refused: %s", refusals)
                .isLessThanOrEqualTo(16);
        assertThat(serverErrorsLongAfterTheKill.get()).as("the balancer stopped sending to the dead node").isZero();
        HttpResult session = RawHttp.send("127.0.0.1", first.port(), "GET", "/admin/api/session", Map.of("Cookie", adminCookies), null);
        assertThat(session.status()).as("the admin who signed in on the dead node: " + session.body()).isEqualTo(200);
    }

    private static Map<String, String> with(Map<String, String> settings, String name, int value) {
        Map<String, String> copy = new HashMap<>(settings);
        copy.put(name, String.valueOf(value));
        return copy;
    }
}
