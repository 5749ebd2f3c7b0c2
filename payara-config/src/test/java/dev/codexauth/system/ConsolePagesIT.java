package dev.codexauth.system;

import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;

/**
 * The console pages of issue #15 in a real browser against the running server: the canonical auth.json replaced
 * (a broken one refused with the server's message) and served to a host, the host prune window changed and a
 * retention pass run, an MCP call found in the MCP access log, a host deleted only after its name was typed, a slash
 * command and a skill written (a stale version refused, retired and restored; a skill in the fields of its template),
 * a host's client report with its payload on the Logs page, and a viewer who can change none of it.
 */
class ConsolePagesIT {

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
        browser.screenshot("pages-last-" + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdminReplacesTheCanonicalAuthWhichAHostThenReceives() {
        String name = ConsoleAccounts.signedInFirstTime(browser, "admin");
        browser.open("/admin/canonical.xhtml");
        browser.type("canonical:upload", "{\"last_refresh\": ");
        browser.click("canonical:replace");
        browser.confirm();
        browser.awaitText("auth payload must be valid JSON");

        String token = "eyJ.console-pages-token-" + System.nanoTime();
        String account = "acct-console-" + System.nanoTime() % 1_000_000;
        browser.type("canonical:upload", "{\"last_refresh\": \"" + Instant.now().minusSeconds(5) + "\", \"tokens\": {\"access_token\": \""
                + token + "\", \"account_id\": \"" + account + "\"}}");
        browser.type("canonical:sourceHost", "laptop");
        browser.click("canonical:replace");
        browser.confirm();
        browser.awaitText("host_id must be a host id or \"system\"");
        browser.type("canonical:sourceHost", "system");
        browser.click("canonical:replace");
        browser.confirm();
        browser.awaitText("Upload updated; digest ");

        String digest = Fleet.admin("GET", "/admin/api/runner", null).data().getJsonObject("canonical_auth").getString("digest");
        assertThat(browser.textOf("digest")).isEqualTo(digest.substring(0, 12) + "…");
        assertThat(browser.textOf("accountId")).isEqualTo(account);
        assertThat(browser.textOf("canonical:history")).as("the newest version names its uploader")
                .contains(digest.substring(0, 12)).contains(name);
        assertThat(browser.text()).as("no token is shown").doesNotContain(token);
        browser.open("/admin/canonical.xhtml");
        browser.awaitText(account);
        browser.screenshot("canonical");
        browser.click("canonical:seed");
        browser.awaitText("One-time seed command issued");
        String seed = browser.find("canonical:seedCommand").getAttribute("value");
        assertThat(seed).matches("curl -fsSL \"" + Pattern.quote(Fleet.server().uri("/seed/auth/").toString()) + "[0-9a-f-]{36}\" \\| bash");
        browser.open("/admin/canonical.xhtml");
        assertThat(browser.text()).as("the seed command is shown once").doesNotContain("/seed/auth/");

        Fleet.HostKey laptop = Fleet.newHost();
        HttpResult retrieved = Fleet.host(Fleet.freshIp(), "POST", "/auth", laptop.key(), json("command", "retrieve",
                "digest", "0".repeat(64), "last_refresh", "2025-11-19T09:27:43Z"));
        assertThat(retrieved.status()).as(retrieved.body()).isEqualTo(200);
        JsonObject served = retrieved.data().getJsonObject("auth");
        assertThat(served.getJsonObject("tokens").getString("access_token")).isEqualTo(token);
        assertThat(Fleet.scalar("SELECT auth_method FROM admin_audit WHERE actor = '" + name + "' AND action = 'auth.upload'"))
                .isEqualTo("form");
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM admin_audit WHERE actor = '" + name + "' AND action = 'auth.seed_command'"))
                .isEqualTo(1L);
    }

    @Test
    void anAdminChangesThePruneWindowAndRunsARetentionPass() {
        int before = Fleet.admin("GET", "/admin/api/prune-policy", null).data().getInt("inactivity_window_days");
        int changed = before == 45 ? 44 : 45;
        String name = ConsoleAccounts.signedInFirstTime(browser, "admin");
        try {
            browser.open("/admin/retention.xhtml");
            browser.awaitText("retention.mcp.logs.days");
            browser.type("prune:days_input", String.valueOf(changed));
            browser.click("prune:save");
            browser.awaitText("Hosts idle for " + changed + " days are pruned");
            assertThat(Fleet.admin("GET", "/admin/api/prune-policy", null).data().getInt("inactivity_window_days")).isEqualTo(changed);

            browser.click("retention:runNow");
            browser.confirm();
            browser.awaitText("Retention pass done");
            assertThat(browser.textOf("retention:lastPass")).contains("mcp_access_logs");
            browser.screenshot("retention");
            assertThat(Fleet.scalar("SELECT COUNT(*) FROM admin_audit WHERE actor = '" + name + "' AND action = 'retention.run'"))
                    .isEqualTo(1L);
            assertThat(Fleet.scalar("SELECT COUNT(*) FROM admin_audit WHERE actor = '" + name + "' AND action = 'prune_policy'"))
                    .isEqualTo(1L);
        } finally {
            Fleet.admin("POST", "/admin/api/prune-policy", json("inactivity_days", before));
        }
    }

    @Test
    void anMcpCallShowsInTheMcpAccessLogWithoutItsContent() {
        Fleet.HostKey host = Fleet.newHost();
        McpClient mcp = McpClient.initialized(host, "2025-11-25");
        String secret = "quokka" + System.nanoTime() % 1_000_000;
        mcp.call("memory_store", "{\"id\":\"mcp-log-note\",\"content\":\"the " + secret + " plan\"}");
        ConsoleAccounts.signedInFirstTime(browser, "viewer");

        browser.open("/admin/logs.xhtml");
        browser.awaitText("MCP access");
        browser.open("/admin/mcp-logs.xhtml");
        browser.type("mcpLogs:host", String.valueOf(host.id()));
        browser.awaitAjax();
        browser.awaitText("memory_store");
        String rows = browser.textOf("mcpLogs:table");
        assertThat(rows).contains(host.fqdn()).contains("ok").doesNotContain(secret);
        browser.screenshot("mcp-logs");

        browser.choose("mcpLogs:outcome", "fail");
        browser.awaitText("No MCP calls match.");
        browser.open("/admin/mcp-logs.xhtml?host=" + host.id() + "&outcome=ok&method=tools/call");
        browser.awaitText("memory_store");
    }

    @Test
    void anAdminDeletesAHostOnlyAfterTypingItsName() {
        Fleet.HostKey host = Fleet.newHost();
        ConsoleAccounts.signedInFirstTime(browser, "admin");
        browser.open("/admin/hosts.xhtml?q=" + host.fqdn());
        browser.awaitText(host.fqdn());
        browser.click("hosts:table:0:delete");
        browser.type("deleteForm:typedFqdn", "not-" + host.fqdn());
        browser.awaitAjax();
        assertThat(browser.enabled("deleteForm:confirmDelete")).as("Delete stays off for another name").isFalse();
        browser.screenshot("host-delete-typed");
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM hosts WHERE id = " + host.id())).isEqualTo(1L);

        browser.type("deleteForm:typedFqdn", host.fqdn());
        // Each keystroke re-renders the button; click the one the last answer left.
        browser.awaitAjax();
        browser.click("deleteForm:confirmDelete");
        browser.awaitText("Host deleted: " + host.fqdn());
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM hosts WHERE id = " + host.id())).isEqualTo(0L);
    }

    @Test
    void anAdminWritesASlashCommandMeetsAStaleVersionAndRetiresIt() {
        String file = "console-" + System.nanoTime() % 1_000_000 + ".md";
        ConsoleAccounts.signedInFirstTime(browser, "admin");
        browser.open("/admin/files.xhtml");
        browser.type("files:name", file);
        browser.type("files:content", "---\ndescription: Review the staged diff\n---\nReview the staged diff.");
        browser.click("files:save");
        browser.awaitText(file + " created");
        JsonObject saved = Fleet.admin("GET", "/admin/api/slash-commands/" + file, null).data();
        assertThat(saved.getString("description")).isEqualTo("Review the staged diff");
        assertThat(browser.find("files:first").getAttribute("value")).as("read back from the front matter").isEqualTo("Review the staged diff");

        assertThat(Fleet.admin("POST", "/admin/api/slash-commands/store", json("filename", file, "prompt", "# Changed by a script",
                "base_sha256", saved.getString("sha256"))).status()).isEqualTo(200);
        browser.type("files:content", "My later edit");
        browser.click("files:save");
        browser.awaitText("sha256 does not match current saved " + file + " (reload before saving)");
        browser.screenshot("files-stale");
        assertThat(Fleet.admin("GET", "/admin/api/slash-commands/" + file, null).data().getString("prompt")).isEqualTo("# Changed by a script");

        browser.clickInRow("files:table", file, "retire");
        browser.confirm();
        browser.awaitText(file + " retired; hosts remove it on their next sync");
        assertThat(Fleet.admin("GET", "/admin/api/slash-commands", null).body()).doesNotContain(file);
        browser.click(By.cssSelector("[id='files:showRetired'] .ui-chkbox-box"));
        browser.clickInRow("files:table", file, "restore");
        browser.awaitText(file + " restored");
        assertThat(Fleet.admin("GET", "/admin/api/slash-commands", null).body()).contains(file);

        String slug = "console-skill-" + System.nanoTime() % 1_000_000;
        String manifest = "---\nname: Console skill\n---\n# What this skill does\nNothing much.";
        browser.open("/admin/files.xhtml?kind=skills");
        browser.type("files:name", slug);
        browser.type("files:first", "Console skill");
        browser.click(By.linkText("Raw manifest"));
        browser.awaitAjax();
        browser.type("files:skillEditor:content", manifest);
        browser.click("files:save");
        browser.awaitText(slug + " created");
        assertThat(Fleet.admin("GET", "/admin/api/skills/" + slug, null).data().getString("display_name")).isEqualTo("Console skill");
        assertThat(browser.find("files:skillEditor:content").getAttribute("value"))
                .as("outside the template: reopened in the raw tab, as written").isEqualTo(manifest);
        browser.click(By.linkText("Fields"));
        browser.awaitText("This manifest does not follow the template");
        assertThat(browser.find("files:skillEditor:content").getAttribute("value")).as("nothing lost").isEqualTo(manifest);
    }

    @Test
    void anAdminWritesASkillInItsFieldsWhichHostsGetAsAComposedManifest() {
        long n = System.nanoTime() % 1_000_000;
        String slug = "release-notes-" + n;
        ConsoleAccounts.signedInFirstTime(browser, "admin");
        browser.open("/admin/files.xhtml?kind=skills");
        browser.type("files:first", "Release Notes " + n);
        browser.click("files:autoFill");
        browser.awaitAjax();
        assertThat(browser.find("files:name").getAttribute("value")).isEqualTo(slug);
        browser.type("files:second", "Writes release notes");
        browser.type("files:skillEditor:tags_input", "git\n");
        browser.type("files:skillEditor:tags_input", "docs\n");
        browser.type("files:skillEditor:whatItDoes", "Drafts the notes of a release.");
        browser.type("files:skillEditor:whenToUse", "When a tag is cut.");
        browser.click("files:save");
        browser.awaitText("Step-by-step instructions are required");
        browser.type("files:skillEditor:steps", "1. Read the log.\n2. Group it.");
        browser.click("files:save");
        browser.awaitText(slug + " created");

        String composed = """
                ---
                name: Release Notes %d
                description: Writes release notes
                tags:
                  - git
                  - docs
                ---

                # What this skill does

                Drafts the notes of a release.

                ## When to use this skill

                When a tag is cut.

                ## Step-by-Step Instructions

                1. Read the log.
                2. Group it.
                """.formatted(n);
        JsonObject saved = Fleet.admin("GET", "/admin/api/skills/" + slug, null).data();
        assertThat(saved.getString("manifest")).isEqualTo(composed);
        assertThat(saved.getString("display_name")).isEqualTo("Release Notes " + n);
        HttpResult synced = Fleet.host(Fleet.freshIp(), "POST", "/skills/retrieve", Fleet.newHost().key(), json("slug", slug));
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        assertThat(synced.data().getString("manifest")).as("what a host installs as SKILL.md").isEqualTo(composed);

        browser.open("/admin/files.xhtml?kind=skills");
        browser.clickInRow("files:table", slug, "edit");
        browser.awaitTextIn("editorMeta", "Editing sha " + saved.getString("sha256"));
        assertThat(browser.find("files:first").getAttribute("value")).isEqualTo("Release Notes " + n);
        assertThat(browser.textOf("files:skillEditor:tags")).contains("git").contains("docs");
        assertThat(browser.find("files:skillEditor:whatItDoes").getAttribute("value")).isEqualTo("Drafts the notes of a release.");
        assertThat(browser.find("files:skillEditor:steps").getAttribute("value")).isEqualTo("1. Read the log.\n2. Group it.");
        browser.script("document.getElementById('files:first').scrollIntoView()");
        browser.screenshot("skill-fields");
        browser.click(By.linkText("Raw manifest"));
        browser.awaitAjax();
        assertThat(browser.find("files:skillEditor:content").getAttribute("value")).isEqualTo(composed);
    }

    @Test
    void aHostsReportShowsInTheUsageRowsAndTokenLinesTabs() {
        Fleet.HostKey host = Fleet.newHost();
        String line = "Token usage: total=9,000,001 #" + System.nanoTime() % 1_000_000;
        HttpResult reported = Fleet.host(Fleet.freshIp(), "POST", "/usage", host.key(),
                json("total", 9_000_001, "input", 9_000_000, "output", 1, "model", "gpt-5.1", "line", line));
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        ConsoleAccounts.signedInFirstTime(browser, "viewer");

        browser.open("/admin/logs.xhtml");
        browser.click(By.linkText("Usage rows"));
        browser.awaitPath("/admin/usage-rows.xhtml");
        browser.type("usageRows:host", String.valueOf(host.id()));
        browser.awaitTextIn("range", "Rows 1–1, newest first");
        browser.awaitTextIn("usageRows:table", line, host.fqdn(), "gpt-5.1", "9000001");

        browser.click(By.linkText("Token lines"));
        browser.awaitPath("/admin/token-lines.xhtml");
        browser.awaitTextIn("tokenLines:table", line, "9000001");
        browser.screenshot("token-lines");
    }

    @Test
    void aHostsReportShowsInTheClientReportsTabWithItsPayload() {
        Fleet.HostKey host = Fleet.newHost();
        String ip = Fleet.freshIp();
        String line = "Token usage: total=7,000,003 #" + System.nanoTime() % 1_000_000;
        HttpResult reported = Fleet.host(ip, "POST", "/usage", host.key(),
                json("total", 7_000_003, "input", 7_000_000, "output", 2, "cached", 1, "model", "gpt-5.1-codex", "line", line));
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        ConsoleAccounts.signedInFirstTime(browser, "viewer");

        browser.open("/admin/logs.xhtml?tab=reports");
        browser.awaitPath("/admin/client-reports.xhtml");
        assertThat(browser.textOf("logTabs")).as("the first tab").startsWith("Client reports");
        browser.awaitTextIn("reports:table", "Showing 1–");
        browser.type("reports:search", host.fqdn());
        browser.awaitTextIn("reports:table", "Showing 1–1 of 1 reports", host.fqdn(), ip, "7000000");
        browser.click(By.cssSelector("[id='reports:table'] .ui-row-toggler"));
        browser.awaitTextIn("reports:table", "\"usages\"", line, "gpt-5.1-codex");
        browser.screenshot("client-reports");

        browser.open("/admin/logs.xhtml?tab=events");
        assertThat(browser.path()).isEqualTo("/admin/logs.xhtml");
        browser.open("/admin/logs.xhtml?tab=usage-rows");
        browser.awaitPath("/admin/usage-rows.xhtml");
    }

    @Test
    void aViewerCanChangeNothingOnTheNewPages() {
        ConsoleAccounts.signedInFirstTime(browser, "viewer");
        browser.open("/admin/canonical.xhtml");
        browser.awaitText("History");
        assertThat(browser.enabled("canonical:replace")).isFalse();
        assertThat(browser.find("canonical:upload").getAttribute("readonly")).isNotNull();
        browser.open("/admin/retention.xhtml");
        assertThat(browser.enabled("prune:save")).isFalse();
        assertThat(browser.enabled("retention:runNow")).isFalse();
        browser.open("/admin/files.xhtml?kind=skills");
        browser.awaitText("Skills");
        assertThat(browser.enabled("files:save")).isFalse();
        assertThat(browser.enabled("files:autoFill")).isFalse();
        assertThat(browser.find("files:skillEditor:whatItDoes").getAttribute("readonly")).isNotNull();
        Fleet.HostKey host = Fleet.newHost();
        browser.open("/admin/hosts.xhtml?q=" + host.fqdn());
        browser.awaitText(host.fqdn());
        assertThat(browser.enabled("hosts:table:0:delete")).isFalse();
    }
}
