package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real Codex CLI with the managed MCP entry the server renders ({@code url} and a headers helper that prints the
 * host's bearer header, as {@code cdx --mcp-headers} does): {@code codex mcp list --json} shows the server, and
 * Codex's app-server connects to {@code /mcp} and lists its tools.
 */
class McpCodexIT {

    private static final String CODEX_CLI_VERSION = "0.169.0";

    @Test
    void codexListsTheServerAndItsTools() throws Exception {
        Path codex = realCodexCli();
        Fleet.HostKey host = Fleet.newHost();
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "codex-home-");
        Path helper = home.resolve("mcp-headers.sh");
        Files.writeString(helper, "#!/bin/sh\nprintf '{\"Authorization\":\"Bearer %s\"}' '" + host.key() + "'\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        String url = "http://127.0.0.1:" + Fleet.server().port() + "/mcp";
        Files.writeString(home.resolve("config.toml"), "[mcp_servers.cdx]\nurl = \"" + url + "\"\nhttp_headers_helper = \""
                + helper + "\"\n");

        JsonArray listed = Json.createReader(new StringReader(run(home, List.of(codex.toString(), "mcp", "list", "--json")))).readArray();
        JsonObject cdx = listed.stream().map(v -> v.asJsonObject()).filter(s -> s.getString("name").equals("cdx")).findFirst().orElseThrow();
        assertThat(cdx.toString()).contains(url);

        Path script = home.resolve("codex-app-server.mjs");
        try (InputStream in = McpCodexIT.class.getResourceAsStream("/mcp/codex-app-server.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        String output = run(home, List.of("node", script.toString(), codex.toString()));
        JsonObject status = Json.createReader(new StringReader(output.strip().lines().reduce((a, b) -> b).orElseThrow())).readObject();
        assertThat(status.containsKey("tools")).as(output).isTrue();
        assertThat(status.getJsonObject("tools").keySet()).as(output).contains("memory_store", "memory_search", "memory_retrieve");
        McpProtocolIT.afterWriteBehind();
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_access_logs WHERE host_id = ? AND method = 'tools/list'", host.id())).isPositive();
    }

    private static String run(Path codexHome, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("CODEX_HOME", codexHome.toString(), "HOME", codexHome.toString()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** Codex CLI from npm, installed once under target/ (shared with CdxEndToEndIT). */
    private static Path realCodexCli() throws IOException, InterruptedException {
        Path prefix = Path.of("target", "codex-cli-" + CODEX_CLI_VERSION).toAbsolutePath();
        Path binary = prefix.resolve("node_modules/.bin/codex");
        if (!Files.isExecutable(binary)) {
            Files.createDirectories(prefix);
            Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
                    "@openai/codex@" + CODEX_CLI_VERSION)).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(npm.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(npm.exitValue()).as("npm install @openai/codex:%n%s", output).isZero();
        }
        return binary;
    }
}
