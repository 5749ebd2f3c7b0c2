package dev.codexauth.sync.control;

import static dev.codexauth.sync.control.SettingValues.bool;
import static dev.codexauth.sync.control.SettingValues.boolMap;
import static dev.codexauth.sync.control.SettingValues.integer;
import static dev.codexauth.sync.control.SettingValues.map;
import static dev.codexauth.sync.control.SettingValues.object;
import static dev.codexauth.sync.control.SettingValues.objects;
import static dev.codexauth.sync.control.SettingValues.string;
import static dev.codexauth.sync.control.SettingValues.stringList;
import static dev.codexauth.sync.control.SettingsJson.members;
import static dev.codexauth.sync.control.SettingsJson.nullable;
import static dev.codexauth.sync.control.SettingsJson.strings;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The config builder's settings document in its normalized shape (sync.md 2.2): what the admin API stores and what
 * {@link ConfigToml} renders. Every key of the shape is present in the result (null, {@code []} or {@code {}} when
 * unset); unknown keys are dropped. Normalizing a normalized document changes nothing.
 */
public final class ConfigSettings {

    static final List<String> NOTICES_HIDDEN_BY_DEFAULT = List.of(
            "hide_gpt5_1_migration_prompt", "hide_gpt-5.1-codex-max_migration_prompt", "hide_rate_limit_model_nudge");

    private static final List<String> ROOT_TEXTS = List.of(
            "model", "model_provider", "profile", "approval_policy", "sandbox_mode", "model_reasoning_effort");
    private static final List<String> PROFILE_TEXTS = List.of(
            "model", "approval_policy", "sandbox_mode", "model_reasoning_effort");
    private static final Set<String> REASONING_SUMMARIES = Set.of("auto", "concise", "detailed");
    /** Codex models that only work with detailed reasoning summaries. */
    private static final List<String> DETAILED_SUMMARY_MODELS = List.of("gpt-5.1-codex", "gpt-5.2-codex");

    private ConfigSettings() {
    }

    public static JsonObject normalize(JsonObject raw) {
        JsonObject in = raw == null ? JsonValue.EMPTY_JSON_OBJECT : raw;
        JsonObjectBuilder out = SettingsJson.object();
        modelKeys(in, ROOT_TEXTS, out);
        out.add("notify", strings(stringList(in.get("notify"))));
        Boolean managedMcp = bool(in.get("orchestrator_mcp_enabled"));
        out.add("orchestrator_mcp_enabled", managedMcp == null || managedMcp);
        out.add("notice", notices(in.get("notice")));
        out.add("features", members(boolMap(in.get("features"))));
        out.add("sandbox_workspace_write", sandboxWorkspaceWrite(object(in.get("sandbox_workspace_write"))));
        out.add("shell_environment_policy", shellEnvironmentPolicy(object(in.get("shell_environment_policy"))));
        out.add("profiles", profiles(in.get("profiles")));
        out.add("mcp_servers", mcpServers(in.get("mcp_servers")));
        out.add("otel", otel(object(in.get("otel"))));
        out.add("custom_toml", nullable(string(in.get("custom_toml"))));
        return out.build();
    }

    /** The model keys shared by the root and the profiles, in rendering order. */
    private static void modelKeys(JsonObject in, List<String> texts, JsonObjectBuilder out) {
        texts.forEach(key -> out.add(key, nullable(string(in.get(key)))));
        out.add("model_reasoning_summary", nullable(reasoningSummary(string(in.get("model")),
                string(in.get("model_reasoning_summary")))));
        out.add("model_verbosity", nullable(string(in.get("model_verbosity"))));
        out.add("model_supports_reasoning_summaries", nullable(bool(in.get("model_supports_reasoning_summaries"))));
        out.add("model_context_window", nullable(integer(in.get("model_context_window"))));
        out.add("model_max_output_tokens", nullable(integer(in.get("model_max_output_tokens"))));
    }

    private static String reasoningSummary(String model, String summary) {
        if (model != null) {
            String lowerModel = model.toLowerCase(Locale.ROOT);
            if (DETAILED_SUMMARY_MODELS.stream().anyMatch(lowerModel::startsWith)) {
                return "detailed";
            }
        }
        if (summary == null) {
            return null;
        }
        String lower = summary.toLowerCase(Locale.ROOT);
        return REASONING_SUMMARIES.contains(lower) ? lower : null;
    }

    private static JsonObject notices(JsonValue raw) {
        Map<String, JsonValue> notices = boolMap(raw);
        NOTICES_HIDDEN_BY_DEFAULT.forEach(key -> notices.putIfAbsent(key, JsonValue.TRUE));
        return members(notices);
    }

    private static JsonObject sandboxWorkspaceWrite(JsonObject in) {
        return SettingsJson.object()
                .add("network_access", nullable(bool(in.get("network_access"))))
                .add("exclude_tmpdir_env_var", nullable(bool(in.get("exclude_tmpdir_env_var"))))
                .add("exclude_slash_tmp", nullable(bool(in.get("exclude_slash_tmp"))))
                .add("writable_roots", strings(stringList(in.get("writable_roots"))))
                .build();
    }

    private static JsonObject shellEnvironmentPolicy(JsonObject in) {
        return SettingsJson.object()
                .add("inherit", nullable(string(in.get("inherit"))))
                .add("set", members(map(in.get("set"))))
                .add("ignore_default_excludes", nullable(bool(in.get("ignore_default_excludes"))))
                .add("exclude", strings(stringList(in.get("exclude"))))
                .add("include_only", strings(stringList(in.get("include_only"))))
                .build();
    }

    private static JsonArrayBuilder profiles(JsonValue raw) {
        JsonArrayBuilder profiles = SettingsJson.array();
        for (JsonObject in : objects(raw)) {
            String name = string(in.get("name"));
            if (name == null) {
                continue;
            }
            JsonObjectBuilder profile = SettingsJson.object().add("name", name);
            modelKeys(in, PROFILE_TEXTS, profile);
            profile.add("features", members(boolMap(in.get("features"))));
            profile.add("sandbox_workspace_write", SettingsJson.object().add("network_access",
                    nullable(bool(object(in.get("sandbox_workspace_write")).get("network_access")))));
            profiles.add(profile);
        }
        return profiles;
    }

    private static JsonArrayBuilder mcpServers(JsonValue raw) {
        JsonArrayBuilder servers = SettingsJson.array();
        for (JsonObject in : objects(raw)) {
            JsonObject server = mcpServer(in);
            if (server != null) {
                servers.add(server);
            }
        }
        return servers;
    }

    /** One entry of {@code mcp_servers}, or null when it has no name or neither a command nor a URL. */
    static JsonObject mcpServer(JsonObject in) {
        String name = string(in.get("name"));
        String command = string(in.get("command"));
        String url = string(in.get("url"));
        if (name == null || command == null && url == null) {
            return null;
        }
        return SettingsJson.object()
                .add("name", name)
                .add("command", nullable(command))
                .add("args", strings(stringList(in.get("args"))))
                .add("url", nullable(url))
                .add("bearer_token", nullable(string(in.get("bearer_token"))))
                .add("bearer_token_env_var", nullable(string(in.get("bearer_token_env_var"))))
                .add("http_headers", members(map(in.get("http_headers"))))
                .add("env_http_headers", members(map(in.get("env_http_headers"))))
                .add("http_headers_helper", nullable(string(in.get("http_headers_helper"))))
                .add("enabled", nullable(bool(in.get("enabled"))))
                .add("startup_timeout_sec", nullable(integer(in.get("startup_timeout_sec"))))
                .add("tool_timeout_sec", nullable(integer(in.get("tool_timeout_sec"))))
                .build();
    }

    private static JsonObject otel(JsonObject in) {
        return SettingsJson.object()
                .add("environment", nullable(string(in.get("environment"))))
                .add("exporter", nullable(string(in.get("exporter"))))
                .add("endpoint", nullable(string(in.get("endpoint"))))
                .add("protocol", nullable(string(in.get("protocol"))))
                .add("headers", members(map(in.get("headers"))))
                .add("log_user_prompt", nullable(bool(in.get("log_user_prompt"))))
                .build();
    }
}
