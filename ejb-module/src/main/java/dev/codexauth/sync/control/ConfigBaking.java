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
 * entry that points Codex at this server's {@code /mcp}, by its absolute URL. The host key never enters the
 * document: Codex 0.169 asks {@code cdx --mcp-headers} for the Authorization header ({@code http_headers_helper}),
 * which reads the host's key file, so Codex started without cdx (an IDE extension, the desktop app) reaches the
 * server too (docs/cdx-protocol.md §6).
 */
public final class ConfigBaking {

    public static final String MANAGED_SERVER_NAME = "cdx";
    /** The command Codex runs for the managed entry's headers; it prints {@code {"Authorization":"Bearer <key>"}}. */
    public static final String MCP_HEADERS_HELPER = "cdx --mcp-headers";
    /** Names the managed entry has had; a fleet entry under any of them would shadow or duplicate it. */
    static final Set<String> MANAGED_SERVER_NAMES = Set.of("codex-memory", "codex-orchestrator", "cdx");

    private ConfigBaking() {
    }

    /**
     * storedSettings: normalized fleet settings; overrides may be null/blank; baseUrl without trailing slash. Without
     * an absolute base URL there is no managed entry: a relative {@code /mcp} is useless to Codex.
     */
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
        if (isAbsoluteHttpUrl(baseUrl)) {
            servers.add(managedServer(baseUrl));
        }
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
                .add("http_headers_helper", MCP_HEADERS_HELPER)
                .build());
    }

    private static boolean isAbsoluteHttpUrl(String baseUrl) {
        return baseUrl != null && (baseUrl.startsWith("https://") || baseUrl.startsWith("http://")) && baseUrl.length() > "https://".length();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
