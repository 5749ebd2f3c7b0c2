package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet policies hosts obey (sync.md §7, §8; admin.md §2.2, §2.5): quiet mode, quota policy, Codex version pins
 * with host-over-fleet resolution, and the latest-release lookup that fails soft.
 */
class FleetPolicyIT {

    @AfterEach
    void defaults() {
        admin("POST", "/admin/api/cdx-silent", json("silent", false));
        admin("POST", "/admin/api/quota-mode", json("hard_fail", true, "limit_percent", 100, "week_partition", "off"));
        admin("POST", "/admin/api/codex-version", json("selection", "0.63.0"));
        UpstreamStub.shared().latestRelease("rust-v0.170.0");
    }

    @Test
    void quietModeReachesHostsOnTheirNextAuth() {
        Fleet.HostKey host = Fleet.newHost();
        String ip = Fleet.freshIp();
        assertThat(auth(host, ip).getBoolean("cdx_silent")).isFalse();

        assertThat(ok(admin("POST", "/admin/api/cdx-silent", json("silent", "on"))).getBoolean("silent")).isTrue();

        assertThat(auth(host, ip).getBoolean("cdx_silent")).isTrue();
        assertThat(auth(host, ip).getJsonObject("versions").getBoolean("cdx_silent")).isTrue();
        assertThat(admin("POST", "/admin/api/cdx-silent", "{}").status()).isEqualTo(422);
    }

    @Test
    void quotaPolicyIsValidatedKeptAndSentWithTheDailyAllowance() {
        JsonObject mode = ok(admin("POST", "/admin/api/quota-mode", json("hard_fail", false, "limit_percent", 90, "week_partition", 7)));
        assertThat(mode.getBoolean("hard_fail")).isFalse();
        assertThat(mode.getInt("daily_allowance_percent")).as("⌊(90 + 3) / 7⌋").isEqualTo(13);

        JsonObject kept = ok(admin("POST", "/admin/api/quota-mode", json("hard_fail", true)));
        assertThat(kept.getInt("limit_percent")).isEqualTo(90);
        assertThat(kept.getInt("week_partition")).isEqualTo(7);

        assertError(admin("POST", "/admin/api/quota-mode", json("hard_fail", true, "limit_percent", 40)), "limit_percent",
                "limit_percent must be between 50 and 100");
        assertError(admin("POST", "/admin/api/quota-mode", json("hard_fail", true, "week_partition", 6)), "week_partition",
                "week_partition must be one of: off, 7, 5");
        assertError(admin("POST", "/admin/api/quota-mode", json("limit_percent", 80)), "hard_fail", "hard_fail must be boolean");

        Fleet.HostKey vip = Fleet.register("{\"fqdn\":\"vip-quota.fleet.test\",\"vip\":true}");
        JsonObject data = auth(vip, Fleet.freshIp());
        assertThat(data.getBoolean("quota_hard_fail")).as("VIP hosts are warn-only").isFalse();
        assertThat(data.getJsonObject("versions").getBoolean("quota_hard_fail")).isTrue();
        assertThat(data.getInt("quota_limit_percent")).isEqualTo(90);
        assertThat(data.getInt("daily_allowance_percent")).isEqualTo(13);
    }

    @Test
    void aHostPinWinsOverTheFleetPinWhichWinsOverTheLatestRelease() {
        Fleet.HostKey pinned = Fleet.newHost();
        Fleet.HostKey follower = Fleet.newHost();
        String ip = Fleet.freshIp();
        String followerIp = Fleet.freshIp();

        ok(admin("POST", "/admin/api/codex-version", json("selection", "latest")));
        JsonObject latest = auth(follower, followerIp).getJsonObject("versions");
        assertThat(latest.getString("client_version")).isEqualTo("0.170.0");
        assertThat(latest.getString("client_version_source")).isEqualTo("cache");

        JsonObject fleetPin = ok(admin("POST", "/admin/api/codex-version", json("selection", "codex-cli v0.150.1")));
        assertThat(fleetPin.getString("locked_version")).isEqualTo("0.150.1");
        ok(admin("POST", "/admin/api/hosts/" + pinned.id() + "/codex-version", json("selection", "rust-v0.99.0")));

        JsonObject hostView = auth(pinned, ip).getJsonObject("versions");
        assertThat(hostView.getString("client_version")).as("a downgrade pin is honoured").isEqualTo("0.99.0");
        assertThat(hostView.getString("client_version_source")).isEqualTo("locked");
        JsonObject fleetView = auth(follower, followerIp).getJsonObject("versions");
        assertThat(fleetView.getString("client_version")).isEqualTo("0.150.1");
        assertThat(fleetView.getString("client_version_source")).isEqualTo("locked");

        ok(admin("POST", "/admin/api/hosts/" + pinned.id() + "/codex-version", json("selection", "fleet")));
        assertThat(auth(pinned, ip).getJsonObject("versions").getString("client_version")).isEqualTo("0.150.1");
        assertError(admin("POST", "/admin/api/codex-version", json("selection", "newest")), "selection",
                "selection must be a semantic version like 0.63.0");
    }

    @Test
    void anUnreachableReleaseSourceLeavesTheCachedVersionAsStale() {
        UpstreamStub.shared().latestRelease("rust-v0.171.2");
        JsonObject fresh = ok(admin("POST", "/admin/api/versions/check", null)).getJsonObject("available_client");
        assertThat(fresh.getString("version")).isEqualTo("0.171.2");
        assertThat(fresh.getString("source")).isEqualTo("github");

        UpstreamStub.shared().releaseLookupFails(503);
        JsonObject stale = ok(admin("POST", "/admin/api/versions/check", null)).getJsonObject("available_client");

        assertThat(stale.getString("version")).isEqualTo("0.171.2");
        assertThat(stale.getString("source")).isEqualTo("cache_stale");
    }

    private static JsonObject auth(Fleet.HostKey key, String ip) {
        return ok(host(ip, "POST", "/auth", key.key(), json("command", "retrieve", "digest", AuthDecisionTableIT.sha256("policy"),
                "last_refresh", "2025-01-01T00:00:00Z")));
    }

    private static JsonObject ok(HttpResult result) {
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result.data();
    }

    private static void assertError(HttpResult result, String field, String message) {
        assertThat(result.status()).as(result.body()).isEqualTo(422);
        assertThat(result.json().getJsonObject("errors").getJsonArray(field).getString(0)).isEqualTo(message);
    }
}
