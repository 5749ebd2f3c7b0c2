package dev.codexauth.sync.control;

import dev.codexauth.http.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.Set;

/**
 * The settings one host gets (sync.md 2.4): the fleet settings with the host's model overrides and the managed MCP
 * entry that points Codex at this server's {@code /mcp}. The host key never enters the document: Codex reads it from
 * the environment variable the wrapper exports (docs/cdx-protocol.md §6).
 */
public final class ConfigBaking {

    public static final String MANAGED_SERVER_NAME = "cdx";
    public static final String MCP_TOKEN_ENV_VAR = "CDX_MCP_BEARER_TOKEN";
    /** Names the managed entry has had; a fleet entry under any of them would shadow or duplicate it. */
    private static final Set<String> MANAGED_SERVER_NAMES = Set.of("codex-memory", "codex-orchestrator", "cdx");

    private ConfigBaking() {
    }

    /** storedSettings: normalized fleet settings; overrides may be null/blank; baseUrl without trailing slash */
    public static JsonObject bake(JsonObject storedSettings, String modelOverride, String reasoningEffortOverride,
                                  String baseUrl) {
        JsonObject settings = ConfigSettings.normalize(withOverrides(storedSettings, blankToNull(modelOverride),
                blankToNull(reasoningEffortOverride)));
        if (!settings.getBoolean("orchestrator_mcp_enabled")) {
            return settings;
        }
        JsonArrayBuilder servers = Jsonp.PROVIDER.createArrayBuilder();
        for (JsonValue server : settings.getJsonArray("mcp_servers")) {
            String name = server.asJsonObject().getString("name").trim().toLowerCase(Locale.ROOT);
            if (!MANAGED_SERVER_NAMES.contains(name)) {
                servers.add(server);
            }
        }
        servers.add(managedServer(baseUrl));
        return Jsonp.PROVIDER.createObjectBuilder(settings).add("mcp_servers", servers).build();
    }

    private static JsonObject withOverrides(JsonObject stored, String model, String effort) {
        JsonObject settings = stored == null ? JsonValue.EMPTY_JSON_OBJECT : stored;
        JsonObjectBuilder result = Jsonp.PROVIDER.createObjectBuilder(settings);
        if (model != null) {
            result.add("model", model);
        }
        if (effort != null) {
            result.add("model_reasoning_effort", effort);
            result.add("profiles", profilesWithEffort(settings, effort));
        }
        return result.build();
    }

    /** The effort override also reaches the fleet's default profile, which would otherwise set its own. */
    private static JsonArrayBuilder profilesWithEffort(JsonObject settings, String effort) {
        String defaultProfile = SettingValues.string(settings.get("profile"));
        JsonArrayBuilder profiles = Jsonp.PROVIDER.createArrayBuilder();
        for (JsonObject profile : SettingValues.objects(settings.get("profiles"))) {
            boolean isDefault = defaultProfile != null && defaultProfile.equals(SettingValues.string(profile.get("name")));
            profiles.add(isDefault
                    ? Jsonp.PROVIDER.createObjectBuilder(profile).add("model_reasoning_effort", effort).build()
                    : profile);
        }
        return profiles;
    }

    private static JsonObject managedServer(String baseUrl) {
        return ConfigSettings.mcpServer(Jsonp.PROVIDER.createObjectBuilder()
                .add("name", MANAGED_SERVER_NAME)
                .add("url", baseUrl + "/mcp")
                .add("bearer_token_env_var", MCP_TOKEN_ENV_VAR)
                .build());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
