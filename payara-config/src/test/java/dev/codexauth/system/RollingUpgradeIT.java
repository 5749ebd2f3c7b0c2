package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codexauth.db.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A cluster's life on one database: two nodes of this build started at the same moment on an empty database, as the
 * first deployment of two replicas starts them (both migrate it; both find no admin and insert one, of which one wins
 * and the other node carries on with it); then the upgrade docs/cluster.md describes, with a host syncing through
 * HAProxy all along (about 50 requests a second): a node of the next build (this one plus an expanding migration)
 * started beside them, which migrates the shared database while the old nodes keep serving, then the old nodes
 * stopped one by one with SIGTERM (readiness down, drain, listener closed). Afterwards an old node started again is
 * refused.
 */
class RollingUpgradeIT {

    private static final String NEXT_MIGRATION = "V1000__rolling_upgrade_probe.sql";

    @Test
    void oldNodesStoppedOneByOneAfterANewNodeMigratedFailNoHostRequest() throws Exception {
        Path build = Path.of(System.getProperty("dist.dir", "target/dist")).toAbsolutePath();
        Path upgraded = nextBuild(build);
        try (TestDatabase database = TestDatabase.create("rolling")) {
            Map<String, String> settings = RunningServer.sharedSettings();
            settings.putAll(RunningServer.databaseEnv(database));
            settings.put("RATE_LIMIT_GLOBAL_PER_MINUTE", "0");
            settings.put("SHUTDOWN_DRAIN_SECONDS", "5");
            List<Integer> ports = List.of(RunningServer.freePort(), RunningServer.freePort(), RunningServer.freePort());
            AtomicBoolean started = new AtomicBoolean();
            CompletableFuture<Integer> heldInserts = CompletableFuture.supplyAsync(
                    () -> holdFirstAdminInserts(database, ports.subList(0, 2), started));
            List<RunningServer> old;
            try {
                old = RunningServer.startTogether(List.of("rolling-old-1", "rolling-old-2"), settings, build, ports.subList(0, 2));
            } finally {
                started.set(true);
            }
            assertThat(heldInserts.get(30, TimeUnit.SECONDS)).as("first-admin inserts that met at the held lock").isEqualTo(2);
            RunningServer old1 = old.get(0);
            RunningServer old2 = old.get(1);
            RunningServer next = null;
            try (Balancer balancer = Balancer.startForPorts(ports)) {
                assertThat(scalar(database, "SELECT COUNT(*) FROM admin_users")).as("admins after two first starts at once").isEqualTo(1);
                assertThat(scalar(database, "SELECT COUNT(*) - COUNT(DISTINCT version) + SUM(success = 0) FROM flyway_schema_history"
                        + " WHERE version IS NOT NULL")).as("migrations applied twice or failed").isZero();
                String token = StandaloneAdmin.token(old1);
                String key = StandaloneAdmin.admin(old1, token, "POST", "/admin/api/hosts/register",
                        Fleet.json("fqdn", "rolling.fleet.test")).data().getJsonObject("host").getString("api_key");
                String ip = Fleet.freshIp();
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger served = new AtomicInteger();
                ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
                Thread fleet = new Thread(() -> {
                    while (running.get()) {
                        try {
                            HttpResult answer = balancer.send(ip, "GET", "/slash-commands", key, null);
                            if (answer.status() == 200) {
                                served.incrementAndGet();
                            } else {
                                failed.add(answer.status() + " " + answer.body());
                            }
                            Thread.sleep(20);
                        } catch (IllegalStateException e) {
                            failed.add(e.getMessage());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "syncing-fleet");
                fleet.start();

                next = RunningServer.startServingHosts("rolling-next", settings, upgraded, ports.get(2));
                assertThat(scalar(database, "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1000' AND success = 1"))
                        .as("the next build migrated the database while the old nodes served").isEqualTo(1);
                old1.close();
                old2.close();
                Thread.sleep(2000);
                running.set(false);
                fleet.join(TimeUnit.SECONDS.toMillis(60));

                assertThat(failed).as("host requests during the upgrade").isEmpty();
                assertThat(served.get()).isGreaterThan(100);
                assertThat(scalar(database, "SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'hosts' AND COLUMN_NAME = 'rolling_upgrade_probe'")).isEqualTo(1);

                int againPort = RunningServer.freePort();
                assertThatThrownBy(() -> RunningServer.start("rolling-old-again", settings, build, againPort))
                        .hasMessageContaining("exited");
                assertThat(Files.readString(RunningServer.logOf("rolling-old-again")))
                        .contains("The database schema is at version 1000 (rolling upgrade probe), newer than this build");
            } finally {
                for (RunningServer node : new RunningServer[] {old1, old2, next}) {
                    if (node != null) {
                        node.close();
                    }
                }
            }
        }
    }

    /**
     * Makes both nodes' first-admin bootstraps race for certain: once both serve hosts (migrations done), a transaction of
     * the test locks the gap where the bootstrap admin's row would go, so each node finds no admin and then waits with
     * its insert; when both wait, the lock is released and one insert wins. Without the lock they meet only when the
     * two deployments happen to line up (three runs of four while this was written). {@code admin} is the bootstrap
     * user these settings leave at its default.
     *
     * @param startsOver set when the starts ended, in success or failure: the lock is then let go whatever happened
     * @return how many nodes' inserts waited at the lock (2 when the race was staged)
     */
    private static int holdFirstAdminInserts(TestDatabase database, List<Integer> ports, AtomicBoolean startsOver) {
        HttpClient client = HttpClient.newHttpClient();
        try {
            while (!ports.stream().allMatch(port -> ready(client, port))) {
                if (startsOver.get()) {
                    return 0;
                }
                Thread.sleep(100);
            }
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.executeQuery("SELECT id FROM admin_users WHERE username = 'admin' FOR UPDATE").close();
                    int waiting = 0;
                    while (waiting < ports.size() && !startsOver.get()) {
                        Thread.sleep(100);
                        try (Statement probe = connection.createStatement(); ResultSet rows = probe.executeQuery(
                                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'insert into admin_users%'")) {
                            rows.next();
                            waiting = rows.getInt(1);
                        }
                    }
                    return waiting;
                } finally {
                    connection.rollback();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean ready(HttpClient client, int port) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** This build plus one expanding migration in both applications, hard-linked so that it costs no disk. */
    private static Path nextBuild(Path build) throws Exception {
        Path next = build.resolveSibling("dist-next");
        if (Files.exists(next)) {
            new ProcessBuilder("rm", "-rf", next.toString()).inheritIO().start().waitFor();
        }
        Process copy = new ProcessBuilder("cp", "-al", build.toString(), next.toString()).inheritIO().start();
        assertThat(copy.waitFor()).isZero();
        String migration = """
                -- What a next release may do while the previous one still runs: add a table and a nullable column.
                CREATE TABLE rolling_upgrade_probe (id BIGINT UNSIGNED NOT NULL, PRIMARY KEY (id)) ENGINE=InnoDB;
                ALTER TABLE hosts ADD COLUMN rolling_upgrade_probe VARCHAR(16) NULL;
                """;
        for (String application : List.of("ROOT", "admin")) {
            Path folder = next.resolve("deploy").resolve(application).resolve("WEB-INF/classes/db/migration");
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(NEXT_MIGRATION), migration);
        }
        return next;
    }

    private static long scalar(TestDatabase database, String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
