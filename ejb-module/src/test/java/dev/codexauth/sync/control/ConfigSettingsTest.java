package dev.codexauth.sync.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settings document as the admin UI and the original service send it, normalized per sync.md 2.2. */
class ConfigSettingsTest {

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', nullValues = "absent", value = {
            "true        | true",
            "false       | false",
            "'\"yes\"'   | true",
            "'\" On \"'  | true",
            "'\"1\"'     | true",
            "'\"TRUE\"'  | true",
            "'\"no\"'    | false",
            "'\"off\"'   | false",
            "'\"0\"'     | false",
            "2           | true",
            "-1          | true",
            "0           | false",
            "1.5         | null",
            "'\"maybe\"' | null",
            "'\"\"'      | null",
            "null        | null",
            "[]          | null"})
    void booleans(String json, String expected) {
        assertThat(normalizedMember("model_supports_reasoning_summaries", json)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', value = {
            "200000                  | 200000",
            "'\"32000\"'             | 32000",
            "'\" -7 \"'              | -7",
            "4.0                     | 4",
            "4.5                     | null",
            "'\"4.5\"'               | null",
            "'\"12k\"'               | null",
            "99999999999999999999999 | null",
            "true                    | null"})
    void integers(String json, String expected) {
        assertThat(normalizedMember("model_context_window", json)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource(delimiter = '|', value = {
            "'\"  gpt-5.1  \"' | '\"gpt-5.1\"'",
            "'\"   \"'         | null",
            "5                 | '\"5\"'",
            "true              | null",
            "'{\"a\":1}'       | null"})
    void strings(String json, String expected) {
        assertThat(normalizedMember("model", json)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "model {0}, summary {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "absent", value = {
            "gpt-5.1            | AUTO     | auto",
            "gpt-5.1            | concise  | concise",
            "gpt-5.2            | Detailed | detailed",
            "gpt-5.1            | none     | absent",
            "gpt-5.1            | verbose  | absent",
            "gpt-5.1            | absent   | absent",
            "gpt-5.1-codex      | auto     | detailed",
            "gpt-5.1-codex-mini | absent   | detailed",
            "GPT-5.2-Codex      | concise  | detailed",
            "gpt-5.2-codex-max  | none     | detailed",
            "gpt-5-codex        | auto     | auto"})
    void reasoningSummaryIsForcedToDetailedForTheCodexModels(String model, String summary, String expected) {
        JsonObject in = Json.createObjectBuilder().add("model", model)
                .add("model_reasoning_summary", summary == null ? JsonValue.NULL : Json.createValue(summary)).build();
        JsonObject normalized = ConfigSettings.normalize(in);
        assertThat(normalized.isNull("model_reasoning_summary") ? null : normalized.getString("model_reasoning_summary"))
                .isEqualTo(expected);
    }

    @Test
    void stringListsComeAsArraysOrLinesWithoutEmptiesOrRepeats() {
        assertThat(normalizedMember("notify", "\"notify-send\\n\\n  codex \\r\\nnotify-send\\n\""))
                .isEqualTo("[\"notify-send\",\"codex\"]");
        assertThat(normalizedMember("notify", "[\"a\", \"\", 3, \"a\", null, \" b \"]")).isEqualTo("[\"a\",\"3\",\"b\"]");
        assertThat(normalizedMember("notify", "{\"a\":1}")).isEqualTo("[]");
        assertThat(ConfigSettings.normalize(JsonValue.EMPTY_JSON_OBJECT).getJsonArray("notify")).isEmpty();
    }

    @Test
    void mapsTrimAndSortKeysKeepScalarsAndAcceptAnEmptyArray() {
        JsonObject policy = ConfigSettings.normalize(parse("""
                {"shell_environment_policy": {"set": {" B ": "x", "A": 1, "": "dropped", "C": true, "D": null,
                                                      "E": {"nested": 1}, "B": "second"}}}""")).getJsonObject("shell_environment_policy");
        assertThat(policy.getJsonObject("set").toString())
                .isEqualTo("{\"A\":1,\"B\":\"x\",\"C\":true,\"E\":\"{\\\"nested\\\":1}\"}");

        JsonObject fromPhp = ConfigSettings.normalize(parse("""
                {"features": [], "notice": [], "shell_environment_policy": {"set": []}, "otel": {"headers": []}}"""));
        assertThat(fromPhp.getJsonObject("features")).isEmpty();
        assertThat(fromPhp.getJsonObject("shell_environment_policy").getJsonObject("set")).isEmpty();
        assertThat(fromPhp.getJsonObject("otel").getJsonObject("headers")).isEmpty();
    }

    @Test
    void noticesDefaultToHiddenPromptsAndKeepOtherFlags() {
        assertThat(ConfigSettings.normalize(JsonValue.EMPTY_JSON_OBJECT).getJsonObject("notice").toString())
                .isEqualTo("{\"hide_gpt-5.1-codex-max_migration_prompt\":true,\"hide_gpt5_1_migration_prompt\":true,"
                        + "\"hide_rate_limit_model_nudge\":true}");
        JsonObject notice = ConfigSettings.normalize(parse("""
                {"notice": {"hide_rate_limit_model_nudge": "off", "custom_flag": "yes", "not_a_flag": "perhaps"}}"""))
                .getJsonObject("notice");
        assertThat(notice.toString()).isEqualTo("{\"custom_flag\":true,\"hide_gpt-5.1-codex-max_migration_prompt\":true,"
                + "\"hide_gpt5_1_migration_prompt\":true,\"hide_rate_limit_model_nudge\":false}");
    }

    @Test
    void featuresKeepOnlyFlags() {
        assertThat(normalizedMember("features", "{\"unified_exec\": \"on\", \"ghost_commit\": 0, \"typo\": \"maybe\"}"))
                .isEqualTo("{\"ghost_commit\":false,\"unified_exec\":true}");
    }

    @Test
    void managedMcpIsOnUnlessSwitchedOff() {
        assertThat(normalizedMember("orchestrator_mcp_enabled", "null")).isEqualTo("true");
        assertThat(normalizedMember("orchestrator_mcp_enabled", "\"nonsense\"")).isEqualTo("true");
        assertThat(normalizedMember("orchestrator_mcp_enabled", "\"off\"")).isEqualTo("false");
        assertThat(normalizedMember("orchestrator_mcp_enabled", "0")).isEqualTo("false");
    }

    @Test
    void mcpServersNeedANameAndACommandOrUrl() {
        JsonObject normalized = ConfigSettings.normalize(parse("""
                {"mcp_servers": [
                  {"name": "fs", "command": "npx", "args": "-y\\nserver-fs", "startup_timeout_sec": "20"},
                  {"name": "docs", "url": " https://docs.example/mcp ", "bearer_token": "s3cret", "enabled": "no"},
                  {"name": "nothing", "command": " ", "url": ""},
                  {"command": "nameless"},
                  "not an object"]}"""));
        assertThat(normalized.getJsonArray("mcp_servers")).hasSize(2);
        assertThat(normalized.getJsonArray("mcp_servers").getJsonObject(0).toString()).isEqualTo(
                "{\"name\":\"fs\",\"command\":\"npx\",\"args\":[\"-y\",\"server-fs\"],\"url\":null,\"bearer_token\":null,"
                        + "\"bearer_token_env_var\":null,\"http_headers\":{},\"env_http_headers\":{},\"http_headers_helper\":null,\"enabled\":null,"
                        + "\"startup_timeout_sec\":20,\"tool_timeout_sec\":null}");
        JsonObject docs = normalized.getJsonArray("mcp_servers").getJsonObject(1);
        assertThat(docs.getString("url")).isEqualTo("https://docs.example/mcp");
        assertThat(docs.getBoolean("enabled")).isFalse();
    }

    @Test
    void profilesNeedANameAndUseTheirOwnModelForTheSummaryRule() {
        JsonObject normalized = ConfigSettings.normalize(parse("""
                {"model": "gpt-5.1-codex",
                 "profiles": [{"name": " fast ", "model": "gpt-5.1", "model_reasoning_summary": "concise",
                               "features": {"unified_exec": "1"}, "sandbox_workspace_write": {"network_access": "yes",
                               "writable_roots": ["/not/a/profile/key"]}, "notify": ["not", "a", "profile", "key"]},
                              {"name": "", "model": "dropped"},
                              {"name": "codex", "model": "gpt-5.2-codex"}]}"""));
        assertThat(normalized.getJsonArray("profiles").toString()).isEqualTo("[{\"name\":\"fast\",\"model\":\"gpt-5.1\","
                + "\"approval_policy\":null,\"sandbox_mode\":null,\"model_reasoning_effort\":null,"
                + "\"model_reasoning_summary\":\"concise\",\"model_verbosity\":null,"
                + "\"model_supports_reasoning_summaries\":null,\"model_context_window\":null,"
                + "\"model_max_output_tokens\":null,\"features\":{\"unified_exec\":true},"
                + "\"sandbox_workspace_write\":{\"network_access\":true}},"
                + "{\"name\":\"codex\",\"model\":\"gpt-5.2-codex\",\"approval_policy\":null,\"sandbox_mode\":null,"
                + "\"model_reasoning_effort\":null,\"model_reasoning_summary\":\"detailed\",\"model_verbosity\":null,"
                + "\"model_supports_reasoning_summaries\":null,\"model_context_window\":null,"
                + "\"model_max_output_tokens\":null,\"features\":{},\"sandbox_workspace_write\":{\"network_access\":null}}]");
    }

    @Test
    void customTomlIsTrimmedAndBlankMeansNone() {
        assertThat(normalizedMember("custom_toml", "\"\\n  [tui]\\nnotifications = true  \\n\\n\""))
                .isEqualTo("\"[tui]\\nnotifications = true\"");
        assertThat(normalizedMember("custom_toml", "\" \\n \"")).isEqualTo("null");
    }

    @Test
    void theShapeIsCompleteUnknownKeysAreDroppedAndNormalizingTwiceChangesNothing() {
        JsonObject empty = ConfigSettings.normalize(parse("{\"unknown\": 1, \"api_key\": \"leak\"}"));
        assertThat(empty.keySet()).containsExactly("model", "model_provider", "profile", "approval_policy",
                "sandbox_mode", "model_reasoning_effort", "model_reasoning_summary", "model_verbosity",
                "model_supports_reasoning_summaries", "model_context_window", "model_max_output_tokens", "notify",
                "orchestrator_mcp_enabled", "notice", "features", "sandbox_workspace_write", "shell_environment_policy",
                "profiles", "mcp_servers", "otel", "custom_toml");
        assertThat(ConfigSettings.normalize(null)).isEqualTo(ConfigSettings.normalize(JsonValue.EMPTY_JSON_OBJECT));

        JsonObject full = ConfigSettings.normalize(SettingsSamples.full());
        assertThat(ConfigSettings.normalize(full)).isEqualTo(full);
        assertThat(ConfigSettings.normalize(full).toString()).isEqualTo(full.toString());
    }

    /** The normalized value of one root member as JSON text ("null" when unset). */
    private static String normalizedMember(String key, String json) {
        JsonObject in = parse("{\"" + key + "\": " + json + "}");
        return ConfigSettings.normalize(in).get(key).toString();
    }

    static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
