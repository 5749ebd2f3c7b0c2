package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real MCP client, the TypeScript SDK's ({@code @modelcontextprotocol/sdk}, Streamable HTTP), connects to
 * {@code /mcp} with a host key as bearer, negotiates, lists tools, stores and finds a memory (validating the
 * structured results against the output schemas) and ends its session.
 */
class McpSdkClientIT {

    private static final String SDK_VERSION = "1.32.2";

    @Test
    void theTypeScriptSdkClientStoresAndFindsAMemory() throws Exception {
        Path dir = sdk();
        Path script = dir.resolve("sdk-client.mjs");
        try (InputStream in = McpSdkClientIT.class.getResourceAsStream("/mcp/sdk-client.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Fleet.HostKey host = Fleet.newHost();
        // The SDK connects from 127.0.0.1 directly (no proxy): the key binds to that address.
        Process node = new ProcessBuilder(List.of("node", script.toString(), "http://127.0.0.1:" + Fleet.server().port() + "/mcp",
                host.key())).redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        String last = output.strip().lines().reduce((a, b) -> b).orElseThrow();
        JsonObject seen = Json.createReader(new StringReader(last)).readObject();
        assertThat(seen.getString("protocolVersion")).isIn("2025-11-25", "2025-06-18");
        assertThat(seen.getJsonObject("server").getString("name")).isEqualTo("codex-auth-central");
        assertThat(seen.getJsonArray("tools").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString))
                .contains("memory_store", "memory_search");
        assertThat(seen.getJsonObject("stored").getString("status")).isEqualTo("created");
        assertThat(seen.getJsonObject("found").getInt("count")).isOne();
        assertThat(seen.getJsonArray("resources").getString(0)).isEqualTo("memory://sdk-note");
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_sessions WHERE host_id = ?", host.id())).as("the SDK ended its session").isZero();
    }

    /** The SDK from npm, installed once under target/. */
    private static Path sdk() throws IOException, InterruptedException {
        Path prefix = Path.of("target", "mcp-sdk-" + SDK_VERSION).toAbsolutePath();
        if (!Files.exists(prefix.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))) {
            Files.createDirectories(prefix);
            Process npm = new ProcessBuilder(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
                    "@modelcontextprotocol/sdk@" + SDK_VERSION)).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(npm.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(npm.exitValue()).as("npm install @modelcontextprotocol/sdk:%n%s", output).isZero();
        }
        return prefix;
    }
}
