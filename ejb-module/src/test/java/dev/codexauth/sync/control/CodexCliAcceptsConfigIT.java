package dev.codexauth.sync.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Codex CLI, at the version the fleet runs, reads what the builder renders: config.toml and the profile
 * files go into a fresh CODEX_HOME and Codex's own commands report what it understood. Nothing here reaches OpenAI:
 * {@code mcp list} and {@code debug prompt-input} work offline, and the one session started talks to a closed local
 * port. The npm package is installed once under target/ and reused.
 */
class CodexCliAcceptsConfigIT {

    private static final String CODEX_VERSION = "0.169.0";
    private static final String BASE_URL = "https://central.example/codex";
    private static final Path INSTALL_DIR = Path.of("target", "codex-cli-" + CODEX_VERSION).toAbsolutePath();

    private static Path codex;
    private Path runDir;
    private Path codexHome;
    private Path workspace;

    @BeforeEach
    void writeTheBakedConfigIntoAFreshCodexHome() throws Exception {
        assumeTrue(onPath("npm"), "npm is not on PATH: the Codex CLI acceptance test needs it to install Codex "
                + CODEX_VERSION);
        installCodexOnce();
        runDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "codex-acceptance-");
        codexHome = Files.createDirectories(runDir.resolve("codex-home"));
        workspace = Files.createDirectories(runDir.resolve("workspace"));
        RenderedConfig rendered = ConfigToml.render(
                ConfigBaking.bake(ConfigSettings.normalize(SettingsSamples.full()), null, null, BASE_URL));
        Files.writeString(codexHome.resolve("config.toml"), rendered.content());
        for (ProfileFile profile : rendered.profiles()) {
            Files.writeString(codexHome.resolve(profile.filename()), profile.content());
        }
    }

    @AfterEach
    void removeTheCodexHome() throws IOException {
        if (runDir != null) {
            try (Stream<Path> files = Files.walk(runDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static synchronized void installCodexOnce() throws Exception {
        if (codex != null) {
            return;
        }
        Path executable = INSTALL_DIR.resolve("node_modules/.bin/codex");
        if (!Files.isExecutable(executable)) {
            Files.createDirectories(INSTALL_DIR);
            Run install = run(INSTALL_DIR, List.of("npm", "install", "--prefix", INSTALL_DIR.toString(), "--no-audit",
                    "--no-fund", "--no-save", "@openai/codex@" + CODEX_VERSION), Map.of(), 600);
            assertThat(install.exitCode()).as(install.output()).isZero();
        }
        Run version = run(INSTALL_DIR, List.of(executable.toString(), "--version"), Map.of(), 60);
        assertThat(version.stdout()).contains("codex-cli " + CODEX_VERSION);
        codex = executable;
    }

    @Test
    void mcpListShowsTheFleetServersAndTheManagedEntryWithItsHeadersHelper() throws Exception {
        Run list = codex("mcp", "list", "--json");

        assertThat(list.exitCode()).as(list.output()).isZero();
        JsonArray servers = Json.createReader(new StringReader(list.stdout())).readArray();
        assertThat(servers.stream().map(server -> server.asJsonObject().getString("name")))
                .containsExactly("cdx", "docs", "filesystem");
        JsonObject cdx = transport(servers, "cdx");
        assertThat(cdx.getString("type")).isEqualTo("streamable_http");
        assertThat(cdx.getString("url")).isEqualTo(BASE_URL + "/mcp");
        assertThat(cdx.isNull("http_headers_helper")).as("a headers helper (Codex shows it redacted)").isFalse();
        assertThat(cdx.isNull("http_headers")).as("no inline Authorization header").isTrue();
        assertThat(cdx.isNull("bearer_token_env_var")).as("no environment needed: Codex started without cdx works").isTrue();
        JsonObject docs = transport(servers, "docs");
        assertThat(docs.getString("url")).isEqualTo("https://docs.example/mcp");
        assertThat(docs.getString("bearer_token_env_var")).isEqualTo("DOCS_MCP_TOKEN");
        assertThat(docs.getJsonObject("http_headers").getString("X-Team")).isEqualTo("platform");
        JsonObject filesystem = transport(servers, "filesystem");
        assertThat(filesystem.getString("type")).isEqualTo("stdio");
        assertThat(filesystem.getString("command")).isEqualTo("npx");
        assertThat(filesystem.getJsonArray("args").getString(2)).isEqualTo("/srv/work");
        assertThat(list.stdout()).doesNotContain("docs-secret-token");
    }

    @Test
    void selectingAProfileLayersItsFileOverConfigToml() throws Exception {
        Run base = codex("debug", "prompt-input", "hello");
        Run fast = codex("--profile", "fast", "debug", "prompt-input", "hello");

        assertThat(base.exitCode()).as(base.output()).isZero();
        assertThat(fast.exitCode()).as(fast.output()).isZero();
        assertThat(base.stdout()).contains("`sandbox_mode` is `read-only`")
                .doesNotContain("Approval policy is currently never");
        assertThat(fast.stdout()).contains("`sandbox_mode` is `workspace-write`", "Network access is enabled",
                "Approval policy is currently never");
    }

    @Test
    void theProfilesModelAndReasoningSettingsReachTheSession() throws Exception {
        Run session = codex("--profile", "deep", "exec", "--skip-git-repo-check",
                "--disable", "unbounded_connection_retries",
                "-c", "model_provider=\"offline\"",
                "-c", "model_providers.offline={ name = \"offline\", base_url = \"http://127.0.0.1:" + closedPort()
                        + "/v1\", request_max_retries = 0, stream_max_retries = 0 }",
                "hello");

        assertThat(session.output()).contains("model: gpt-5.2\n", "reasoning effort: xhigh\n",
                "reasoning summaries: concise\n");
    }

    @Test
    void codexRefusesTheLegacyProfileLayoutThatConfigTomlNoLongerCarries() throws Exception {
        String config = Files.readString(codexHome.resolve("config.toml"));

        Files.writeString(codexHome.resolve("config.toml"), config + "\n[profiles.fast]\nmodel = \"o3\"\n");
        Run withTable = codex("--profile", "fast", "mcp", "list");
        Files.writeString(codexHome.resolve("config.toml"), "profile = \"fast\"\n" + config);
        Run withSelector = codex("mcp", "list");

        assertThat(withTable.exitCode()).isNotZero();
        assertThat(withTable.output()).contains("legacy `profile = \"fast\"` or `[profiles.fast]` config");
        assertThat(withSelector.exitCode()).isNotZero();
        assertThat(withSelector.output()).contains("legacy `profile = \"fast\"` config is no longer supported");
    }

    private Run codex(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(codex.toString()));
        command.addAll(List.of(arguments));
        return run(workspace, command, Map.of("CODEX_HOME", codexHome.toString()), 60);
    }

    private static JsonObject transport(JsonArray servers, String name) {
        return servers.stream().map(JsonValue::asJsonObject).filter(server -> server.getString("name").equals(name))
                .findFirst().orElseThrow().getJsonObject("transport");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static Run run(Path directory, List<String> command, Map<String, String> environment, int timeoutSeconds)
            throws Exception {
        Path stdout = Files.createTempFile(Path.of("target").toAbsolutePath(), "codex-out", ".txt");
        Path stderr = Files.createTempFile(Path.of("target").toAbsolutePath(), "codex-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("CODEX_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        Run result = new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        Files.delete(stdout);
        Files.delete(stderr);
        return result;
    }

    private record Run(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }
}
