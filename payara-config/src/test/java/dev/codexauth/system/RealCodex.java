package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real Codex CLI from npm, installed once under target/ (the registry is the only place it comes from). */
final class RealCodex {

    static final String VERSION = "0.169.0";

    private RealCodex() {
    }

    static synchronized Path cli() throws IOException, InterruptedException {
        Path prefix = Path.of("target", "codex-cli-" + VERSION).toAbsolutePath();
        Path binary = prefix.resolve("node_modules/.bin/codex");
        if (!Files.isExecutable(binary)) {
            Files.createDirectories(prefix);
            Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
                    "@openai/codex@" + VERSION)).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(npm.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(npm.exitValue()).as("npm install @openai/codex:%n%s", output).isZero();
        }
        return binary;
    }
}
