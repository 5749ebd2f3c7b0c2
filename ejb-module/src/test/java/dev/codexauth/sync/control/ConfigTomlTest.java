package dev.codexauth.sync.control;

import static dev.codexauth.sync.control.ConfigSettingsTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.Config;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.security.control.Hashes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What hosts find in their config.toml and profile files for a given settings document (sync.md 2.3). */
class ConfigTomlTest {

    @Test
    void rendersTheFullSettingsDocumentInTheSpecifiedLayout() {
        RenderedConfig rendered = ConfigToml.render(ConfigSettings.normalize(SettingsSamples.full()));

        assertThat(rendered.content()).isEqualTo("""
                # Profiles are separate files in $CODEX_HOME (codex --profile <name>):
                # deep.config.toml %s
                # fast.config.toml %s
                model = "gpt-5.1-codex"
                model_provider = "openai"
                approval_policy = "on-request"
                sandbox_mode = "read-only"
                model_reasoning_effort = "medium"
                model_reasoning_summary = "detailed"
                model_verbosity = "low"
                model_supports_reasoning_summaries = true
                model_context_window = 200000
                model_max_output_tokens = 32000
                notify = ["notify-send", "Codex finished"]

                [features]
                ghost_commit = false
                unified_exec = true
                view_image_tool = true
                web_search_request = false

                [notice]
                "hide_gpt-5.1-codex-max_migration_prompt" = true
                hide_gpt5_1_migration_prompt = true
                hide_rate_limit_model_nudge = false

                [sandbox_workspace_write]
                network_access = false
                exclude_slash_tmp = true
                writable_roots = ["/srv/work", "/var/cache/build"]

                [shell_environment_policy]
                inherit = "core"
                set = {BUILD_JOBS = "4", CI = "1"}
                ignore_default_excludes = false
                exclude = ["AWS_*", "*_TOKEN"]
                include_only = []

                [mcp_servers.Codex-Orchestrator]
                command = "old-orchestrator"
                args = []

                [mcp_servers.docs]
                url = "https://docs.example/mcp"
                bearer_token_env_var = "DOCS_MCP_TOKEN"
                http_headers = {X-Team = "platform"}
                env_http_headers = {X-Tenant = "DOCS_TENANT"}
                tool_timeout_sec = 60

                [mcp_servers.filesystem]
                command = "npx"
                args = ["-y", "@modelcontextprotocol/server-filesystem", "/srv/work"]
                enabled = true
                startup_timeout_sec = 20

                [otel]
                environment = "staging"
                exporter = {otlp-http = {endpoint = "https://otel.example/v1/logs", protocol = "json", headers = {x-api-key = "otel-key"}}}
                log_user_prompt = false

                [tui]
                notifications = true
                """.formatted(rendered.profiles().get(0).sha256(), rendered.profiles().get(1).sha256()));
        assertThat(rendered.sha256()).isEqualTo(Hashes.sha256Hex(rendered.content())).matches("[0-9a-f]{64}");
    }

    @Test
    void eachProfileBecomesAStandaloneFileSortedByName() {
        List<ProfileFile> profiles = ConfigToml.render(ConfigSettings.normalize(SettingsSamples.full())).profiles();

        assertThat(profiles).extracting(ProfileFile::name).containsExactly("deep", "fast");
        assertThat(profiles).extracting(ProfileFile::filename).containsExactly("deep.config.toml", "fast.config.toml");
        assertThat(profiles.get(0).content()).isEqualTo("""
                model = "gpt-5.2"
                model_reasoning_effort = "xhigh"
                model_reasoning_summary = "concise"
                model_verbosity = "high"
                model_context_window = 400000
                """);
        assertThat(profiles.get(1).content()).isEqualTo("""
                model = "gpt-5.1-codex-mini"
                approval_policy = "never"
                sandbox_mode = "workspace-write"
                model_reasoning_effort = "high"
                model_reasoning_summary = "detailed"

                [features]
                unified_exec = false

                [sandbox_workspace_write]
                network_access = true
                """);
        assertThat(profiles).allSatisfy(profile ->
                assertThat(profile.sha256()).isEqualTo(Hashes.sha256Hex(profile.content())));
    }

    @Test
    void configTomlCarriesNoProfileSelectorOrProfileTables() {
        String content = ConfigToml.render(ConfigSettings.normalize(SettingsSamples.full())).content();

        CommentedConfig parsed = TomlDocument.parse(content);
        assertThat(parsed.contains(List.of("profile"))).isFalse();
        assertThat(parsed.contains(List.of("profiles"))).isFalse();
    }

    @Test
    void theShaDependsOnTheSettingsNotOnHowTheyWereWritten() {
        JsonObject loose = ConfigSettings.normalize(parse("""
                {"model": " gpt-5.1 ", "features": {"b": "on", "a": 0}, "notify": "x\\ny", "model_context_window": "5"}"""));
        JsonObject strict = ConfigSettings.normalize(parse("""
                {"model_context_window": 5, "notify": ["x", "y"], "features": {"a": false, "b": true}, "model": "gpt-5.1"}"""));
        JsonObject changed = ConfigSettings.normalize(parse("""
                {"model_context_window": 6, "notify": ["x", "y"], "features": {"a": false, "b": true}, "model": "gpt-5.1"}"""));

        String sha = ConfigToml.render(loose).sha256();
        assertThat(ConfigToml.render(loose).sha256()).isEqualTo(sha);
        assertThat(ConfigToml.render(strict).sha256()).isEqualTo(sha);
        assertThat(ConfigToml.render(changed).sha256()).isNotEqualTo(sha);
    }

    @Test
    void changingOnlyAProfileChangesTheShaHostsCompare() {
        // settings.profiles[1] is "deep"
        JsonObject settings = ConfigSettings.normalize(SettingsSamples.full());
        JsonObject deeperProfile = ConfigSettings.normalize(Json.createObjectBuilder(settings)
                .add("profiles", Json.createArrayBuilder(settings.getJsonArray("profiles"))
                        .set(1, Json.createObjectBuilder(settings.getJsonArray("profiles").getJsonObject(1))
                                .add("model_reasoning_effort", "high")))
                .build());

        RenderedConfig before = ConfigToml.render(settings);
        RenderedConfig after = ConfigToml.render(deeperProfile);

        assertThat(after.profiles()).extracting(ProfileFile::name).containsExactly("deep", "fast");
        assertThat(after.profiles().get(0).sha256()).isNotEqualTo(before.profiles().get(0).sha256());
        assertThat(after.profiles().get(1).sha256()).isEqualTo(before.profiles().get(1).sha256());
        assertThat(after.sha256()).isNotEqualTo(before.sha256());
    }

    @Test
    void theMinimalDocumentHasNotifyAndTheNoticeDefaults() {
        RenderedConfig rendered = ConfigToml.render(ConfigSettings.normalize(Json.createObjectBuilder().build()));

        assertThat(rendered.content()).isEqualTo("""
                notify = []

                [notice]
                "hide_gpt-5.1-codex-max_migration_prompt" = true
                hide_gpt5_1_migration_prompt = true
                hide_rate_limit_model_nudge = true
                """);
        assertThat(rendered.profiles()).isEmpty();
    }

    @Test
    void bearerTokensAreNeverWritten() {
        JsonObject settings = ConfigSettings.normalize(parse("""
                {"mcp_servers": [{"name": "docs", "url": "https://docs.example/mcp", "bearer_token": "s3cret-token"},
                                 {"name": "local", "command": "srv", "bearer_token": "other-s3cret"}]}"""));

        String content = ConfigToml.render(settings).content();

        assertThat(content).doesNotContain("s3cret").doesNotContain("bearer_token =");
        assertThat(content).contains("[mcp_servers.docs]\nurl = \"https://docs.example/mcp\"\n");
    }

    @Test
    void aServerIsEitherACommandOrAUrlBecauseCodexRefusesMixedKeys() {
        JsonObject settings = ConfigSettings.normalize(parse("""
                {"mcp_servers": [{"name": "both", "command": "srv", "args": ["--x"], "url": "https://ignored.example",
                                  "bearer_token_env_var": "IGNORED", "http_headers": {"A": "b"}, "tool_timeout_sec": 5},
                                 {"name": "web", "url": "https://web.example/mcp", "args": ["ignored"]}]}"""));

        assertThat(ConfigToml.render(settings).content()).contains("""
                [mcp_servers.both]
                command = "srv"
                args = ["--x"]
                tool_timeout_sec = 5

                [mcp_servers.web]
                url = "https://web.example/mcp"
                """).doesNotContain("ignored");
    }

    @Test
    void otelExporterShapesCodexAccepts() {
        assertThat(otelTable("""
                {"exporter": "otlp-grpc", "endpoint": "https://otel.example:4317", "protocol": "json", "headers": {"k": 1}}"""))
                .isEqualTo("""
                        [otel]
                        exporter = {otlp-grpc = {endpoint = "https://otel.example:4317", headers = {k = "1"}}}
                        """);
        assertThat(otelTable("{\"endpoint\": \"https://o.example\"}"))
                .as("an HTTP exporter needs a protocol in Codex 0.169")
                .isEqualTo("[otel]\nexporter = {otlp-http = {endpoint = \"https://o.example\", protocol = \"binary\"}}\n");
        assertThat(otelTable("{\"exporter\": \"OTLP-HTTP\", \"endpoint\": \"https://o.example\", \"protocol\": \"http/json\"}"))
                .isEqualTo("[otel]\nexporter = {otlp-http = {endpoint = \"https://o.example\", protocol = \"json\"}}\n");
        assertThat(otelTable("{\"exporter\": \"otlp-http\", \"environment\": \"prod\", \"log_user_prompt\": \"yes\"}"))
                .as("Codex refuses a bare \"otlp-http\"")
                .isEqualTo("[otel]\nenvironment = \"prod\"\nexporter = \"none\"\nlog_user_prompt = true\n");
        assertThat(otelTable("{\"exporter\": \"none\", \"endpoint\": \"https://o.example\"}"))
                .isEqualTo("[otel]\nexporter = \"none\"\n");
        assertThat(otelTable("{}")).isEmpty();
    }

    @Test
    void theOriginalUisInheritWordsBecomeCodexWords() {
        assertThat(ConfigToml.render(ConfigSettings.normalize(parse(
                "{\"shell_environment_policy\": {\"inherit\": \"safe\"}}"))).content())
                .endsWith("[shell_environment_policy]\ninherit = \"core\"\nexclude = []\ninclude_only = []\n");
        assertThat(ConfigToml.render(ConfigSettings.normalize(parse(
                "{\"shell_environment_policy\": {\"inherit\": \"Full\"}}"))).content()).contains("inherit = \"all\"");
    }

    @Test
    void tablesWithNothingSetAreLeftOut() {
        String content = ConfigToml.render(ConfigSettings.normalize(parse("""
                {"features": {}, "sandbox_workspace_write": {"writable_roots": []},
                 "shell_environment_policy": {"set": {}}, "otel": {"headers": {}}}"""))).content();

        assertThat(content).doesNotContain("[features]", "[sandbox_workspace_write]", "[shell_environment_policy]", "[otel]");
    }

    @Test
    void oddKeysAndStringsAreQuotedAndEscapedSoTheyReadBackUnchanged() {
        String odd = "back\\slash \"quotes\" tab\tnew\nline cr\r bell\u0007 é 中文 😀 # not a comment";
        JsonObject settings = ConfigSettings.normalize(Json.createObjectBuilder()
                .add("model", odd)
                .add("features", Json.createObjectBuilder().add("dotted.key", true).add("with space", false)
                        .add("ünïcode", true).add("plain_key-1", true))
                .add("shell_environment_policy", Json.createObjectBuilder().add("set", Json.createObjectBuilder()
                        .add("KEY=VALUE", odd).add("\"quoted\"", "x").add("LINES", "one\ntwo\nthree\n")))
                .add("mcp_servers", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", "my server.v2").add("command", odd).add("args", Json.createArrayBuilder().add(odd))))
                .build());

        String content = ConfigToml.render(settings).content();
        CommentedConfig parsed = TomlDocument.parse(content);

        assertThat(content).contains("model = \"back\\\\slash \\\"quotes\\\" tab\\tnew\\nline cr\\r bell\\u0007 é 中文 😀 # not a comment\"");
        assertThat(content).as("strings stay on one line").contains("LINES = \"one\\ntwo\\nthree\\n\"");
        assertThat(TomlDocument.strictError(content)).as("TOML 1.0, so custom TOML is judged on its own").isNull();
        assertThat(content).contains("\"dotted.key\" = true", "\"with space\" = false", "plain_key-1 = true",
                "[mcp_servers.\"my server.v2\"]");
        assertThat((String) parsed.get(List.of("model"))).isEqualTo(odd);
        assertThat((Boolean) parsed.get(List.of("features", "dotted.key"))).isTrue();
        assertThat((Boolean) parsed.get(List.of("features", "with space"))).isFalse();
        assertThat((Boolean) parsed.get(List.of("features", "ünïcode"))).isTrue();
        Config set = parsed.get(List.of("shell_environment_policy", "set"));
        assertThat((String) set.get(List.of("KEY=VALUE"))).isEqualTo(odd);
        assertThat((String) set.get(List.of("\"quoted\""))).isEqualTo("x");
        assertThat((String) parsed.get(List.of("mcp_servers", "my server.v2", "command"))).isEqualTo(odd);
        assertThat((List<Object>) parsed.get(List.of("mcp_servers", "my server.v2", "args"))).containsExactly(odd);
    }

    @Test
    void customTomlIsAppendedAfterABlankLine() {
        String content = ConfigToml.render(ConfigSettings.normalize(parse(
                "{\"custom_toml\": \"[tui]\\nnotifications = [\\\"agent-turn-complete\\\"]\"}"))).content();

        assertThat(content).endsWith("hide_rate_limit_model_nudge = true\n\n[tui]\nnotifications = [\"agent-turn-complete\"]\n");
    }

    @Test
    void customTomlMayEndWithATableHeader() {
        String content = ConfigToml.render(ConfigSettings.normalize(parse(
                "{\"custom_toml\": \"[tui]\\nanimations = false\\n[tui.empty]\\n\"}"))).content();

        assertThat(content).endsWith("\n\n[tui]\nanimations = false\n[tui.empty]\n");
    }

    @Test
    void invalidCustomTomlIsRefusedWithTheLineAtFault() {
        assertCustomTomlRefused("[tui]\nnotifications = true\nanimations = \n", "Line 3 ", "whitespace");
        assertCustomTomlRefused("[features]\nextra = true", "Line 1 ", "[features]");
        assertCustomTomlRefused("[tui]\nx = 1\n[tui]\ny = 2", "Line 3 ", "declared twice");
        assertCustomTomlRefused("[tui]\nx = \"no end", "Line 2 ", "newline in basic string");
    }

    @Test
    void customKeysAboveTheFirstTableAndLegacyProfilesAreRefused() {
        assertCustomTomlRefused("web_search = \"live\"\n[tui]\nx = 1", "must start with a [table] header", "web_search");
        assertCustomTomlRefused("profile = \"fast\"", "must start with a [table] header", "profile");
        assertCustomTomlRefused("[profiles.fast]\nmodel = \"o3\"", "Codex 0.169", "[profiles]");
    }

    @Test
    @Timeout(60)
    void aCustomTomlLongerThanAnyConfigIsRefusedBeforeItIsParsed() {
        // A string left open at the top of 12,000 lines: finding the bad line parsed each growing prefix to its end.
        String huge = "[tui]\nx = \"\"\"\n" + "y = 1\n".repeat(12_000) + "z = 2";
        assertCustomTomlRefused(huge, "at most 65536 characters");
        assertThat(ConfigToml.render(ConfigSettings.normalize(Json.createObjectBuilder()
                .add("custom_toml", "[tui]\n" + "# a long comment line\n".repeat(2_900)).build())).content()).contains("[tui]");
    }

    @Test
    void customTomlCannotDeclareTheServersOwnMcpEntry() {
        assertCustomTomlRefused("[mcp_servers.cdx]\ncommand = \"x\"", "this server's own MCP entry", "[mcp_servers.cdx]");
        assertCustomTomlRefused("[mcp_servers.cdx.env]\nEXTRA = \"1\"", "this server's own MCP entry", "[mcp_servers.cdx]");
    }

    @Test
    void profileNamesMustBeUsableAsFileNamesAndUnique() {
        assertThatThrownBy(() -> ConfigToml.render(ConfigSettings.normalize(parse(
                "{\"profiles\": [{\"name\": \"../../etc/evil\"}]}"))))
                .isInstanceOfSatisfying(ValidationFailed.class, failed ->
                        assertThat(failed.errors().get("profiles")).singleElement().asString().contains("../../etc/evil"));
        assertThatThrownBy(() -> ConfigToml.render(ConfigSettings.normalize(parse(
                "{\"profiles\": [{\"name\": \"fast\"}, {\"name\": \"fast\", \"model\": \"o3\"}]}"))))
                .isInstanceOfSatisfying(ValidationFailed.class, failed ->
                        assertThat(failed.errors().get("profiles")).singleElement().asString().contains("used twice"));
    }

    @Test
    void mcpServerNamesMustBeUnique() {
        assertThatThrownBy(() -> ConfigToml.render(ConfigSettings.normalize(parse(
                "{\"mcp_servers\": [{\"name\": \"a\", \"command\": \"x\"}, {\"name\": \"a\", \"url\": \"https://a\"}]}"))))
                .isInstanceOfSatisfying(ValidationFailed.class, failed ->
                        assertThat(failed.errors()).containsKey("mcp_servers"));
    }

    private static String otelTable(String otel) {
        String content = ConfigToml.render(ConfigSettings.normalize(parse("{\"otel\": " + otel + "}"))).content();
        int start = content.indexOf("[otel]");
        return start < 0 ? "" : content.substring(start);
    }

    static void assertCustomTomlRefused(String customToml, String... messageParts) {
        JsonObject settings = ConfigSettings.normalize(Json.createObjectBuilder()
                .add("features", Json.createObjectBuilder().add("unified_exec", true))
                .add("custom_toml", customToml).build());
        assertThatThrownBy(() -> ConfigToml.render(settings))
                .as(customToml)
                .isInstanceOfSatisfying(ValidationFailed.class, failed -> {
                    assertThat(failed.status()).isEqualTo(422);
                    assertThat(failed.errors()).containsOnlyKeys("custom_toml");
                    assertThat(failed.errors().get("custom_toml")).singleElement().asString().contains(messageParts);
                });
    }
}
