package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's {@code sqlmap} against the routes that take text into SQL: admin sign-in, the host API's JSON bodies and
 * the admin API's search, filter and sort parameters. Boolean, error, UNION and time-based techniques; every marked
 * parameter must come out "not injectable". Reports are kept in {@code target/sqlmap}.
 */
class SqlInjectionIT {

    private static final Path REPORTS = Path.of("target", "sqlmap").toAbsolutePath();
    private static String base;
    private static String hostKey;

    @BeforeAll
    static void prepare() throws IOException {
        base = "http://127.0.0.1:" + UnlimitedServer.server().port();
        hostKey = UnlimitedServer.newHostKey("sqlmap.fleet.test");
        Files.createDirectories(REPORTS);
    }

    @Test
    void adminSignInIsNotInjectable() throws Exception {
        sqlmap("sign-in", 2, "-u", base + "/admin/api/session/login", "--data", "{\"username\":\"admin*\",\"password\":\"secret*\"}",
                "--headers", "Content-Type: application/json");
    }

    @Test
    void hostBodiesAreNotInjectable() throws Exception {
        String headers = "Content-Type: application/json\nX-API-Key: " + hostKey;
        sqlmap("host-auth", 1, "-u", base + "/auth", "--headers", headers, "--data",
                "{\"command\":\"retrieve\",\"digest\":\"" + "a".repeat(64) + "*\",\"last_refresh\":\"2025-11-19T09:27:43Z*\","
                        + "\"client_version\":\"0.63.0*\"}");
        sqlmap("host-users", 1, "-u", base + "/host/users", "--headers", headers, "--data", "{\"username\":\"ops*\",\"hostname\":\"box*\"}");
        sqlmap("host-prompt", 1, "-u", base + "/slash-commands/retrieve", "--headers", headers, "--data", "{\"filename\":\"review.md*\"}");
        sqlmap("host-key", 1, "-u", base + "/wrapper", "--headers", "X-API-Key: " + hostKey + "*");
    }

    @Test
    void adminFiltersAreNotInjectable() throws Exception {
        String headers = "Authorization: Bearer " + UnlimitedServer.adminToken();
        sqlmap("admin-hosts", 1, "-u", base + "/admin/api/hosts?q=a*&sort=host*&direction=asc*&tab=secure*", "--headers", headers);
        sqlmap("admin-logs", 1, "-u", base + "/admin/api/logs?q=a*&action_prefix=auth*&host_id=1*", "--headers", headers);
        sqlmap("admin-ingests", 1, "-u", base + "/admin/api/usage/ingests?q=a*&sort=created_at*&direction=desc*", "--headers", headers);
        sqlmap("admin-audit", 1, "-u", base + "/admin/api/audit?actor=a*&action=b*&target_type=c*", "--headers", headers);
    }

    private static void sqlmap(String name, int level, String... target) throws Exception {
        List<String> command = new ArrayList<>(List.of("sqlmap", "--batch", "--flush-session", "--level=" + level, "--risk=1",
                "--technique=BEUT", "--time-sec=1", "--dbms=MySQL", "--disable-coloring",
                "--ignore-code=400,401,403,404,405,409,413,415,422,429", "--output-dir=" + REPORTS));
        command.addAll(List.of(target));
        Path report = REPORTS.resolve(name + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(report.toFile()).start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("sqlmap %s finished", name).isTrue();
        String output = Files.readString(report);
        System.out.printf("sqlmap %s: %s%n", name, output.lines().filter(l -> l.contains("injectable")).reduce((a, b) -> b).orElse("?"));
        assertThat(output).as("sqlmap %s, report %s", name, report)
                .doesNotContain("identified the following injection point")
                .doesNotContainPattern("parameter '[^']*' (is vulnerable|appears to be '[^']*' injectable)")
                .contains("all tested parameters do not appear to be injectable");
    }
}
