package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One host policy on every host route (host-api.md §6.1): an insecure host whose window is closed gets nothing, not
 * its baked wrapper or config.toml (both hold its key), not a prompt, a skill or AGENTS.md, and may not report. It may
 * still deregister itself.
 */
class InsecureWindowRoutesIT {

    private record Route(String method, String path, String body) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("POST", "/auth", json("command", "retrieve", "digest", "0".repeat(64), "last_refresh", "2025-11-19T09:27:43Z")),
            new Route("POST", "/config/retrieve", "{}"),
            new Route("GET", "/wrapper", null),
            new Route("GET", "/wrapper/download", null),
            new Route("GET", "/slash-commands", null),
            new Route("POST", "/slash-commands/retrieve", json("filename", "review.md")),
            new Route("GET", "/skills", null),
            new Route("POST", "/skills/retrieve", json("slug", "release")),
            new Route("POST", "/agents/retrieve", "{}"),
            new Route("POST", "/usage", json("total", 3, "input", 2, "output", 1, "model", "gpt-5.1")),
            new Route("POST", "/host/users", json("username", "ops")),
            new Route("POST", "/mcp/memories/search", json("query", "")),
            new Route("POST", "/claude/retrieve", "{}"));

    @Test
    void aClosedWindowClosesEveryRouteButLeaving() {
        Fleet.HostKey kiosk = Fleet.register(json("fqdn", "closed-" + System.nanoTime() + ".fleet.test", "secure", false));
        String ip = Fleet.freshIp();
        for (Route route : ROUTES) {
            assertThat(host(ip, route.method(), route.path(), kiosk.key(), route.body()).status())
                    .as("open window: %s %s", route.method(), route.path()).isLessThan(400);
        }

        admin("POST", "/admin/api/hosts/" + kiosk.id() + "/insecure/disable", null);

        for (Route route : ROUTES) {
            HttpResult refused = host(ip, route.method(), route.path(), kiosk.key(), route.body());
            assertThat(refused.status()).as("%s %s: %s", route.method(), route.path(), refused.body()).isEqualTo(403);
            assertThat(refused.json().getString("message")).isEqualTo("Insecure host API access disabled");
        }
        assertThat(host(ip, "DELETE", "/auth", kiosk.key(), null).status()).isEqualTo(200);
    }

    @Test
    void aSecureHostIsNeverAskedForAWindow() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();

        for (Route route : ROUTES) {
            assertThat(host(ip, route.method(), route.path(), laptop.key(), route.body()).status())
                    .as("%s %s", route.method(), route.path()).isLessThan(400);
        }
    }
}
