package dev.codexauth.system;

import static dev.codexauth.system.People.call;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A person enrols a machine by signing in (issue 17): {@code curl -fsSL <base>/install/login | bash} with a sign-in
 * the person approved (handed over as XO_AUTH_SESSION_ID and XO_POLL_TOKEN, as a headless boot does), then
 * {@code cdx whoami} with the token it kept; then {@code cdx logout} and {@code cdx login} in the terminal. The real
 * installer runs; only the Codex download is skipped.
 */
class SignInEnrolmentIT {

    @Test
    void theLoginScriptEnrolsThisMachineInThePersonsWorkspace() throws Exception {
        String user = People.unique("user");
        String org = People.unique("org");
        People.activeToken(user, org);
        // Started elsewhere (as a CI system would), asking for what enrolling this machine needs.
        JsonObject started = call(null, "POST", "/xo-auth/start", "{\"client\":\"installer\",\"scopes\":[\"hosts:enroll\"]}").json();
        assertThat(call(People.session(user, org), "POST", "/xo-auth/approve",
                Fleet.json("auth_session_id", started.getString("auth_session_id"))).status()).isEqualTo(200);

        String base = "http://127.0.0.1:" + Fleet.server().port();
        HttpResult script = call(null, "GET", "/install/login", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/x-shellscript");
        assertThat(script.body()).contains("BASE_URL='" + base + "'");

        Path work = Files.createTempDirectory("signin-enrolment");
        Path home = Files.createDirectories(work.resolve("home"));
        String fqdn = People.unique("box").replace('_', '-') + ".people.test";
        Result enrolled = bash(home, work, "curl -fsSL '" + base + "/install/login' | bash", Map.of(
                "XO_AUTH_SESSION_ID", started.getString("auth_session_id"), "XO_POLL_TOKEN", started.getString("poll_token"),
                "CDX_FQDN", fqdn));
        assertThat(enrolled.exit()).as(enrolled.output()).isZero();
        assertThat(Fleet.scalar("SELECT COUNT(*) FROM workspace_hosts wh JOIN hosts h ON h.id = wh.host_id JOIN workspaces w ON w.id = "
                + "wh.workspace_id WHERE h.fqdn = '" + fqdn + "' AND w.slug = '" + org + "'")).isEqualTo(1L);
        Path key = home.resolve(".config/cdx/api-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(enrolled.output()).doesNotContain(started.getString("poll_token"));

        Result whoami = bash(home, work, "cdx whoami", Map.of());
        assertThat(whoami.exit()).as(whoami.output()).isZero();
        assertThat(whoami.output()).contains(user);
        assertThat(call(null, "POST", "/xo-auth/consume", Fleet.json("auth_session_id", started.getString("auth_session_id"),
                "poll_token", started.getString("poll_token"))).status()).isEqualTo(409);

        assertThat(bash(home, work, "cdx logout", Map.of()).exit()).isZero();
        assertThat(bash(home, work, "cdx whoami", Map.of()).exit()).as("signed out").isNotZero();
        signInAgainWithCdxLogin(home, work, user, org);
    }

    /**
     * {@code cdx login} as a person runs it in a terminal: it prints the sign-in address, the person approves it in the
     * browser (here: the call the sign-in page makes, with their Clerk session), and cdx polls, takes the token and
     * says who is signed in.
     */
    private static void signInAgainWithCdxLogin(Path home, Path work, String user, String org) throws Exception {
        ProcessBuilder builder = environment(new ProcessBuilder(List.of("bash", "-c", "cdx login --no-browser")), home, work, Map.of());
        Process login = builder.redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(login.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
        });
        reader.start();
        Pattern address = Pattern.compile("auth_session_id=([0-9A-Za-z_-]+)");
        String session = null;
        for (int i = 0; i < 120 && session == null; i++) {
            Thread.sleep(250);
            Matcher found;
            synchronized (output) {
                found = address.matcher(output.toString());
            }
            session = found.find() ? found.group(1) : null;
        }
        assertThat(session).as("cdx login printed the sign-in address: " + output).isNotNull();
        HttpResult approved = call(People.session(user, org), "POST", "/xo-auth/approve", Fleet.json("auth_session_id", session));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        assertThat(login.waitFor(2, TimeUnit.MINUTES)).as("cdx login ends after the approval: " + output).isTrue();
        reader.join(10_000);
        assertThat(login.exitValue()).as(output.toString()).isZero();
        assertThat(output.toString()).contains("Signed in as").contains(org);
        Result whoami = bash(home, work, "cdx whoami", Map.of());
        assertThat(whoami.exit()).as(whoami.output()).isZero();
        assertThat(whoami.output()).contains(user);
    }

    private record Result(int exit, String output) {
    }

    private static Result bash(Path home, Path work, String command, Map<String, String> extra) throws Exception {
        ProcessBuilder builder = environment(new ProcessBuilder(List.of("bash", "-c", command)), home, work, extra).redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }

    /** A machine of its own: this HOME, no system-wide cdx or Codex, no browser, no Codex download. */
    private static ProcessBuilder environment(ProcessBuilder builder, Path home, Path work, Map<String, String> extra) {
        builder.directory(work.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CODEX_") || name.startsWith("CDX_") || name.startsWith("XO_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("PATH", home.resolve(".local/bin") + ":" + System.getenv("PATH"));
        builder.environment().put("CDX_SYSTEM_BIN_DIR", work.resolve("no-system-bin").toString());
        builder.environment().put("CDX_CODEX_OPT_DIR", work.resolve("no-opt").toString());
        builder.environment().put("CODEX_INSTALL_SKIP_CODEX", "1");
        builder.environment().put("CDX_NO_BROWSER", "1");
        builder.environment().putAll(extra);
        return builder;
    }
}
