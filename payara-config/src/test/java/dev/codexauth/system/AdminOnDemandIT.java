package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ADMIN_CONSOLE_START=on-demand}: the launcher serves hosts without ever deploying the admin application until
 * someone asks for {@code /admin}; that request gets the start-up gate's 503 (a page that reloads itself for a
 * browser, the JSON error for anything else), the deployment starts once however many requests arrive meanwhile, and
 * from then on the console answers as usual.
 */
class AdminOnDemandIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void theAdminApplicationDeploysOnceOnItsFirstRequest() throws Exception {
        Map<String, String> settings = RunningServer.sharedSettings();
        settings.put("ADMIN_CONSOLE_START", "on-demand");
        try (RunningServer server = RunningServer.startServingHosts("admin-on-demand", settings)) {
            assertThat(get(server, "/versions").statusCode()).isEqualTo(200);
            Thread.sleep(2000);
            assertThat(server.log()).contains("the admin application deploys on its first request")
                    .doesNotContain("deploying the admin application").doesNotContain("codex-auth-admin deployed");

            HttpResponse<String> page = open(server, "/admin/login.xhtml");
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.headers().firstValue("Retry-After")).contains("5");
            assertThat(page.body()).contains("<meta http-equiv=\"refresh\" content=\"5\">").contains("The console is starting");

            HttpResponse<String> first = get(server, "/admin/api/session");
            assertThat(first.statusCode()).isEqualTo(503);
            assertThat(first.body()).contains("\"code\":\"admin_starting\"");
            assertThat(first.headers().firstValue("Retry-After")).contains("5");
            HttpResponse<String> answered = first;
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (answered.statusCode() == 503 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                answered = get(server, "/admin/api/session");
            }

            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(401);
            assertThat(Pattern.compile("codex-auth-admin deployed at /admin").matcher(server.log()).results().count())
                    .as("deployments of the admin application").isEqualTo(1);
            assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> console = open(server, "/admin/login.xhtml");
            assertThat(console.statusCode()).isEqualTo(200);
            assertThat(console.body()).doesNotContain("The console is starting");
        }
    }

    /** As a browser navigating to a page asks for it. */
    private static HttpResponse<String> open(RunningServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).header("Accept", BROWSER_ACCEPT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(RunningServer server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
