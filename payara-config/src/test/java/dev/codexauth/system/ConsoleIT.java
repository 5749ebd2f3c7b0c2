package dev.codexauth.system;

import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The admin console in a real browser (headless Chromium) against the running server and its database: signing in
 * with the forced password change, the kill switch through its confirmation with the host API refusing and the
 * audit entry shown, a host registered through the wizard with its installer shown once, a host suspended, a
 * host's MCP memory found and deleted, a workspace cut off and an install token revoked, the fleet's Codex and Claude
 * Code credentials set on the Providers page, a viewer who can look but not change, and signing out.
 */
class ConsoleIT {

    private static final String FIRST_PASSWORD = ConsoleAccounts.FIRST_PASSWORD;

    private static ConsoleBrowser browser;

    @BeforeAll
    static void startBrowser() {
        Fleet.server();
        browser = new ConsoleBrowser();
    }

    @BeforeEach
    void signedOut() {
        browser.forgetCookies();
    }

    @AfterEach
    void lastPage(TestInfo test) {
        browser.screenshot("last-" + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdminSignsInFlipsTheKillSwitchAndRegistersAndSuspendsAHost() {
        String name = newUser("admin");
        browser.open("/admin/hosts.xhtml");
        assertThat(browser.path()).as("signed-out callers land on the sign-in page").isEqualTo("/admin/login.xhtml");

        signIn(name, "not-the-password-2026");
        browser.awaitText("Invalid username or password");
        assertThat(browser.path()).isEqualTo("/admin/login.xhtml");

        signIn(name, FIRST_PASSWORD);
        browser.awaitPath("/admin/password.xhtml");
        browser.open("/admin/settings.xhtml");
        assertThat(browser.path()).as("nothing but the password page until the password is changed").isEqualTo("/admin/password.xhtml");
        changePassword();
        browser.awaitPath("/admin/dashboard.xhtml");
        browser.awaitText("Password changed");
        assertThat(browser.textOf("dashboard:hostsCard")).contains("Hosts");
        browser.find("dashboard:usageChart_canvas");
        assertThat(browser.script("return Chart.getChart(document.getElementById('dashboard:usageChart_canvas'))"
                + ".data.datasets.map(d => d.label).join(', ')"))
                .as("the usage chart drew its series").asString().contains("Input tokens").contains("Output tokens").contains("Cached input tokens");
        browser.screenshot("dashboard");

        Fleet.HostKey laptop = Fleet.newHost();
        try {
            browser.open("/admin/settings.xhtml");
            browser.click("killSwitch:disable");
            browser.type("disableForm:confirmation", "disable please");
            browser.type("disableForm:reason", "console test");
            browser.click("disableForm:confirmDisable");
            browser.awaitText("Type DISABLE to confirm");
            assertThat(Fleet.admin("GET", "/admin/api/state", null).data().getBoolean("disabled")).isFalse();

            browser.type("disableForm:confirmation", "DISABLE");
            browser.click("disableForm:confirmDisable");
            browser.awaitText("Reason: console test");
            assertThat(browser.text()).contains("Kill switch ON");
            browser.screenshot("kill-switch-on");
            HttpResult refused = Fleet.host(Fleet.freshIp(), "GET", "/versions", laptop.key(), null);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().getString("message")).isEqualTo("API disabled by administrator");

            browser.open("/admin/audit.xhtml?actor=" + name + "&action=api.state");
            browser.awaitText("api.state");
            assertThat(browser.textOf("audit:table")).contains(name).contains("console test");
            browser.screenshot("audit");
            browser.open("/admin/logs.xhtml?action=admin.api.state");
            assertThat(browser.textOf("logs:table")).contains("admin.api.state").contains(name);

            browser.open("/admin/settings.xhtml");
            browser.click("killSwitch:enable");
            browser.confirm();
            browser.awaitText("Host API enabled");
            assertThat(Fleet.host(Fleet.freshIp(), "GET", "/versions", laptop.key(), null).status()).isEqualTo(200);
        } finally {
            Fleet.admin("POST", "/admin/api/state", json("disabled", false));
        }

        String fqdn = "console-" + System.nanoTime() % 1_000_000 + ".fleet.test";
        browser.open("/admin/hosts.xhtml");
        browser.click("hosts:newHost");
        browser.type("newHostForm:fqdn", fqdn);
        browser.click("newHostForm:generate");
        String installer = browser.find("newHostForm:installer").getAttribute("value");
        String key = browser.find("newHostForm:apiKey").getAttribute("value");
        assertThat(installer).startsWith("curl -sSL \"" + Fleet.server().uri("/install/")).endsWith("| bash");
        assertThat(key).matches("[0-9a-f]{64}");
        browser.screenshot("new-host");
        assertThat(Fleet.host(Fleet.freshIp(), "GET", "/versions", key, null).status()).as("the key shown works").isEqualTo(200);
        browser.click("newHostForm:done");
        browser.open("/admin/hosts.xhtml?q=" + fqdn);
        browser.awaitText(fqdn);
        assertThat(browser.text()).as("the key is shown once").doesNotContain(key);
        browser.click("hosts:table:0:suspend");
        browser.confirm();
        browser.awaitText("Host suspended: " + fqdn);
        assertThat(Fleet.scalar("SELECT status FROM hosts WHERE fqdn = '" + fqdn + "'")).isEqualTo("suspended");
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM admin_audit WHERE actor = '" + name + "' AND action = 'host.status'"))
                .isEqualTo(1L);

        browser.click("hosts:table:0:details");
        browser.type("detailForm:pin", "not-a-version");
        browser.click("detailForm:saveOverrides");
        browser.awaitText("selection must be a semantic version like 0.63.0");
        browser.type("detailForm:pin", "0.63.0");
        browser.click("detailForm:saveOverrides");
        browser.awaitText("Overrides saved: " + fqdn);
        assertThat(Fleet.scalar("SELECT client_version_override FROM hosts WHERE fqdn = '" + fqdn + "'")).isEqualTo("0.63.0");
        browser.click("detailForm:newInstaller");
        browser.awaitText("New installer: " + fqdn);
        assertThat(browser.textOf("issuedInstaller")).contains("/install/").doesNotContain("API key");
        changeTheHostsSettings(fqdn);
        Fleet.HostKey insecure = Fleet.register(json("fqdn", "insecure-" + fqdn, "secure", false));
        Fleet.admin("POST", "/admin/api/hosts/" + insecure.id() + "/insecure/disable", null);
        browser.open("/admin/hosts.xhtml?q=insecure-" + fqdn);
        browser.type("hosts:minutes_input", "45");
        browser.click("hosts:table:0:openWindow");
        browser.awaitText("Insecure window open for 45 min: insecure-" + fqdn);
        assertThat(Fleet.scalar("SELECT insecure_window_minutes FROM hosts WHERE id = " + insecure.id())).isEqualTo(45L);
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM hosts WHERE id = " + insecure.id()
                + " AND insecure_enabled_until > UTC_TIMESTAMP() + INTERVAL 40 MINUTE")).isEqualTo(1L);
        browser.find("hosts:table:0:closeWindow");

        browser.open("/admin/hosts.xhtml");
        browser.screenshot("hosts");

        editAgentsAndMeetAStaleVersion();
        refuseInvalidCustomToml();

        browser.open("/admin/accounts.xhtml");
        browser.type("tokens:label", "made in the console");
        browser.click("tokens:create");
        browser.awaitText("New API token (copy it now): cxadm_");
        String token = browser.textOf("tokens:revealed").replaceFirst("^.*: ", "");
        assertThat(Fleet.withToken(token, "GET", "/admin/api/session", null).data().getString("role")).isEqualTo("viewer");
        browser.open("/admin/accounts.xhtml");
        assertThat(browser.text()).as("a token is shown once").doesNotContain(token).contains("made in the console");

        browser.click("frame:signOut");
        browser.awaitPath("/admin/login.xhtml");
        browser.awaitText("Signed out");
        browser.open("/admin/dashboard.xhtml");
        assertThat(browser.path()).isEqualTo("/admin/login.xhtml");
    }

    @Test
    void aViewerSeesThePagesButNoControlThatChangesSomething() {
        String name = signedInFirstTime("viewer");
        assertThat(browser.text()).contains("Read-only");

        browser.open("/admin/usage.xhtml?days=30");
        browser.awaitText("Cost per day");
        assertThat(browser.textOf("cost:caption")).matches("(\\d+ days from .*|No usage reported yet\\.)");
        browser.open("/admin/config.xhtml");
        assertThat(browser.enabled("config:save")).isFalse();
        browser.open("/admin/settings.xhtml");
        assertThat(browser.enabled("killSwitch:disable")).isFalse();
        assertThat(browser.enabled("quota:saveQuota")).isFalse();
        browser.open("/admin/hosts.xhtml");
        assertThat(browser.enabled("hosts:newHost")).isFalse();
        browser.open("/admin/audit.xhtml");
        browser.awaitText("Only admins see the audit trail.");
        browser.open("/admin/connection.xhtml");
        browser.awaitText("Only admins see the connection diagnostics.");
        browser.open("/admin/memories.xhtml");
        browser.awaitText("MCP memories");
        browser.open("/admin/providers.xhtml");
        browser.awaitText("Claude Code token history");
        assertThat(browser.enabled("providers:startCodex")).isFalse();
        assertThat(browser.enabled("providers:saveClaudeToken")).isFalse();

        browser.click("frame:signOut");
        browser.awaitPath("/admin/login.xhtml");
    }

    @Test
    void anAdminSignsTheFleetInToCodexAndSetsItsClaudeTokenFromTheProvidersPage() {
        String name = signedInFirstTime("admin");
        browser.open("/admin/providers.xhtml");
        browser.click("providers:startCodex");
        browser.awaitText("Codex sign-in started");
        String userCode = browser.textOf("userCode");
        assertThat(browser.enabled("providers:startCodex")).as("one device sign-in at a time").isFalse();

        ProviderStub.shared().device(userCode).enter();
        browser.awaitText("Codex signed in");
        assertThat(browser.textOf("providers:loaded")).contains("Codex (canonical auth.json)").contains("ready");
        assertThat(Fleet.direct("GET", "/api/codex/status", java.util.Map.of(), null).data().getBoolean("authenticated")).isTrue();
        browser.screenshot("providers");
        browser.open("/admin/dashboard.xhtml");
        assertThat(browser.textOf("dashboard:providersCard")).containsPattern("Codex \\(canonical auth.json\\)\\s+ready");
        browser.open("/admin/connection.xhtml");
        assertThat(browser.textOf("connection:lines")).containsPattern("Direct peer\\s+127\\.0\\.0\\.1")
                .containsPattern("Signed in by\\s+form").containsPattern("Client certificate\\s+none seen");
        browser.open("/admin/providers.xhtml");

        String token = "sk-ant-oat01-pasted-in-the-console-0123456789";
        browser.type("providers:claudeToken", token);
        browser.click("providers:saveClaudeToken");
        browser.confirm();
        browser.awaitText("Claude Code token stored for the fleet");
        assertThat(browser.text()).doesNotContain(token);
        assertThat(browser.textOf("providers:claudeHistory")).contains(name).contains("active");
        assertThat(Fleet.admin("GET", "/admin/api/audit?action=provider.", null).body()).contains(name)
                .contains("provider.codex.setup_start").contains("provider.claude.set");
        Fleet.forgetCanonical();
    }

    @Test
    void everyPageFitsANarrowWindowWithoutScrollingSideways() {
        signedInFirstTime("admin");
        browser.resize(400, 800);
        try {
            for (String page : java.util.List.of("dashboard", "hosts", "settings", "usage", "logs", "config", "agents", "memories", "people",
                    "providers", "audit", "accounts", "connection", "canonical", "retention", "mcp-logs", "usage-rows",
                    "token-lines", "files")) {
                browser.open("/admin/" + page + ".xhtml");
                browser.find("frame:menu");
                Object overflow = browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Object widest = browser.script("return Array.from(document.querySelectorAll('body *'))"
                        + ".filter(e => e.getBoundingClientRect().left + Math.max(e.getBoundingClientRect().width, e.scrollWidth)"
                        + " > document.documentElement.clientWidth + 1)"
                        + ".slice(-3).map(e => e.tagName + '#' + e.id + '.' + e.className).join(' ')");
                assertThat(((Number) overflow).intValue()).as(page + ".xhtml scrolls sideways by this many pixels at 400 px; too wide: " + widest)
                        .isLessThanOrEqualTo(0);
            }
            browser.open("/admin/hosts.xhtml");
            browser.screenshot("hosts-narrow");
        } finally {
            browser.resize(1280, 800);
        }
    }

    @Test
    void anAdminFindsAHostsMemoryAndDeletesIt() {
        Fleet.HostKey host = Fleet.newHost();
        McpClient mcp = McpClient.initialized(host, "2025-11-25");
        String word = "zebracrossing" + System.nanoTime() % 1_000_000;
        mcp.call("memory_store", "{\"id\":\"console-note\",\"content\":\"remember the " + word + " runbook\",\"tags\":[\"ops\"]}");
        String name = signedInFirstTime("admin");

        browser.open("/admin/memories.xhtml?q=" + word + "&host=" + host.id() + "&tags=ops");
        browser.awaitText("console-note");
        assertThat(browser.textOf("memories:table")).contains(word).contains("ops");
        browser.screenshot("memories");
        browser.click("memories:table:0:delete");
        browser.confirm();
        browser.awaitText("Memory deleted: console-note");
        assertThat(mcp.call("memory_retrieve", "{\"id\":\"console-note\"}").getJsonObject("structuredContent").getString("status"))
                .isEqualTo("missing");
        assertThat(Fleet.admin("GET", "/admin/api/audit?action=memory.admin.delete", null).body()).contains(name);
    }

    @Test
    void anAdminCutsOffAWorkspaceAndRevokesAnInstallToken() {
        String org = People.unique("org");
        String token = People.activeToken(People.unique("user"), org);
        String name = signedInFirstTime("admin");

        browser.open("/admin/people.xhtml");
        browser.awaitText(org);
        assertThat(browser.textOf("people:workspaces")).contains(org).contains("active");
        browser.click("people:workspaces:0:entitle");
        browser.awaitText("Entitlement of " + org);
        browser.choose("people:status", "past_due");
        browser.click("people:saveEntitlement");
        browser.awaitText("Entitlement of " + org + " set to past_due");
        assertThat(People.call(token, "GET", "/api/v1/me", null).status()).as("a lapsed workspace's token is refused").isEqualTo(403);

        People.entitle(org, "active");
        assertThat(People.call(token, "GET", "/api/v1/me", null).status()).isEqualTo(200);
        browser.open("/admin/people.xhtml");
        assertThat(browser.textOf("people:tokens")).contains(org);
        browser.click("people:tokens:0:revoke");
        browser.confirm();
        browser.awaitText("Token " + token.substring(0, 12) + "… revoked");
        browser.screenshot("people");
        assertThat(People.call(token, "GET", "/api/v1/me", null).status()).isEqualTo(401);
        assertThat(Fleet.admin("GET", "/admin/api/audit?action=llm_token.revoke", null).body()).contains(name);
        assertThat(Fleet.admin("GET", "/admin/api/audit?action=workspace.entitlement", null).body()).contains(name);
    }

    /** A change saved elsewhere after the editor loaded is refused with a message, not overwritten. */
    private static void editAgentsAndMeetAStaleVersion() {
        HttpResult before = Fleet.admin("GET", "/admin/api/agents", null);
        try {
            browser.open("/admin/agents.xhtml");
            browser.type("agents:content", "# Fleet rules\n\nWritten in the console.");
            browser.click("agents:save");
            browser.awaitText("hosts pick it up on their next sync");
            assertThat(Fleet.admin("GET", "/admin/api/agents", null).data().getString("content")).contains("Written in the console.");

            String current = Fleet.admin("GET", "/admin/api/agents", null).data().getString("sha256");
            assertThat(Fleet.admin("POST", "/admin/api/agents/store", json("content", "# Changed by a script", "base_sha256", current))
                    .status()).isEqualTo(200);
            browser.type("agents:content", "# My later edit");
            browser.click("agents:save");
            browser.awaitText("reload before saving");
            browser.screenshot("agents-stale");
            assertThat(Fleet.admin("GET", "/admin/api/agents", null).data().getString("content")).isEqualTo("# Changed by a script");
        } finally {
            if ("ok".equals(before.data().getString("status"))) {
                Fleet.admin("POST", "/admin/api/agents/store", json("content", before.data().getString("content")));
            } else {
                Fleet.admin("DELETE", "/admin/api/agents", null);
            }
        }
    }

    /** VIP on without a question, force IPv4 only after the confirm dialog (it forgets the bound IP), the IP binding reset. */
    private static void changeTheHostsSettings(String fqdn) {
        String host = "SELECT %s FROM hosts WHERE fqdn = '" + fqdn + "'";
        assertThat(browser.textOf("detailForm:flags")).contains("VIP host").contains("Force IPv4").contains("Insecure TLS for sync");
        browser.click("detailForm:flags:1:flip");
        browser.awaitText("VIP host on: " + fqdn);
        assertThat(Fleet.scalar(host.formatted("vip"))).isIn(1, 1L, true);
        browser.click("detailForm:flags:3:flip");
        browser.confirm();
        browser.awaitText("Force IPv4 on: " + fqdn);
        assertThat(Fleet.scalar(host.formatted("force_ipv4"))).isIn(1, 1L, true);
        assertThat(Fleet.scalar(host.formatted("ip"))).isNull();
        assertThat(browser.textOf("detailForm:flags")).containsPattern("Force IPv4\\s+on");
        browser.click("detailForm:resetIp");
        browser.awaitText("IP binding reset: " + fqdn);
        assertThat(Fleet.scalar("SELECT GROUP_CONCAT(action ORDER BY id) FROM admin_audit WHERE target_type = 'host' AND target_id = ("
                + host.formatted("id") + ") AND action IN ('host.vip', 'host.force_ipv4', 'host.ip_reset')"))
                .isEqualTo("host.vip,host.force_ipv4,host.ip_reset");
    }

    /** Raw TOML that would break config.toml is refused with the line; nothing is saved. The preview saves nothing. */
    private static void refuseInvalidCustomToml() {
        String before = Fleet.admin("GET", "/admin/api/config", null).body();
        browser.open("/admin/config.xhtml");
        browser.type("config:customToml", "[tui]\nanimations = false\n[broken");
        browser.click("config:save");
        browser.awaitText("of the custom TOML makes config.toml invalid");
        browser.type("config:customToml", "[tui]\nanimations = false");
        browser.click("config:preview");
        browser.awaitText("Preview (not saved");
        assertThat(browser.textOf("rendered")).contains("[tui]").contains("animations = false");
        browser.screenshot("config-preview");
        assertThat(Fleet.admin("GET", "/admin/api/config", null).body()).isEqualTo(before);
    }

    private static String signedInFirstTime(String role) {
        return ConsoleAccounts.signedInFirstTime(browser, role);
    }

    private static String newUser(String role) {
        return ConsoleAccounts.newUser(role);
    }

    private static void signIn(String name, String password) {
        ConsoleAccounts.signIn(browser, name, password);
    }

    private static void changePassword() {
        ConsoleAccounts.changePassword(browser);
    }
}
