package dev.codexauth.sync.control;

import static dev.codexauth.sync.control.SettingValues.bool;
import static dev.codexauth.sync.control.SettingValues.boolMap;
import static dev.codexauth.sync.control.SettingValues.integer;
import static dev.codexauth.sync.control.SettingValues.map;
import static dev.codexauth.sync.control.SettingValues.object;
import static dev.codexauth.sync.control.SettingValues.objects;
import static dev.codexauth.sync.control.SettingValues.string;
import static dev.codexauth.sync.control.SettingValues.stringList;
import static dev.codexauth.sync.control.TomlDocument.put;

import com.electronwill.nightconfig.core.CommentedConfig;
import com.electronwill.nightconfig.core.Config;
import com.electronwill.nightconfig.core.io.ParsingException;
import dev.codexauth.http.ValidationFailed;
import dev.codexauth.security.control.Hashes;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tomlj.TomlParseError;

/**
 * Renders normalized settings as the fleet {@code config.toml} (sync.md 2.3) plus one {@code <name>.config.toml} per
 * profile, the shape Codex 0.169 reads: it refuses a top-level {@code profile} key outright and refuses
 * {@code --profile x} while config.toml holds a {@code [profiles.x]} table, so the combined file carries neither
 * (docs/config-toml.md). Same settings, same bytes: the sha256 is what hosts compare.
 */
public final class ConfigToml {

    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    static final int MAX_CUSTOM_TOML_CHARS = 65_536;
    private static final Pattern DOCUMENT_POSITION = Pattern.compile("at line (\\d{1,9}), column \\d+");
    private static final List<String> MODEL_TEXTS = List.of("model", "model_provider", "approval_policy", "sandbox_mode",
            "model_reasoning_effort", "model_reasoning_summary", "model_verbosity");
    /** Codex knows the words core, all and none; the original admin UI offered safe and full. */
    private static final Map<String, String> INHERIT_WORDS = Map.of("safe", "core", "full", "all");
    /** Codex names the OTLP/HTTP encodings binary and json; OpenTelemetry's own names are accepted too. */
    private static final Map<String, String> OTLP_HTTP_PROTOCOLS = Map.of(
            "http/protobuf", "binary", "protobuf", "binary", "http/json", "json");
    private static final Comparator<String> BYTE_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private ConfigToml() {
    }

    /**
     * throws dev.codexauth.http.ValidationFailed (field "custom_toml") when the final document is not valid TOML, or
     * when the custom TOML nests deeper than Codex reads, has keys above its first table header or a [profiles]
     * table; (field "profiles") for a profile name that cannot be a file name or is used twice; (field "mcp_servers")
     * for a server name used twice
     */
    public static RenderedConfig render(JsonObject normalizedSettings) {
        List<ProfileFile> profiles = profileFiles(objects(normalizedSettings.get("profiles")));
        TomlDocument toml = new TomlDocument();
        CommentedConfig root = toml.root();
        modelKeys(normalizedSettings, root);
        put(root, "notify", stringList(normalizedSettings.get("notify")));
        flags(toml, "features", normalizedSettings.get("features"));
        flags(toml, "notice", normalizedSettings.get("notice"));
        sandboxWorkspaceWrite(toml, object(normalizedSettings.get("sandbox_workspace_write")));
        shellEnvironmentPolicy(toml, object(normalizedSettings.get("shell_environment_policy")));
        mcpServers(toml, objects(normalizedSettings.get("mcp_servers")));
        otel(toml, object(normalizedSettings.get("otel")));
        nameProfileFiles(root, profiles);
        String content = withCustomToml(toml.text(), string(normalizedSettings.get("custom_toml")));
        return new RenderedConfig(content, Hashes.sha256Hex(content), profiles);
    }

    private static void modelKeys(JsonObject settings, Config table) {
        MODEL_TEXTS.forEach(key -> put(table, key, string(settings.get(key))));
        put(table, "model_supports_reasoning_summaries", bool(settings.get("model_supports_reasoning_summaries")));
        put(table, "model_context_window", integer(settings.get("model_context_window")));
        put(table, "model_max_output_tokens", integer(settings.get("model_max_output_tokens")));
    }

    /**
     * A comment above the first key lists the profile files with their sha256. Hosts compare config.toml's sha only,
     * so this is what makes a change to a profile file alone reach them; it also tells a reader where profiles went.
     */
    private static void nameProfileFiles(CommentedConfig root, List<ProfileFile> profiles) {
        if (profiles.isEmpty()) {
            return;
        }
        StringBuilder comment = new StringBuilder(" Profiles are separate files in $CODEX_HOME (codex --profile <name>):");
        profiles.forEach(profile -> comment.append("\n ").append(profile.filename()).append(' ').append(profile.sha256()));
        root.setComment(List.of(root.entrySet().iterator().next().getKey()), comment.toString());
    }

    private static void flags(TomlDocument toml, String name, JsonValue flags) {
        Map<String, JsonValue> values = boolMap(flags);
        if (!values.isEmpty()) {
            CommentedConfig table = toml.table(toml.root(), name);
            values.forEach((key, flag) -> put(table, key, flag.getValueType() == JsonValue.ValueType.TRUE));
        }
    }

    private static void sandboxWorkspaceWrite(TomlDocument toml, JsonObject sandbox) {
        Boolean networkAccess = bool(sandbox.get("network_access"));
        Boolean excludeTmpdir = bool(sandbox.get("exclude_tmpdir_env_var"));
        Boolean excludeSlashTmp = bool(sandbox.get("exclude_slash_tmp"));
        List<String> writableRoots = stringList(sandbox.get("writable_roots"));
        if (networkAccess == null && excludeTmpdir == null && excludeSlashTmp == null && writableRoots.isEmpty()) {
            return;
        }
        CommentedConfig table = toml.table(toml.root(), "sandbox_workspace_write");
        put(table, "network_access", networkAccess);
        put(table, "exclude_tmpdir_env_var", excludeTmpdir);
        put(table, "exclude_slash_tmp", excludeSlashTmp);
        put(table, "writable_roots", writableRoots);
    }

    private static void shellEnvironmentPolicy(TomlDocument toml, JsonObject policy) {
        String inherit = string(policy.get("inherit"));
        Map<String, JsonValue> set = map(policy.get("set"));
        Boolean ignoreDefaultExcludes = bool(policy.get("ignore_default_excludes"));
        List<String> exclude = stringList(policy.get("exclude"));
        List<String> includeOnly = stringList(policy.get("include_only"));
        if (inherit == null && set.isEmpty() && ignoreDefaultExcludes == null && exclude.isEmpty() && includeOnly.isEmpty()) {
            return;
        }
        CommentedConfig table = toml.table(toml.root(), "shell_environment_policy");
        if (inherit != null) {
            String word = inherit.toLowerCase(Locale.ROOT);
            put(table, "inherit", INHERIT_WORDS.getOrDefault(word, word));
        }
        if (!set.isEmpty()) {
            put(table, "set", textTable(toml, set));
        }
        put(table, "ignore_default_excludes", ignoreDefaultExcludes);
        put(table, "exclude", exclude);
        put(table, "include_only", includeOnly);
    }

    private static void mcpServers(TomlDocument toml, List<JsonObject> servers) {
        Set<String> names = new HashSet<>();
        for (JsonObject server : servers) {
            if (!names.add(string(server.get("name")))) {
                throw ValidationFailed.of("mcp_servers", "MCP server name \"" + string(server.get("name"))
                        + "\" is used twice");
            }
        }
        List<JsonObject> sorted = new ArrayList<>(servers);
        sorted.sort(Comparator.comparing(server -> string(server.get("name")), BYTE_ORDER));
        for (JsonObject server : sorted) {
            CommentedConfig table = toml.table(toml.table(toml.root(), "mcp_servers"), string(server.get("name")));
            String command = string(server.get("command"));
            // Codex refuses URL keys on a command server and args on a URL server; a command wins over a URL.
            if (command != null) {
                put(table, "command", command);
                put(table, "args", stringList(server.get("args")));
            } else {
                put(table, "url", string(server.get("url")));
                put(table, "bearer_token_env_var", string(server.get("bearer_token_env_var")));
                putTextTable(toml, table, "http_headers", map(server.get("http_headers")));
                putTextTable(toml, table, "env_http_headers", map(server.get("env_http_headers")));
                put(table, "http_headers_helper", string(server.get("http_headers_helper")));
            }
            put(table, "enabled", bool(server.get("enabled")));
            put(table, "startup_timeout_sec", integer(server.get("startup_timeout_sec")));
            put(table, "tool_timeout_sec", integer(server.get("tool_timeout_sec")));
        }
    }

    private static void otel(TomlDocument toml, JsonObject otel) {
        String environment = string(otel.get("environment"));
        String exporter = string(otel.get("exporter"));
        String endpoint = string(otel.get("endpoint"));
        String protocol = string(otel.get("protocol"));
        Map<String, JsonValue> headers = map(otel.get("headers"));
        Boolean logUserPrompt = bool(otel.get("log_user_prompt"));
        if (environment == null && exporter == null && endpoint == null && protocol == null && headers.isEmpty()
                && logUserPrompt == null) {
            return;
        }
        CommentedConfig table = toml.table(toml.root(), "otel");
        put(table, "environment", environment);
        put(table, "exporter", otelExporter(toml, exporter, endpoint, protocol, headers));
        put(table, "log_user_prompt", logUserPrompt);
    }

    /**
     * Codex takes an OTLP exporter only as a table with its endpoint ({@code "otlp-http"} alone is an error that stops
     * it from starting), so without an endpoint nothing is exported.
     */
    private static Object otelExporter(TomlDocument toml, String exporter, String endpoint, String protocol,
                                       Map<String, JsonValue> headers) {
        String kind = exporter == null ? "otlp-http" : exporter.toLowerCase(Locale.ROOT);
        if (endpoint == null || !kind.equals("otlp-http") && !kind.equals("otlp-grpc")) {
            return "none";
        }
        CommentedConfig settings = toml.inlineTable();
        put(settings, "endpoint", endpoint);
        if (kind.equals("otlp-http")) {
            // Codex requires the protocol of an HTTP exporter.
            String word = protocol == null ? "binary" : protocol.toLowerCase(Locale.ROOT);
            put(settings, "protocol", OTLP_HTTP_PROTOCOLS.getOrDefault(word, word));
        }
        putTextTable(toml, settings, "headers", headers);
        CommentedConfig exporterTable = toml.inlineTable();
        put(exporterTable, kind, settings);
        return exporterTable;
    }

    private static void putTextTable(TomlDocument toml, Config table, String key, Map<String, JsonValue> values) {
        if (!values.isEmpty()) {
            put(table, key, textTable(toml, values));
        }
    }

    /** Headers and environment values are strings to Codex, which rejects numbers and booleans there. */
    private static CommentedConfig textTable(TomlDocument toml, Map<String, JsonValue> values) {
        CommentedConfig table = toml.inlineTable();
        values.forEach((key, value) -> put(table, key,
                value instanceof JsonString text ? text.getString() : value.toString()));
        return table;
    }

    private static List<ProfileFile> profileFiles(List<JsonObject> profiles) {
        Set<String> names = new HashSet<>();
        for (JsonObject profile : profiles) {
            String name = string(profile.get("name"));
            if (name == null || !PROFILE_NAME.matcher(name).matches()) {
                throw ValidationFailed.of("profiles", "Profile name \"" + (name == null ? "" : name)
                        + "\" may only contain letters, digits, '_' and '-'");
            }
            if (!names.add(name)) {
                throw ValidationFailed.of("profiles", "Profile name \"" + name + "\" is used twice");
            }
        }
        List<ProfileFile> files = new ArrayList<>();
        for (JsonObject profile : profiles) {
            TomlDocument toml = new TomlDocument();
            modelKeys(profile, toml.root());
            flags(toml, "features", profile.get("features"));
            Boolean networkAccess = bool(object(profile.get("sandbox_workspace_write")).get("network_access"));
            if (networkAccess != null) {
                put(toml.table(toml.root(), "sandbox_workspace_write"), "network_access", networkAccess);
            }
            String name = string(profile.get("name"));
            String content = toml.text();
            files.add(new ProfileFile(name, name + ".config.toml", content, Hashes.sha256Hex(content)));
        }
        files.sort(Comparator.comparing(ProfileFile::name, BYTE_ORDER));
        return List.copyOf(files);
    }

    private static String withCustomToml(String rendered, String customToml) {
        if (customToml == null) {
            return rendered;
        }
        if (customToml.length() > MAX_CUSTOM_TOML_CHARS) {
            // Also bounds the parsers' time: finding the bad line of an invalid text parses each of its prefixes.
            throw ValidationFailed.of("custom_toml", "The custom TOML is at most " + MAX_CUSTOM_TOML_CHARS + " characters, not "
                    + customToml.length());
        }
        String tooDeep = TomlNesting.beyondCodexLimits(customToml);
        if (tooDeep != null) {
            throw ValidationFailed.of("custom_toml", tooDeep);
        }
        String content = rendered + "\n" + customToml + "\n";
        CommentedConfig document;
        try {
            document = TomlDocument.parse(content);
        } catch (ParsingException invalid) {
            throw ValidationFailed.of("custom_toml", "Line " + firstBadLine(rendered, customToml)
                    + " of the custom TOML makes config.toml invalid: " + invalid.getMessage());
        }
        TomlParseError strict = TomlDocument.strictError(content);
        if (strict != null) {
            int linesBefore = (int) (rendered + "\n").chars().filter(c -> c == '\n').count();
            throw ValidationFailed.of("custom_toml", "Line " + Math.max(1, strict.position().line() - linesBefore)
                    + " of the custom TOML makes config.toml not valid TOML 1.0, which Codex refuses: "
                    + inCustomLines(strict.getMessage(), linesBefore));
        }
        // night-config fails on a table header at the very end of the text, and custom_toml comes trimmed.
        CommentedConfig custom = TomlDocument.parse(customToml + "\n");
        String looseKey = keyBeforeFirstTable(custom);
        if (looseKey != null) {
            throw ValidationFailed.of("custom_toml", "The custom TOML must start with a [table] header: \"" + looseKey
                    + "\" comes before one and would end up in the last table of config.toml");
        }
        for (String managed : ConfigBaking.MANAGED_SERVER_NAMES) {
            if (custom.contains(List.of("mcp_servers", managed))) {
                // Each host's copy gets the server's own entry under this name: declared twice, no host could read it.
                throw ValidationFailed.of("custom_toml", "[mcp_servers." + managed + "] is this server's own MCP entry, added to "
                        + "every host's config.toml; give yours another name");
            }
        }
        if (document.contains(List.of("profiles"))) {
            throw ValidationFailed.of("custom_toml", "Codex 0.169 refuses [profiles] tables in config.toml when the "
                    + "profile is selected; add the profile to the profiles list instead");
        }
        return content;
    }

    /** tomlj's messages count lines in the whole config.toml ("previously defined at line 12, column 1"). */
    private static String inCustomLines(String message, int linesBefore) {
        return DOCUMENT_POSITION.matcher(message).replaceAll(position -> {
            int line = Integer.parseInt(position.group(1));
            return line > linesBefore ? "at line " + (line - linesBefore) + " of the custom TOML"
                    : "at line " + line + " of the rendered config.toml";
        });
    }

    /** Appended after the rendered tables, a key above the custom TOML's first header joins the table above it. */
    private static String keyBeforeFirstTable(Config custom) {
        for (Config.Entry entry : custom.entrySet()) {
            Object value = entry.getValue();
            boolean table = value instanceof Config
                    || value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Config;
            if (!table) {
                return entry.getKey();
            }
        }
        return null;
    }

    /**
     * The parser names no line, so find it: every part of the custom TOML that reaches the bad line fails, and the
     * longest leading part that still parses ends just before it (or before the construct the bad line belongs to).
     */
    private static int firstBadLine(String rendered, String customToml) {
        String[] lines = customToml.split("\n", -1);
        for (int kept = lines.length - 1; kept > 0; kept--) {
            String head = String.join("\n", Arrays.copyOfRange(lines, 0, kept));
            if (TomlDocument.isValid(rendered + "\n" + head + "\n")) {
                return kept + 1;
            }
        }
        return 1;
    }
}
