package dev.codexauth.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start script's choices about the JDK 25+ ahead-of-time cache, run against a stand-in {@code java} that reports a
 * version and records the arguments it was started with. AheadOfTimeCacheIT shows the real JVM recording and using the
 * cache; these are the cases that need no real JVM to tell.
 */
class StartScriptTest {

    private static final Path SCRIPT = Path.of("src", "main", "dist", "bin", "codex-auth-central");

    @TempDir
    Path dir;

    private Path home;
    private Path dataDir;

    @BeforeEach
    void distribution() throws IOException {
        home = dir.resolve("dist");
        dataDir = dir.resolve("data");
        Files.createDirectories(home.resolve("bin"));
        Files.copy(SCRIPT, home.resolve("bin/codex-auth-central"));
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/launcher.jar"), "launcher");
        Files.createDirectories(home.resolve("deploy/ROOT"));
        Files.writeString(home.resolve("deploy/ROOT/index.html"), "host API");
    }

    @Test
    void theFirstRunOnJdk25RecordsTheCacheUnderTheDataDirectory() throws Exception {
        String flag = aheadOfTimeFlag(run("25.0.1", Map.of()));

        assertThat(flag).startsWith("-XX:AOTCacheOutput=" + dataDir.resolve("aot").resolve("codex-auth-central-"))
                .endsWith("-java-25.0.1.aot");
    }

    @Test
    void aRecordedCacheIsUsedByTheNextRun() throws Exception {
        Path cache = firstRecording();
        Files.writeString(cache, "a cache the JVM wrote");

        assertThat(aheadOfTimeFlag(run("25.0.1", Map.of()))).isEqualTo("-XX:AOTCache=" + cache);
    }

    @Test
    void anEmptyCacheLeftByAnAssemblyThatDidNotFinishIsRecordedAgain() throws Exception {
        Path cache = firstRecording();
        Files.writeString(cache, "");

        assertThat(aheadOfTimeFlag(run("25.0.1", Map.of()))).isEqualTo("-XX:AOTCacheOutput=" + cache);
        assertThat(cache).doesNotExist();
    }

    @Test
    void aCacheOfAnotherBuildIsDeletedWhenThisBuildRecordsItsOwn() throws Exception {
        Path cache = firstRecording();
        Files.writeString(cache, "the previous build's cache");
        Files.writeString(home.resolve("lib/launcher.jar"), "the next build's launcher");

        String flag = aheadOfTimeFlag(run("25.0.1", Map.of()));

        assertThat(flag).startsWith("-XX:AOTCacheOutput=").isNotEqualTo("-XX:AOTCacheOutput=" + cache);
        assertThat(cache).doesNotExist();
    }

    @Test
    void noCacheOnJdk17OrWhenTurnedOff() throws Exception {
        assertThat(aheadOfTimeFlag(run("17.0.13", Map.of()))).isEmpty();
        assertThat(aheadOfTimeFlag(run("25.0.1", Map.of("AOT_CACHE", "off")))).isEmpty();
    }

    /** Where the first run on JDK 25 records its cache. */
    private Path firstRecording() throws Exception {
        return Path.of(aheadOfTimeFlag(run("25.0.1", Map.of())).substring("-XX:AOTCacheOutput=".length()));
    }

    /** The cache flag the script passed to the JVM that runs the launcher, or "" for none. */
    private static String aheadOfTimeFlag(List<String> launcherArguments) {
        return launcherArguments.stream().filter(a -> a.startsWith("-XX:AOTCache")).reduce((a, b) -> a + " " + b).orElse("");
    }

    /** Runs the script with a stand-in java of this version; the arguments of the launcher's JVM. */
    private List<String> run(String javaVersion, Map<String, String> settings) throws Exception {
        Path bin = dir.resolve("fake-bin");
        Path launched = dir.resolve("launched");
        Files.createDirectories(bin);
        Files.deleteIfExists(launched);
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/usr/bin/env bash
                for a in "$@"; do
                  if [ "$a" = -version ]; then echo 'openjdk version "%s" 2026-10-20' >&2; exit 0; fi
                done
                printf '%%s\\n' "$@" > '%s'
                """.formatted(javaVersion, launched));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/codex-auth-central").toString())
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("DATA_DIR", dataDir.toString());
        builder.environment().remove("AOT_CACHE");
        builder.environment().putAll(settings);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        try (Stream<String> lines = Files.lines(launched)) {
            return lines.toList();
        }
    }
}
