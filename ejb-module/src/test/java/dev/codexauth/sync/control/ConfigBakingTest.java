package dev.codexauth.sync.control;

import static dev.codexauth.sync.control.ConfigSettingsTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-host config.toml (sync.md 2.4): host overrides and the managed MCP entry. */
class ConfigBakingTest {

    private static final String BASE_URL = "https://central.example:8443/codex";

    @Test
    void theManagedEntryReplacesEveryServerUnderAnEarlierName() {
        JsonObject stored = ConfigSettings.normalize(parse("""
                {"mcp_servers": [{"name": " CDX ", "command": "stale-cdx"},
                                 {"name": "codex-memory", "url": "https://old.example/memory"},
                                 {"name": "Codex-Orchestrator", "command": "old-orchestrator"},
                                 {"name": "cdx-extra", "command": "kept"}]}"""));

        String content = ConfigToml.render(ConfigBaking.bake(stored, null, null, BASE_URL)).content();

        assertThat(content).contains("""
                [mcp_servers.cdx]
                url = "https://central.example:8443/codex/mcp"
                http_headers_helper = "cdx --mcp-headers"

                [mcp_servers.cdx-extra]
                command = "kept"
                """);
        assertThat(content).doesNotContain("stale-cdx", "old.example", "old-orchestrator", "Authorization", "http_headers =");
    }

    @Test
    void withoutAnAbsoluteBaseUrlThereIsNoManagedEntryRatherThanARelativeOne() {
        JsonObject stored = ConfigSettings.normalize(parse("""
                {"mcp_servers": [{"name": "docs", "url": "https://docs.example/mcp"}]}"""));

        for (String missing : new String[] {"", null, "/codex"}) {
            String content = ConfigToml.render(ConfigBaking.bake(stored, null, null, missing)).content();
            assertThat(content).as("base %s", missing).contains("[mcp_servers.docs]").doesNotContain("[mcp_servers.cdx]", "\"/mcp\"");
        }
    }

    @Test
    void switchingTheManagedEntryOffKeepsTheFleetsOwnServers() {
        JsonObject stored = ConfigSettings.normalize(parse("""
                {"orchestrator_mcp_enabled": false, "mcp_servers": [{"name": "cdx", "command": "self-hosted"}]}"""));

        String content = ConfigToml.render(ConfigBaking.bake(stored, null, null, BASE_URL)).content();

        assertThat(content).contains("[mcp_servers.cdx]\ncommand = \"self-hosted\"\n").doesNotContain(BASE_URL);
    }

    @Test
    void hostOverridesSetTheModelAndTheEffortOfTheRootAndTheDefaultProfile() {
        JsonObject stored = ConfigSettings.normalize(SettingsSamples.full());

        RenderedConfig rendered = ConfigToml.render(ConfigBaking.bake(stored, " gpt-5.2 ", "low", BASE_URL));

        assertThat(rendered.content()).contains("""
                model = "gpt-5.2"
                model_provider = "openai"
                approval_policy = "on-request"
                sandbox_mode = "read-only"
                model_reasoning_effort = "low"
                model_reasoning_summary = "detailed"
                """);
        assertThat(profile(rendered, "fast").content()).as("the default profile (settings.profile)")
                .contains("model = \"gpt-5.1-codex-mini\"", "model_reasoning_effort = \"low\"");
        assertThat(profile(rendered, "deep").content()).contains("model_reasoning_effort = \"xhigh\"");
    }

    @Test
    void theModelOverrideIsNormalizedLikeTheRest() {
        JsonObject stored = ConfigSettings.normalize(parse("{\"model\": \"gpt-5.2\", \"model_reasoning_summary\": \"auto\"}"));

        JsonObject baked = ConfigBaking.bake(stored, "gpt-5.1-codex-max", null, BASE_URL);

        assertThat(baked.getString("model_reasoning_summary")).isEqualTo("detailed");
    }

    @Test
    void blankOverridesChangeNothingButTheManagedEntry() {
        JsonObject stored = ConfigSettings.normalize(SettingsSamples.full());

        JsonObject baked = ConfigBaking.bake(stored, "  ", "", BASE_URL);

        assertThat(baked.getString("model")).isEqualTo("gpt-5.1-codex");
        assertThat(baked.getString("model_reasoning_effort")).isEqualTo("medium");
        assertThat(baked.getJsonArray("profiles")).isEqualTo(stored.getJsonArray("profiles"));
        assertThat(names(baked)).containsExactly("docs", "filesystem", "cdx");
    }

    @Test
    void theBakedShaChangesWithTheBaseUrlAndTheOverrides() {
        JsonObject stored = ConfigSettings.normalize(SettingsSamples.full());
        String sha = ConfigToml.render(ConfigBaking.bake(stored, null, null, BASE_URL)).sha256();

        assertThat(ConfigToml.render(ConfigBaking.bake(stored, null, null, BASE_URL)).sha256()).isEqualTo(sha);
        assertThat(ConfigToml.render(ConfigBaking.bake(stored, null, null, "https://other.example")).sha256()).isNotEqualTo(sha);
        assertThat(ConfigToml.render(ConfigBaking.bake(stored, "o3", null, BASE_URL)).sha256()).isNotEqualTo(sha);
        assertThat(ConfigToml.render(stored).sha256()).as("the unbaked template").isNotEqualTo(sha);
    }

    private static ProfileFile profile(RenderedConfig rendered, String name) {
        return rendered.profiles().stream().filter(profile -> profile.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(JsonObject settings) {
        return settings.getJsonArray("mcp_servers").stream().map(JsonValue::asJsonObject)
                .map(server -> server.getString("name")).toList();
    }
}
