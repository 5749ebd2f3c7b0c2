package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * A person's {@code xwllm_} install token on {@code /mcp} (docs/mcp.md, "Authentication" and "Who owns a memory"): with
 * scope {@code mcp} it works on its workspace's memories, which every token of the workspace shares and no host sees;
 * without the scope, revoked, or with a lapsed entitlement it is refused as a JSON-RPC error.
 */
class McpPeopleIT {

    @Test
    void tokensOfOneWorkspaceShareItsMemoriesAndHostsDoNotSeeThem() {
        String user = People.unique("user");
        String org = People.unique("org");
        McpClient laptop = McpClient.initializedWithToken(People.activeToken(user, org), "2025-11-25");
        McpClient desktop = McpClient.initializedWithToken(People.activeToken(user, org), "2025-06-18");
        McpClient host = McpClient.initialized(Fleet.newHost(), "2025-11-25");

        JsonObject stored = laptop.call("memory_store", "{\"id\":\"runbook\",\"content\":\"deploys go out on Tuesdays\",\"tags\":[\"ops\"]}")
                .getJsonObject("structuredContent");
        assertThat(stored.getString("status")).isEqualTo("created");
        assertThat(stored.getJsonObject("memory").getJsonNumber("workspace_id").longValue()).isEqualTo(People.workspaceId(org));
        assertThat(stored.getJsonObject("memory").isNull("host_id")).isTrue();

        JsonObject found = desktop.call("memory_search", "{\"query\":\"Tuesdays\",\"tags\":[\"ops\"]}").getJsonObject("structuredContent");
        assertThat(found.getInt("count")).isOne();
        assertThat(found.getJsonArray("matches").getJsonObject(0).getString("id")).isEqualTo("runbook");

        assertThat(host.call("memory_retrieve", "{\"id\":\"runbook\"}").getJsonObject("structuredContent").getString("status"))
                .isEqualTo("missing");
        host.call("memory_store", "{\"id\":\"runbook\",\"content\":\"the host's own note\"}");
        assertThat(desktop.call("memory_retrieve", "{\"id\":\"runbook\"}").getJsonObject("structuredContent")
                .getJsonObject("memory").getString("content")).isEqualTo("deploys go out on Tuesdays");
        assertThat(Rows.count("SELECT COUNT(*) FROM mcp_memories WHERE memory_key = 'runbook' AND host_id IS NULL AND workspace_id = ?",
                People.workspaceId(org))).isOne();

        JsonObject otherWorkspace = McpClient.initializedWithToken(People.activeToken(People.unique("user"), People.unique("org")), "2025-11-25")
                .call("memory_retrieve", "{\"id\":\"runbook\"}").getJsonObject("structuredContent");
        assertThat(otherWorkspace.getString("status")).isEqualTo("missing");
    }

    @Test
    void aTokenWithoutTheMcpScopeIsRefused() {
        String token = People.activeToken(People.unique("user"), People.unique("org"), "api:read");
        HttpResult refused = McpClient.withToken(token).initialize("2025-11-25");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().getJsonObject("error").getJsonObject("data").getString("code")).isEqualTo("insufficient_scope");

        HttpResult pill = People.call(token, "POST", "/api/v1/pill", null);
        assertThat(pill.data().getJsonObject("mcp").getBoolean("available")).isFalse();
    }

    @Test
    void aRevokedTokenLosesItsOpenSessionAtTheNextRequest() {
        String user = People.unique("user");
        String org = People.unique("org");
        String token = People.activeToken(user, org);
        McpClient client = McpClient.initializedWithToken(token, "2025-11-25");
        assertThat(client.request("ping", null).status()).isEqualTo(200);
        long id = People.call(token, "GET", "/api/v1/me", null).data().getJsonNumber("token_id").longValue();
        assertThat(People.call(People.session(user, org), "DELETE", "/api/v1/llm-tokens/" + id, null).status()).isEqualTo(200);

        HttpResult after = client.request("ping", null);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(after.json().getJsonObject("error").getJsonObject("data").getString("code")).isEqualTo("invalid_token");
    }

    @Test
    void aWorkspaceThatStopsPayingLosesMcpAtTheNextRequest() {
        String org = People.unique("org");
        McpClient client = McpClient.initializedWithToken(People.activeToken(People.unique("user"), org), "2025-11-25");
        People.entitle(org, "canceled");
        HttpResult after = client.request("ping", null);
        assertThat(after.status()).isEqualTo(403);
        assertThat(after.json().getJsonObject("error").getJsonObject("data").getString("code")).isEqualTo("entitlement_inactive");
    }
}
