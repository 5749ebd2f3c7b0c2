package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.codexauth.db.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The start script on JDK 25: the first run of a build records the ahead-of-time cache and the JVM writes it when the
 * server stops; the next run starts from it, without the JVM refusing it, and serves as before. What the script
 * decides without a real JVM (an empty cache recorded again, another build's cache replaced, nothing on JDK 17) is
 * StartScriptTest's.
 */
class AheadOfTimeCacheIT {

    private static final Path JDK_25 = Path.of(System.getProperty("jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    @Test
    void theFirstRunOnJdk25RecordsTheCacheAndTheNextStartsFromIt() throws Exception {
        assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")), "no JDK 25 at " + JDK_25 + " (-Djdk25.home)");
        Path dataDir = Path.of("target", "aot-data").toAbsolutePath();
        TestFiles.deleteTree(dataDir);
        try (TestDatabase database = TestDatabase.create("aot")) {
            Map<String, String> settings = RunningServer.ownNodeSettings(database);
            settings.put("DATA_DIR", dataDir.toString());
            settings.put("PATH", JDK_25.resolve("bin") + ":" + System.getenv("PATH"));
            // The host API is enough to show the cache recorded and used; the admin application would double each start.
            settings.put("ADMIN_CONSOLE_START", "on-demand");

            String firstLog;
            try (RunningServer first = RunningServer.startServingHosts("aot-first", settings)) {
                System.out.printf("JDK 25, recording the cache: ready in %d ms%n", first.readyMillis());
                assertThat(versions(first).status()).isEqualTo(200);
                firstLog = first.log();
            }
            assertThat(firstLog).contains("Recording an ahead-of-time cache into " + dataDir.resolve("aot"));
            List<Path> caches = caches(dataDir);
            assertThat(caches).as("the cache the JVM wrote at exit").hasSize(1);
            assertThat(Files.size(caches.get(0))).isGreaterThan(1_000_000);

            try (RunningServer second = RunningServer.startServingHosts("aot-second", settings)) {
                System.out.printf("JDK 25, from the cache: ready in %d ms%n", second.readyMillis());
                assertThat(versions(second).status()).isEqualTo(200);
                assertThat(second.log()).contains("Starting from the ahead-of-time cache " + caches.get(0))
                        .doesNotContain("[error][aot]").doesNotContain("[warning][aot]");
            }
            assertThat(caches(dataDir)).as("used, not recorded again").isEqualTo(caches);
        }
    }

    private static HttpResult versions(RunningServer server) {
        return RawHttp.send("127.0.0.1", server.port(), "GET", "/versions", Map.of(), null);
    }

    private static List<Path> caches(Path dataDir) throws Exception {
        Path dir = dataDir.resolve("aot");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".aot")).sorted().toList();
        }
    }
}
