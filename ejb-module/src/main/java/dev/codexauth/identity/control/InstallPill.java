package dev.codexauth.identity.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The install pill of seed 000 step 4: one JSON document from which a coding agent learns everything it needs —
 * where the OpenAPI document and the REST base are, how to authenticate, a first call that proves it works, and the
 * hosted MCP server, with a {@code config.toml} snippet Codex takes as is. Codex refuses bearer tokens written into
 * its config, so the snippet names an environment variable ({@code bearer_token_env_var}) and the pill gives the
 * line that sets it.
 */
public final class InstallPill {

    public static final String SERVER_NAME = "codex_auth_central";
    public static final String TOKEN_ENV_VAR = "CODEX_AUTH_CENTRAL_TOKEN";

    private InstallPill() {
    }

    public static Map<String, Object> of(String baseUrl, String token, TokenCaller caller) {
        String mcpUrl = baseUrl + "/mcp";
        Map<String, Object> pill = new LinkedHashMap<>();
        pill.put("version", 1);
        pill.put("server", baseUrl);
        pill.put("workspace", caller.workspaceSlug());
        pill.put("openapi_url", baseUrl + "/openapi");
        pill.put("rest_base_url", baseUrl + "/api/v1");
        pill.put("auth", Map.of("type", "bearer", "header", "Authorization", "scheme", "Bearer", "token", token,
                "scopes", List.copyOf(caller.scopes())));
        pill.put("health_check", Map.of("method", "GET", "url", baseUrl + "/api/v1/me", "expect_status", 200));
        Map<String, Object> mcp = new LinkedHashMap<>();
        mcp.put("name", SERVER_NAME);
        mcp.put("transport", "streamable-http");
        mcp.put("url", mcpUrl);
        mcp.put("auth", Map.of("type", "bearer", "header", "Authorization", "env_var", TOKEN_ENV_VAR));
        mcp.put("available", caller.scopes().contains(Scopes.MCP));
        mcp.put("memories", "shared by every token of workspace " + caller.workspaceSlug());
        pill.put("mcp", mcp);
        pill.put("codex", Map.of(
                "config_toml", "[mcp_servers." + SERVER_NAME + "]\nurl = \"" + mcpUrl + "\"\nbearer_token_env_var = \"" + TOKEN_ENV_VAR + "\"\n",
                "env", "export " + TOKEN_ENV_VAR + "=" + token,
                "config_path", "~/.codex/config.toml"));
        return pill;
    }
}
