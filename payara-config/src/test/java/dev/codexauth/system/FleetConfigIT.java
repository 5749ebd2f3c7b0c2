package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static dev.codexauth.system.Fleet.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fleet config.toml from the admin builder to a host (sync.md §2): preview, save with optimistic locking,
 * per-host bakes with the managed MCP entry and overrides, profile files, and invalid documents refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetConfigIT {

    private static final String SETTINGS = """
            {"model": "gpt-5.1-codex", "approval_policy": "on-request", "sandbox_mode": "read-only",
             "model_reasoning_effort": "medium", "profile": "fast",
             "profiles": [{"name": "fast", "model": "gpt-5.1-codex-mini", "model_reasoning_effort": "low"}],
             "mcp_servers": [{"name": "docs", "url": "https://docs.example/mcp", "bearer_token": "never-rendered-secret"},
                             {"name": "cdx", "url": "https://old.example/mcp"}]}""";

    private static final Fleet.HostKey laptop = Fleet.newHost();
    private static final String ip = Fleet.freshIp();
    private static String storedSha;
    private static String bakedSha;

    @Test
    @Order(1)
    void withoutADocumentHostsAreToldToDeleteTheirs() {
        Fleet.sql("DELETE FROM client_config_documents");
        assertThat(ok(admin("GET", "/admin/api/config", null)).getString("status")).isEqualTo("missing");
        assertThat(ok(retrieve(null)).getString("status")).isEqualTo("missing");
    }

    @Test
    @Order(2)
    void thePreviewShowsWhatAHostGetsWithoutSavingOrLeakingSecrets() {
        JsonObject preview = ok(admin("POST", "/admin/api/config/render", "{\"settings\":" + SETTINGS + "}"));

        String content = preview.getString("content");
        assertThat(content).contains("[mcp_servers.cdx]").contains("/mcp\"").contains("http_headers_helper = \"cdx --mcp-headers\"")
                .doesNotContain("old.example").doesNotContain("never-rendered-secret").doesNotContain("[profiles.");
        assertThat(preview.getJsonArray("profiles").getJsonObject(0).getString("filename")).isEqualTo("fast.config.toml");
        assertThat(preview.getString("default_profile")).isEqualTo("fast");
        assertThat(ok(admin("GET", "/admin/api/config", null)).getString("status")).isEqualTo("missing");
    }

    @Test
    @Order(3)
    void aSavedDocumentReachesHostsBakedForEachAndThenReadsUnchanged() {
        JsonObject saved = ok(admin("POST", "/admin/api/config/store", "{\"settings\":" + SETTINGS + "}"));
        assertThat(saved.getString("status")).isEqualTo("created");
        storedSha = saved.getString("sha256");
        assertThat(saved.getString("content")).as("stored unbaked: the fleet's own entries, no managed one")
                .contains("old.example").doesNotContain("CDX_MCP_BEARER_TOKEN");
        assertThat(admin("GET", "/admin/api/config", null).header("ETag")).contains(storedSha);
        assertThat(Fleet.scalar("SELECT version FROM versions WHERE name = 'cdx_model'")).isEqualTo("gpt-5.1-codex");

        JsonObject first = ok(retrieve(null));
        assertThat(first.getString("status")).isEqualTo("updated");
        assertThat(first.getString("base_sha256")).isEqualTo(storedSha);
        bakedSha = first.getString("sha256");
        assertThat(bakedSha).as("the managed entry makes the bake differ").isNotEqualTo(storedSha);
        assertThat(first.getString("content")).contains("url = \"http://127.0.0.1:" + Fleet.server().port() + "/mcp\"")
                .doesNotContain(laptop.key());
        JsonObject profile = first.getJsonArray("profiles").getJsonObject(0);
        assertThat(profile.getString("content")).contains("model = \"gpt-5.1-codex-mini\"");
        assertThat(first.getString("default_profile")).isEqualTo("fast");

        JsonObject again = ok(retrieve(bakedSha));
        assertThat(again.getString("status")).isEqualTo("unchanged");
        assertThat(again.containsKey("content")).isFalse();
        assertThat(ok(admin("POST", "/admin/api/config/store", "{\"settings\":" + SETTINGS + ",\"sha256\":\"" + storedSha + "\"}"))
                .getString("status")).isEqualTo("unchanged");
    }

    @Test
    @Order(4)
    void aHostOverrideChangesOnlyThatHostsBake() {
        Fleet.HostKey other = Fleet.newHost();
        String otherIp = Fleet.freshIp();
        ok(admin("POST", "/admin/api/hosts/" + other.id() + "/model", json("model_override", "gpt-5.2-codex", "reasoning_effort_override", "high")));

        JsonObject overridden = ok(host(otherIp, "POST", "/config/retrieve", other.key(), "{}"));

        assertThat(overridden.getString("sha256")).isNotEqualTo(bakedSha);
        assertThat(overridden.getString("content")).contains("model = \"gpt-5.2-codex\"").contains("model_reasoning_effort = \"high\"");
        assertThat(ok(retrieve(bakedSha)).getString("status")).isEqualTo("unchanged");
    }

    @Test
    @Order(5)
    void savingOverAnotherAdminsVersionIsAConflict() {
        String changed = SETTINGS.replace("\"medium\"", "\"high\"");
        JsonObject saved = ok(admin("POST", "/admin/api/config/store", "{\"settings\":" + changed + ",\"sha256\":\"" + storedSha + "\"}"));
        assertThat(saved.getString("status")).isEqualTo("updated");

        HttpResult stale = admin("POST", "/admin/api/config/store", "{\"settings\":" + SETTINGS + ",\"sha256\":\"" + storedSha + "\"}");

        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().getString("code")).isEqualTo("stale_version");
        assertThat(stale.json().getJsonObject("details").getString("sha256")).isEqualTo(saved.getString("sha256"));
        assertThat(ok(retrieve(bakedSha)).getString("status")).as("hosts see the change").isEqualTo("updated");
        storedSha = saved.getString("sha256");
    }

    @Test
    @Order(6)
    void aDocumentCodexCouldNotReadIsRefusedAndNothingChanges() {
        JsonObject bad = Json.createReader(new StringReader(SETTINGS)).readObject();
        String withBrokenToml = Json.createObjectBuilder(bad).add("custom_toml", "[tui\nnotifications = true").build().toString();

        HttpResult refused = admin("POST", "/admin/api/config/store", "{\"settings\":" + withBrokenToml + "}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().getJsonObject("errors").containsKey("custom_toml")).isTrue();
        assertThat(ok(admin("GET", "/admin/api/config", null)).getString("sha256")).isEqualTo(storedSha);
        assertThat(admin("POST", "/admin/api/config/store", "{}").status()).isEqualTo(422);
        assertThat(viewer("POST", "/admin/api/config/store", "{\"settings\":" + SETTINGS + "}").status()).isEqualTo(403);
    }

    @Test
    @Order(7)
    void bashHostsReadProfilesFromLines() {
        HttpResult lines = host(ip, "POST", "/config/retrieve", laptop.key(), "{}", Map.of("Accept", "text/plain"));

        assertThat(lines.body()).contains("data.profiles.#=1\n").contains("data.profiles.0.filename=fast.config.toml\n")
                .contains("data.default_profile=fast\n");
    }

    private static HttpResult retrieve(String sha) {
        return host(ip, "POST", "/config/retrieve", laptop.key(), sha == null ? "{}" : json("sha256", sha));
    }

    private static JsonObject ok(HttpResult result) {
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result.data();
    }
}
