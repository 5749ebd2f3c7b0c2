package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console with 5,000 hosts on a server of its own: every page renders in bounded time because the host table
 * is paged, sorted and searched in the database. Prints the time each page took (docs/console.md).
 */
class ConsoleAtScaleIT {

    private static final int HOSTS = 5_000;

    @Test
    void everyPageRendersWithFiveThousandHosts() throws Exception {
        try (TestDatabase database = TestDatabase.create("console_scale")) {
            Map<String, String> settings = RunningServer.ownNodeSettings(database);
            try (RunningServer server = RunningServer.start("console-scale", settings);
                 ConsoleBrowser browser = new ConsoleBrowser(server)) {
                insertHosts(database);
                browser.open("/admin/login.xhtml");
                browser.type("signIn:username", "admin");
                browser.type("signIn:password", Fleet.BOOTSTRAP_PASSWORD);
                browser.click("signIn:submit");
                browser.awaitPath("/admin/password.xhtml");
                browser.type("password:current", Fleet.BOOTSTRAP_PASSWORD);
                browser.type("password:replacement", Fleet.ADMIN_PASSWORD);
                browser.type("password:repeat", Fleet.ADMIN_PASSWORD);
                browser.click("password:change");
                browser.awaitPath("/admin/dashboard.xhtml");

                Map<String, Long> cold = new LinkedHashMap<>();
                Map<String, Long> millis = new LinkedHashMap<>();
                for (String page : List.of("/admin/dashboard.xhtml", "/admin/hosts.xhtml", "/admin/hosts.xhtml?tab=insecure",
                        "/admin/hosts.xhtml?q=scale-4321", "/admin/settings.xhtml", "/admin/config.xhtml", "/admin/agents.xhtml",
                        "/admin/usage.xhtml", "/admin/logs.xhtml", "/admin/client-reports.xhtml", "/admin/audit.xhtml",
                        "/admin/accounts.xhtml", "/admin/canonical.xhtml", "/admin/retention.xhtml", "/admin/mcp-logs.xhtml",
                        "/admin/files.xhtml", "/admin/memories.xhtml", "/admin/people.xhtml", "/admin/providers.xhtml",
                        "/admin/connection.xhtml")) {
                    browser.open(page);
                    cold.put(page, browser.loadMillis());
                    browser.open(page);
                    millis.put(page, browser.loadMillis());
                    if (page.equals("/admin/hosts.xhtml")) {
                        assertThat(browser.text()).contains("1-25 of " + HOSTS);
                        browser.screenshot("hosts-5000");
                    }
                }
                browser.open("/admin/hosts.xhtml?q=scale-4321");
                assertThat(browser.text()).contains("scale-4321.fleet.test").contains("1-1 of 1");
                browser.openDashboard();
                assertThat(browser.textOf("dashboard:hostsCard")).contains(String.valueOf(HOSTS));
                browser.screenshot("dashboard-5000");
                millis.forEach((page, ms) -> System.out.printf("console with %d hosts: %-40s first %6d ms, again %6d ms%n", HOSTS,
                        page, cold.get(page), ms));
                assertThat(cold.values()).allSatisfy(ms -> assertThat(ms).as("a page with %d hosts", HOSTS).isLessThan(20_000));
            }
        }
    }

    /** Provisioned hosts (refreshed, with a digest and API calls), a quarter of them insecure, seen over the last days. */
    private static void insertHosts(TestDatabase database) throws Exception {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "+00:00");
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hosts (fqdn, api_key, status, secure,"
                    + " last_refresh, auth_digest, ip, client_version, wrapper_version, api_calls, created_at, updated_at)"
                    + " VALUES (?, SHA2(?, 256), 'active', ?, ?, SHA2(?, 256), ?, '0.63.0', '2026.1.0', ?, ?, ?)")) {
                for (int i = 1; i <= HOSTS; i++) {
                    insert.setString(1, "scale-" + i + ".fleet.test");
                    insert.setString(2, "key-" + i);
                    insert.setBoolean(3, i % 4 != 0);
                    insert.setString(4, now);
                    insert.setString(5, "digest-" + i);
                    insert.setString(6, "10.1." + i / 250 + "." + i % 250);
                    insert.setLong(7, i);
                    insert.setString(8, now);
                    insert.setString(9, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO host_activity (host_id, first_seen_at, last_seen_at)"
                        + " SELECT id, UTC_TIMESTAMP(3) - INTERVAL 5 DAY, UTC_TIMESTAMP(3) - INTERVAL (id MOD 4000) MINUTE FROM hosts");
            }
            connection.commit();
        }
    }
}
