package dev.codexauth.sync.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The host-side scripts as hosts get them: the bundled {@code cdx} (the parts of {@code wrapper/cdx.d} joined by the
 * build), the installer and the sign-in enrolment script pass shellcheck with no finding,
 * and the wrapper's bats unit tests (against a stub host API, {@code wrapper/test/*.bats}) pass.
 */
@Execution(ExecutionMode.CONCURRENT)
class WrapperScriptsTest {

    private static final Path WRAPPER = Path.of("..", "wrapper").toAbsolutePath().normalize();

    @Test
    void theWrapperHasNoShellcheckFinding() throws Exception {
        Path bundled = Path.of(getClass().getResource(WrapperTemplate.BUNDLED).toURI());
        Result result = run(List.of("shellcheck", bundled.toString()), 60);
        assertThat(result.exit()).as("shellcheck of the bundled cdx:%n%s", result.output()).isZero();
    }

    @Test
    void theBundledWrapperIsThePartsJoinedInNameOrder() throws Exception {
        Path bundled = Path.of(getClass().getResource(WrapperTemplate.BUNDLED).toURI());
        Result assembled = run(List.of(WRAPPER.resolve("assemble").toString()), 60);
        assertThat(assembled.exit()).isZero();
        assertThat(Files.readString(bundled)).isEqualTo(assembled.output()).startsWith("#!/usr/bin/env bash\n");
    }

    @Test
    void theInstallerHasNoShellcheckFinding() throws Exception {
        assertRenderedTemplateIsClean("/dev/codexauth/host/control/install.sh");
    }

    @Test
    void theSignInEnrolmentScriptHasNoShellcheckFinding() throws Exception {
        assertRenderedTemplateIsClean("/dev/codexauth/identity/control/login.sh");
    }

    /** A script template with its {@code __NAME__} tokens replaced by quoted values, as the server renders it. */
    private void assertRenderedTemplateIsClean(String resource) throws Exception {
        String script = new String(getClass().getResourceAsStream(resource).readAllBytes(), StandardCharsets.UTF_8)
                .replaceAll("__[A-Z0-9_]+__", "'value'");
        Path file = Files.createTempFile("template", ".sh");
        try {
            Files.writeString(file, script);
            Result result = run(List.of("shellcheck", file.toString()), 60);
            assertThat(result.exit()).as("shellcheck %s:%n%s", resource, result.output()).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theWrapperUnitTestsPass() throws Exception {
        // Each test has its own directories and stub server, and mostly waits on them: four at a time took 49 s where
        // one at a time took 80 on two cores (bats needs GNU parallel for that).
        List<String> jobs = onPath("parallel") ? List.of("--jobs", "4") : List.of();
        List<String> command = new ArrayList<>(List.of("bats", "--tap"));
        command.addAll(jobs);
        command.add(WRAPPER.resolve("test").toString());
        Result result = run(command, 600);
        assertThat(result.exit()).as("bats wrapper/test:%n%s", result.output()).isZero();
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new AssertionError(command.get(0) + " is not installed (.ci/provision installs it: apt-get install "
                    + command.get(0) + ")", missing);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("%s timed out", command).isTrue();
        return new Result(process.exitValue(), output);
    }
}
