package dev.codexauth.system;

import static dev.codexauth.system.Fleet.host;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The two per-IP buckets (host-api.md §5.4) as configured for the system tests: auth failures 20 per 600 s with a
 * 3 s block, and 40 requests per 4 s globally. Both answer 429 with Retry-After and release on their own.
 */
class RateLimitIT {

    @Test
    void theTwentyFirstFailureIsBlockedAndTheBlockEnds() throws Exception {
        Fleet.HostKey laptop = Fleet.newHost();
        String attacker = Fleet.freshIp();
        for (int i = 1; i <= 20; i++) {
            assertThat(host(attacker, "POST", "/host/users", "e".repeat(64), "{}").status()).as("failure " + i).isEqualTo(401);
        }

        HttpResult blocked = host(attacker, "POST", "/host/users", "e".repeat(64), "{}");

        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.json().getString("message")).isEqualTo("Too many failed authentication attempts");
        assertThat(blocked.json().getJsonObject("details").getString("bucket")).isEqualTo("auth-fail");
        assertThat(Integer.parseInt(blocked.header("retry-after"))).isBetween(1, 3);
        assertThat(host(attacker, "POST", "/host/users", laptop.key(), "{}").status())
                .as("a correct key from a blocked IP still works").isEqualTo(200);
        assertThat(host(Fleet.freshIp(), "POST", "/host/users", "e".repeat(64), "{}").status()).as("other IPs unaffected").isEqualTo(401);

        Thread.sleep(3500);
        assertThat(host(attacker, "POST", "/host/users", "e".repeat(64), "{}").status()).as("released").isEqualTo(401);
    }

    @Test
    void theGlobalBucketAnswers429WithTheOriginalsDataAndReleases() throws Exception {
        String busy = Fleet.freshIp();
        HttpResult last = null;
        int allowed = 0;
        for (int i = 0; i < 41; i++) {
            last = host(busy, "GET", "/versions", null, null);
            if (last.status() == 200) {
                allowed++;
            }
        }

        assertThat(allowed).isEqualTo(40);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().getString("message")).isEqualTo("Rate limit exceeded");
        assertThat(last.json().getJsonObject("data").getString("bucket")).isEqualTo("global");
        assertThat(last.json().getJsonObject("data").getInt("limit")).isEqualTo(40);
        assertThat(last.header("retry-after")).isNotBlank();

        Thread.sleep(Long.parseLong(last.header("retry-after")) * 1000 + 500);
        assertThat(host(busy, "GET", "/versions", null, null).status()).isEqualTo(200);
    }
}
