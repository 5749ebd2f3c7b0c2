package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's run command on a machine with nothing configured: the launcher starts its embedded MariaDB under
 * DATA_DIR, generates a development key, and serves every public surface; a restart keeps the data. Hosts are served
 * while the admin application still deploys, and its paths meanwhile answer a JSON 503, never a 404.
 */
class EmbeddedRunIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesEverySurfaceOnTheEmbeddedDatabaseAndKeepsItsDataAcrossRestarts() throws Exception {
        Path dataDir = Path.of("target", "embedded-run-data").toAbsolutePath();
        TestFiles.deleteTree(dataDir);
        // The launcher refuses a DATA_DIR under java.io.tmpdir; a checkout under /tmp must still run this test.
        Path serverTemp = Files.createDirectories(Path.of("target", "embedded-run-tmp").toAbsolutePath());
        Map<String, String> settings = Map.of("DATA_DIR", dataDir.toString(), "JAVA_OPTS", "-Djava.io.tmpdir=" + serverTemp,
                "SHUTDOWN_DRAIN_SECONDS", "0");

        try (RunningServer server = RunningServer.start("embedded-first", settings)) {
            System.out.printf("Embedded run, fresh data directory: ready in %d ms%n", server.readyMillis());
            assertThat(get(server, "/health").body()).contains("\"status\":\"UP\"").contains("\"name\":\"database\"");
            assertThat(get(server, "/versions").body()).startsWith("{\"status\":\"ok\"");
            HttpResponse<String> openapi = get(server, "/openapi");
            assertThat(openapi.statusCode()).isEqualTo(200);
            assertThat(openapi.body()).contains("/versions");
            assertThat(get(server, "/metrics").body()).contains("http_server_requests");
            assertThat(Files.readString(dataDir.resolve("encryption.keys"))).contains("dev:");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).as("the database, its password, the key")
                    .isEqualTo("rwx------");
            assertThat(server.startingAnswers()).as("answers between the listener opening and the admin application's")
                    .isNotEmpty()
                    .allSatisfy(answer -> {
                        assertThat(answer.adminStatus()).isEqualTo(503);
                        assertThat(answer.adminBody()).contains("\"code\":\"admin_starting\"");
                        assertThat(answer.adminRetryAfter()).isEqualTo("5");
                    })
                    .anySatisfy(answer -> assertThat(answer.readyStatus()).as("readiness of the host API").isEqualTo(200));
            assertThat(server.log()).containsPattern("(?s)Host API serving on port \\d+ after .*codex-auth-admin deployed at /admin");
        }
        try (RunningServer restarted = RunningServer.start("embedded-second", settings)) {
            System.out.printf("Embedded run, existing data directory: ready in %d ms%n", restarted.readyMillis());
            assertThat(restarted.log()).contains("(0 migrations applied)").doesNotContainPattern("\\([1-9][0-9]* migrations applied\\)")
                    .doesNotContain("Created admin user");
            assertThat(get(restarted, "/health/ready").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(RunningServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
