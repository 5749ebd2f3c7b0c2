package dev.codexauth.system;

import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.TestDatabase;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;

/**
 * The console's dialogs of admin.md §3.1/§3.3 in a real browser: the top bar's Insecure hosts (count, Disable and
 * Enable for the fleet default minutes, seen in the database and the audit), View canonical auth from a host's detail
 * (confirmed, audited, shown once), a viewer who can press none of them, and on a fleet of its own the first-run
 * dialog that leads to the auth.json file upload and is gone once the fleet is seeded; the dashboard's Quota trend and
 * Cost trend dialogs (admin.md §3.2) with the figures of the admin API, during which the dashboard's poll waits; the
 * fleet memory dialog of the memories page, whose memory a host then finds.
 */
class ConsoleDialogsIT {

    private static final String INSECURE_TABLE = "insecureHostsForm:insecureTable";

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
        browser.screenshot("dialogs-last-" + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdminClosesAndOpensAnInsecureWindowFromTheTopBar() {
        long defaultMinutes = Fleet.admin("GET", "/admin/api/insecure-window-default", null).data().getJsonNumber("minutes").longValue();
        Fleet.HostKey kiosk = Fleet.register(json("fqdn", "kiosk-" + System.nanoTime() % 1_000_000 + ".fleet.test", "secure", false));
        String name = ConsoleAccounts.signedInFirstTime(browser, "admin");
        try {
            assertThat(Fleet.admin("POST", "/admin/api/insecure-window-default", json("minutes", 17)).status()).isEqualTo(200);
            browser.open("/admin/settings.xhtml");
            long insecure = (Long) Fleet.scalar("SELECT COUNT(*) FROM hosts WHERE secure = 0");
            assertThat(browser.textOf("frame:insecureHosts")).isEqualTo("Insecure hosts (" + insecure + ")");

            browser.click("frame:insecureHosts");
            browser.awaitText("Enable opens the window for the fleet default of 17 min.");
            assertThat(browser.textOf(INSECURE_TABLE)).as("registered insecure: a provisioning window is open")
                    .contains(kiosk.fqdn()).containsPattern("Online: (29|30) min left");
            browser.screenshot("insecure-hosts");
            browser.clickInRow(INSECURE_TABLE, kiosk.fqdn(), "disable");
            browser.awaitText("Insecure window closed: " + kiosk.fqdn());
            assertThat(Fleet.scalar("SELECT COUNT(*) FROM hosts WHERE id = " + kiosk.id() + " AND insecure_enabled_until IS NULL"))
                    .isEqualTo(1L);

            browser.clickInRow(INSECURE_TABLE, kiosk.fqdn(), "enable");
            browser.awaitText("Insecure window open for 17 min: " + kiosk.fqdn());
            long secondsLeft = (Long) Fleet.scalar("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), insecure_enabled_until) FROM hosts"
                    + " WHERE id = " + kiosk.id());
            assertThat(secondsLeft).isBetween(16 * 60L, 17 * 60L);
            assertThat(browser.textOf(INSECURE_TABLE)).contains("Online: 17 min left");
            assertThat(Fleet.scalar("SELECT COUNT(*) FROM admin_audit WHERE actor = '" + name + "' AND target_id = '" + kiosk.id()
                    + "' AND action IN ('host.insecure_enable', 'host.insecure_disable') AND auth_method = 'form'")).isEqualTo(2L);
        } finally {
            Fleet.admin("POST", "/admin/api/insecure-window-default", json("minutes", defaultMinutes));
        }
    }

    @Test
    void anAdminViewsTheCanonicalAuthOfAHostAfterConfirming() {
        String token = "eyJ.console-dialogs-token-" + System.nanoTime();
        HttpResult uploaded = Fleet.admin("POST", "/admin/api/auth/upload", "{\"auth\": {\"last_refresh\": \""
                + Instant.now().minusSeconds(5) + "\", \"tokens\": {\"access_token\": \"" + token + "\"}}, \"host_id\": null}");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        Fleet.HostKey host = Fleet.newHost();
        String name = ConsoleAccounts.signedInFirstTime(browser, "admin");
        try {
            browser.open("/admin/hosts.xhtml?q=" + host.fqdn());
            browser.awaitText(host.fqdn());
            browser.click("hosts:table:0:details");
            browser.click("detailForm:viewCanonical");
            browser.decline();
            assertThat(browser.text()).as("nothing shown when the admin says no").doesNotContain(token);

            browser.click("detailForm:viewCanonical");
            browser.confirm();
            browser.awaitText("Canonical auth.json shown");
            assertThat(browser.textOf("canonicalAuth")).contains("\"access_token\"").contains(token);
            browser.screenshot("view-canonical-auth");
            assertThat(Fleet.scalar("SELECT COUNT(*) FROM admin_audit WHERE actor = '" + name + "' AND action = 'host.auth.reveal'"
                    + " AND target_id = '" + host.id() + "' AND auth_method = 'form'")).isEqualTo(1L);

            browser.click("detailForm:resetIp");
            browser.awaitText("IP binding reset: " + host.fqdn());
            assertThat(browser.text()).as("shown once, not after the next action").doesNotContain(token);
        } finally {
            Fleet.forgetCanonical();
        }
    }

    @Test
    void anUnattendedDashboardSignsOutWhenTheIdleMonitorFires() {
        String name = ConsoleAccounts.signedInFirstTime(browser, "admin");
        browser.open("/admin/dashboard.xhtml");
        browser.awaitText("Sign out");
        assertThat(((Number) browser.script("return PF('idleMonitor').cfg.timeout")).longValue())
                .as("the browser's idle time is the session's, 30 minutes unless configured").isEqualTo(30 * 60_000L);

        // What the monitor does after that long without a key or the mouse, without waiting for it.
        browser.script("PF('idleMonitor').callBehavior('idle')");

        browser.awaitText("You were away too long; sign in again.");
        assertThat(browser.url()).contains("login.xhtml");
        browser.open("/admin/dashboard.xhtml");
        assertThat(browser.url()).as("the session is gone, the dashboard's poll cannot keep it").contains("login.xhtml");
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM admin_audit WHERE actor = '" + name + "' AND action = 'logout'"
                + " AND after_state LIKE '%idle%'")).isEqualTo(1L);
    }

    @Test
    void theQuotaTrendDialogShowsALimitOverSixtyDaysWhileThePollWaits() {
        String tag = "quota-trend-" + System.nanoTime();
        Fleet.sql("INSERT INTO chatgpt_usage_snapshots (status, plan_type, primary_used_percent, primary_limit_seconds,"
                + " secondary_used_percent, secondary_limit_seconds, approx_local_messages, fetched_at, next_eligible_at, created_at) VALUES"
                + " ('ok', 'pro', 20, 18000, 64, 604800, '" + tag + "', '" + daysAgo(3) + "', '" + daysAgo(3) + "', '" + daysAgo(3) + "'),"
                + " ('ok', 'pro', 35, 18000, 117, 604800, '" + tag + "', '" + daysAgo(2) + "', '" + daysAgo(2) + "', '" + daysAgo(2) + "')");
        try {
            ConsoleAccounts.signedInFirstTime(browser, "viewer");
            browser.openDashboard();
            browser.click("dashboard:weeklyTrend");
            browser.awaitTextIn("quotaTrendForm:quotaTrendCaption", quotaCaption("secondary_used_percent"));
            assertThat(browser.textOf("quotaTrendTitle")).isEqualTo("Weekly limit (last 60 days)");
            assertThat(browser.script("const c = Chart.getChart(document.getElementById('quotaTrendForm:quotaTrendChart_canvas'));"
                    + " return [c.data.datasets[0].fill, c.data.datasets[0].data.includes(117), c.options.scales.y.min,"
                    + " c.options.scales.y.suggestedMax].join(' ')"))
                    .as("a filled line from 0 that shows the 117 % above 100").isEqualTo("origin true 0 100");
            assertThat(browser.script("return PF('dashboardPoll').isActive()")).as("no poll while a dialog is open").isEqualTo(false);
            browser.screenshot("quota-trend");
            browser.click(By.cssSelector("[id='quotaTrendDialog'] .ui-dialog-titlebar-close"));
            browser.awaitScript("return PF('dashboardPoll').isActive()");

            browser.click("dashboard:primaryTrend");
            browser.awaitTextIn("quotaTrendForm:quotaTrendCaption", quotaCaption("primary_used_percent"));
            assertThat(browser.textOf("quotaTrendTitle")).isEqualTo("5-hour limit (last 60 days)");
        } finally {
            Fleet.sql("DELETE FROM chatgpt_usage_snapshots WHERE approx_local_messages = '" + tag + "'");
        }
    }

    @Test
    void theCostTrendDialogListsTheDaysNewestFirstAndFollowsTheWindow() {
        String tag = "cost-trend-" + System.nanoTime() % 1_000_000;
        Fleet.HostKey host = Fleet.newHost();
        HttpResult reported = Fleet.host(Fleet.freshIp(), "POST", "/usage", host.key(),
                json("total", 5_000_002, "input", 5_000_000, "output", 2, "model", "gpt-5.1", "line", tag));
        assertThat(reported.status()).as(reported.body()).isEqualTo(200);
        // A report 45 days old, so the 30-day window starts later than the 60-day one.
        Fleet.sql("INSERT INTO token_usage_ingests (entries, total, client_ip, created_at) VALUES (1, 3, '" + tag + "', '"
                        + daysAgo(45) + "')",
                "INSERT INTO token_usages (ingest_id, total, input_tokens, model, created_at) VALUES (LAST_INSERT_ID(), 3, 3, '" + tag
                        + "', '" + daysAgo(45) + "')");
        try {
            ConsoleAccounts.signedInFirstTime(browser, "viewer");
            browser.openDashboard();
            browser.click("dashboard:costTrend");
            JsonObject sixty = Fleet.admin("GET", "/admin/api/usage/cost-history?days=60", null).data();
            browser.awaitTextIn("costTrendForm:caption", costCaptionStart(sixty));
            assertCaptionTotal(sixty);
            assertThat(browser.textOf("costTrendForm:legend")).contains("Total ").contains("Input ").contains("Output ")
                    .contains("Cached ");
            JsonObject today = latest(sixty);
            assertThat(browser.find("costTrendForm:table").findElement(By.cssSelector("tbody tr")).getText())
                    .as("newest day first, with its tokens").startsWith(today.getString("date"))
                    .contains(String.valueOf(today.getJsonObject("tokens").getJsonNumber("total").longValue()));
            assertThat(browser.script("return Chart.getChart(document.getElementById('costTrendForm:chart_canvas'))"
                    + ".data.datasets.map(d => d.label).join(', ')")).isEqualTo("Total, Input, Output, Cached");
            assertThat(browser.script("return PF('dashboardPoll').isActive()")).as("no poll while a dialog is open").isEqualTo(false);
            browser.screenshot("cost-trend");

            // A click on the day 45 days back pins it below the chart with its cost and tokens per kind.
            String pinned = LocalDate.now(ZoneOffset.UTC).minusDays(45).toString();
            List<JsonObject> points = sixty.getJsonArray("points").getValuesAs(JsonObject.class);
            JsonObject day = points.stream().filter(point -> point.getString("date").equals(pinned)).findFirst().orElseThrow();
            assertThat(browser.textOf("costTrendForm:pinned")).isEqualTo("Click a day in the chart to pin it here.");
            List<?> spot = (List<?>) browser.script("const c = Chart.getChart(document.getElementById('costTrendForm:chart_canvas'));"
                    + " const p = c.getDatasetMeta(0).data[" + points.indexOf(day) + "]; return [p.x, p.y];");
            browser.clickAt("costTrendForm:chart_canvas", Math.round(((Number) spot.get(0)).doubleValue()),
                    Math.round(((Number) spot.get(1)).doubleValue()));
            JsonObject tokens = day.getJsonObject("tokens");
            browser.awaitTextIn("costTrendForm:pinned", pinned, tokens.getJsonNumber("total").longValue() + " tokens",
                    "Input ", "(" + tokens.getJsonNumber("input").longValue() + ")", "Output ", "Cached ");

            browser.click(By.xpath("//*[@id='costTrendForm:days']//*[normalize-space()='30 days']"));
            JsonObject thirty = Fleet.admin("GET", "/admin/api/usage/cost-history?days=30", null).data();
            assertThat(costCaptionStart(thirty)).isNotEqualTo(costCaptionStart(sixty));
            browser.awaitTextIn("costTrendForm:caption", costCaptionStart(thirty));
            assertCaptionTotal(thirty);
            assertThat(browser.textOf("costTrendForm:pinned")).as("the pinned day is outside 30 days")
                    .isEqualTo("Click a day in the chart to pin it here.");
        } finally {
            Fleet.sql("DELETE FROM token_usages WHERE model = '" + tag + "'", "DELETE FROM token_usage_ingests WHERE client_ip = '" + tag + "'");
        }
    }

    /** A stored timestamp as the server writes them (UTC text). */
    private static String daysAgo(int days) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
                .format(LocalDateTime.ofInstant(Instant.now().minus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
    }

    /** The caption the admin API's history implies: "N points from A to B. Latest: X% on D UTC". */
    private static String quotaCaption(String field) {
        List<JsonObject> points = Fleet.admin("GET", "/admin/api/chatgpt/usage/history?days=60", null).data().getJsonArray("points")
                .getValuesAs(JsonObject.class).stream().filter(point -> !point.isNull(field)).toList();
        JsonObject first = points.get(0);
        JsonObject last = points.get(points.size() - 1);
        return points.size() + " points from " + first.getString("fetched_at").substring(0, 10) + " to "
                + last.getString("fetched_at").substring(0, 10) + ". Latest: " + last.getInt(field) + "% on "
                + last.getString("fetched_at").substring(0, 16).replace('T', ' ') + " UTC";
    }

    private static String costCaptionStart(JsonObject history) {
        List<JsonObject> points = history.getJsonArray("points").getValuesAs(JsonObject.class);
        return points.size() + " days from " + points.get(0).getString("date") + " to " + latest(history).getString("date")
                + ". Latest total: ";
    }

    private static JsonObject latest(JsonObject history) {
        List<JsonObject> points = history.getJsonArray("points").getValuesAs(JsonObject.class);
        return points.get(points.size() - 1);
    }

    private static void assertCaptionTotal(JsonObject history) {
        String caption = browser.textOf("costTrendForm:caption");
        Matcher total = Pattern.compile("Latest total: ([0-9.]+) " + history.getString("currency") + "\\.").matcher(caption);
        assertThat(total.find()).as(caption).isTrue();
        assertThat(new BigDecimal(total.group(1)))
                .isEqualByComparingTo(latest(history).getJsonObject("costs").getJsonNumber("total").bigDecimalValue());
        assertThat(caption.endsWith("Pricing missing — costs shown as zero.")).as(caption).isEqualTo(!history.getBoolean("has_pricing"));
    }

    @Test
    void anAdminWritesAFleetMemoryThatAHostThenFinds() {
        String word = "aurora" + System.nanoTime() % 1_000_000;
        String name = ConsoleAccounts.signedInFirstTime(browser, "admin");
        browser.open("/admin/memories.xhtml?fleet=true&q=" + word);
        browser.awaitText("only admins write them");
        browser.click("memories:newFleetMemory");
        browser.awaitText("Every host's agent reads this memory");
        browser.type("fleetMemoryForm:fleetKey", "handbook." + word);
        browser.type("fleetMemoryForm:fleetContent", "On-call hands over at 09:00 UTC " + word);
        browser.type("fleetMemoryForm:fleetTags", "oncall, ops");
        browser.click("fleetMemoryForm:saveFleetMemory");
        browser.awaitText("Fleet memory created: handbook." + word);
        browser.awaitTextIn("memories:table", "Fleet (every host)", "oncall, ops");

        browser.click("memories:table:0:edit");
        browser.type("fleetMemoryForm:fleetContent", "On-call hands over at 10:00 UTC " + word);
        browser.click("fleetMemoryForm:saveFleetMemory");
        browser.awaitText("Fleet memory updated: handbook." + word);

        McpClient host = McpClient.initialized(Fleet.newHost(), "2025-11-25");
        JsonObject found = host.call("memory_search", "{\"query\":\"" + word + "\",\"scope\":\"fleet\"}").getJsonObject("structuredContent");
        assertThat(found.getJsonArray("matches").getJsonObject(0).getString("content")).contains("10:00 UTC");
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM admin_audit WHERE actor = '" + name + "' AND action = 'memory.fleet.store'"))
                .isEqualTo(2L);
    }

    @Test
    void aViewerCanPressNoneOfTheNewButtons() {
        Fleet.HostKey kiosk = Fleet.register(json("fqdn", "viewer-kiosk-" + System.nanoTime() % 1_000_000 + ".fleet.test", "secure", false));
        ConsoleAccounts.signedInFirstTime(browser, "viewer");
        browser.open("/admin/hosts.xhtml?q=" + kiosk.fqdn());
        browser.awaitText(kiosk.fqdn());
        browser.click("hosts:table:0:details");
        assertThat(browser.enabled("detailForm:viewCanonical")).isFalse();

        browser.open("/admin/hosts.xhtml");
        browser.click("frame:insecureHosts");
        browser.awaitText(kiosk.fqdn());
        assertThat(browser.enabled(ConsoleBrowser.inRow(INSECURE_TABLE, kiosk.fqdn(), "disable"))).isFalse();

        browser.open("/admin/canonical.xhtml");
        browser.awaitText("History");
        assertThat(browser.enabled(By.cssSelector("[id='canonical:file'] .ui-fileupload-choose"))).isFalse();
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM hosts WHERE id = " + kiosk.id() + " AND insecure_enabled_until IS NOT NULL"))
                .isEqualTo(1L);
    }

    @Test
    void anEmptyFleetAsksForSeedingUntilAnAuthFileIsUploadedAndAHostRegistered() throws Exception {
        try (TestDatabase database = TestDatabase.create("console_first_run")) {
            Map<String, String> settings = RunningServer.ownNodeSettings(database);
            try (RunningServer server = RunningServer.start("console-first-run", settings);
                 ConsoleBrowser own = new ConsoleBrowser(server)) {
                signInAsBootstrapAdmin(own);
                own.awaitText("Initial seeding required");
                assertThat(own.textOf("firstRun")).contains("No hosts registered").contains("Canonical auth.json missing");
                own.screenshot("first-run");

                own.click("seedAuth");
                own.awaitPath("/admin/canonical.xhtml");
                String token = "eyJ.console-file-token-" + System.nanoTime();
                Path file = Files.createTempFile("auth-", ".json");
                Files.writeString(file, "{\"last_refresh\": \"" + Instant.now().minusSeconds(5) + "\", \"tokens\": {\"access_token\": \""
                        + token + "\", \"account_id\": \"acct-file\"}}");
                own.attach("canonical:file_input", file);
                own.awaitText(file.getFileName() + " read: check it, then Upload and replace");
                assertThat(own.find("canonical:upload").getAttribute("value")).contains(token);
                own.click("canonical:replace");
                own.confirm();
                own.awaitText("Upload updated; digest ");
                assertThat(own.textOf("accountId")).isEqualTo("acct-file");
                Files.delete(file);

                own.open("/admin/dashboard.xhtml");
                own.awaitText("Initial seeding required");
                assertThat(own.textOf("firstRun")).contains("No hosts registered").contains("Canonical auth.json present");
                String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "+00:00");
                try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                    statement.execute("INSERT INTO hosts (fqdn, api_key, status, secure, created_at, updated_at)"
                            + " VALUES ('first.fleet.test', SHA2('first', 256), 'active', 1, '" + now + "', '" + now + "')");
                }
                own.open("/admin/dashboard.xhtml");
                own.find("dashboard:hostsCard");
                assertThat(own.text()).as("seeded: no first-run dialog").doesNotContain("Initial seeding required");
            }
        }
    }

    private static void signInAsBootstrapAdmin(ConsoleBrowser own) {
        own.open("/admin/login.xhtml");
        own.type("signIn:username", "admin");
        own.type("signIn:password", Fleet.BOOTSTRAP_PASSWORD);
        own.click("signIn:submit");
        own.awaitPath("/admin/password.xhtml");
        own.type("password:current", Fleet.BOOTSTRAP_PASSWORD);
        own.type("password:replacement", Fleet.ADMIN_PASSWORD);
        own.type("password:repeat", Fleet.ADMIN_PASSWORD);
        own.click("password:change");
        own.awaitPath("/admin/dashboard.xhtml");
    }
}
