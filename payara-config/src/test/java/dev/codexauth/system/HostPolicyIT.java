package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The host policy every key-authenticated route applies (host-api.md §5.3, §5.13): IP binding on first contact,
 * roaming, forced re-bind, the runner bypass, forwarded headers believed only from the trusted proxy, disabled and
 * suspended hosts, insecure windows, VIP quota mode and the kill switch.
 */
class HostPolicyIT {

    @Test
    void aHostDeletedWhileItsSyncRunsIsToldItsKeyIsGone() throws Exception {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        String sync = json("digest", AuthDecisionTableIT.sha256("a"), "last_refresh", "2025-11-19T09:27:43Z");
        assertThat(host(ip, "POST", "/auth", laptop.key(), sync).status()).as("bound to its address").isEqualTo(200);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        List<Future<HttpResult>> during = new ArrayList<>();
        // A new client version: the sync writes the host's row, and so waits for the deletion.
        Rows.whileHostIsBeingDeleted(laptop.id(), () -> during.add(caller.submit(() -> host(ip, "POST", "/auth", laptop.key(),
                json("digest", AuthDecisionTableIT.sha256("a"), "last_refresh", "2025-11-19T09:27:43Z", "client_version", "0.64.0",
                        "wrapper_version", "2026.11.23-01")))));
        try {
            HttpResult answer = during.get(0).get(60, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.body()).isEqualTo(401);
            assertThat(answer.json().getString("code")).isEqualTo("invalid_api_key");
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void theFirstCallerIpIsBoundAndAnotherIpIsRefused() {
        Fleet.HostKey laptop = Fleet.newHost();
        String home = Fleet.freshIp();
        String elsewhere = Fleet.freshIp();

        assertThat(users(laptop, home).status()).isEqualTo(200);
        HttpResult refused = users(laptop, elsewhere);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().getString("message")).isEqualTo("API key not allowed from this IP");
        assertThat(refused.json().getJsonObject("details").getString("expected_ip")).isEqualTo(home);
        assertThat(refused.json().getJsonObject("details").getString("received_ip")).isEqualTo(elsewhere);
        assertThat(admin("GET", "/admin/api/hosts/" + laptop.id(), null).data().getString("ip")).isEqualTo(home);
    }

    @Test
    void ipv6SpellingsOfOneAddressAreOneCaller() {
        Fleet.HostKey laptop = Fleet.newHost();
        assertThat(users(laptop, "2001:db8::7").status()).isEqualTo(200);

        assertThat(users(laptop, "2001:0db8:0:0::0007").status()).isEqualTo(200);
    }

    @Test
    void aRoamingHostIsRebound() {
        Fleet.HostKey laptop = Fleet.newHost();
        users(laptop, Fleet.freshIp());
        admin("POST", "/admin/api/hosts/" + laptop.id() + "/roaming", json("allow", true));
        String cafe = Fleet.freshIp();

        assertThat(users(laptop, cafe).status()).isEqualTo(200);
        assertThat(admin("GET", "/admin/api/hosts/" + laptop.id(), null).data().getString("ip")).isEqualTo(cafe);
    }

    @Test
    void deregisteringWithForceRebindsThenDeletes() {
        Fleet.HostKey laptop = Fleet.newHost();
        users(laptop, Fleet.freshIp());
        String newIp = Fleet.freshIp();

        assertThat(host(newIp, "DELETE", "/auth", laptop.key(), null).status()).as("without force").isEqualTo(403);
        HttpResult deleted = host(newIp, "DELETE", "/auth?force", laptop.key(), null);

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.data().getString("deleted")).isEqualTo(laptop.fqdn());
        assertThat(users(laptop, newIp).status()).as("the key is gone with the host").isEqualTo(401);
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerIsIgnored() {
        Fleet.HostKey laptop = Fleet.newHost();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-API-Key", laptop.key());
        headers.put("X-Forwarded-For", "203.0.113.77");
        headers.put("X-Real-IP", "203.0.113.77");

        assertThat(Fleet.direct("POST", "/host/users", headers, json("username", "eve")).status()).isEqualTo(200);

        assertThat(admin("GET", "/admin/api/hosts/" + laptop.id(), null).data().getString("ip"))
                .as("bound to the real peer, not the header").isEqualTo("127.0.0.1");
        assertThat(users(laptop, "203.0.113.77").status()).as("the spoofed address is not the bound one").isEqualTo(403);
    }

    @Test
    void theRunnerBypassNeedsBothItsSubnetAndItsOwnCredential() {
        Fleet.HostKey laptop = Fleet.newHost();
        users(laptop, Fleet.freshIp());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Forwarded-For", "10.99.4.2");
        headers.put("X-API-Key", laptop.key());

        assertThat(RawHttp.send(Fleet.TRUSTED_PROXY, Fleet.server().port(), "POST", "/host/users", headers, "{}").status())
                .as("inside the subnet, no runner credential").isEqualTo(403);
        headers.put("X-Runner-Token", Fleet.RUNNER_TOKEN);
        assertThat(RawHttp.send(Fleet.TRUSTED_PROXY, Fleet.server().port(), "POST", "/host/users", headers, "{}").status())
                .isEqualTo(200);
        headers.put("X-Forwarded-For", "10.98.0.1");
        assertThat(RawHttp.send(Fleet.TRUSTED_PROXY, Fleet.server().port(), "POST", "/host/users", headers, "{}").status())
                .as("credential outside the subnet").isEqualTo(403);
    }

    @Test
    void missingUnknownAndSuspendedKeysAreRefused() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        assertThat(users(null, ip).json().getString("message")).isEqualTo("API key missing");
        assertThat(host(ip, "POST", "/host/users", "f".repeat(64), "{}").json().getString("message")).isEqualTo("Invalid API key");

        admin("POST", "/admin/api/hosts/" + laptop.id() + "/status", json("status", "suspended"));
        HttpResult suspended = users(laptop, ip);
        assertThat(suspended.status()).isEqualTo(403);
        assertThat(suspended.json().getString("message")).isEqualTo("Host is disabled");

        admin("POST", "/admin/api/hosts/" + laptop.id() + "/status", json("status", "active"));
        assertThat(users(laptop, ip).status()).isEqualTo(200);
    }

    @Test
    void aTemporaryHostWhoseExpiryPassedIsRefusedBeforeThePruningPassReachesIt() {
        Fleet.HostKey trial = Fleet.register(json("fqdn", "trial-" + System.nanoTime() + ".fleet.test", "temporary", true));
        String ip = Fleet.freshIp();
        assertThat(users(trial, ip).status()).isEqualTo(200);
        String lapsed = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'")
                .format(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5));
        Rows.update("UPDATE hosts SET expires_at = ? WHERE id = ?", lapsed, trial.id());

        HttpResult expired = users(trial, ip);

        assertThat(expired.status()).as(expired.body()).isEqualTo(403);
        assertThat(expired.json().getString("message")).isEqualTo("Host is disabled");
        assertThat(Rows.query("SELECT expires_at FROM hosts WHERE id = ?", trial.id()).get(0).get("expires_at"))
                .as("no new lease").isEqualTo(lapsed);
    }

    @Test
    void theStoredHashIsNotAKey() throws Exception {
        Fleet.HostKey laptop = Fleet.newHost();
        String hash = AuthDecisionTableIT.sha256(laptop.key());

        assertThat(host(Fleet.freshIp(), "POST", "/host/users", hash, "{}").status()).isEqualTo(401);
    }

    @Test
    void anInsecureHostNeedsAnOpenWindowWhichAuthSlides() {
        Fleet.HostKey kiosk = Fleet.register(json("fqdn", "kiosk-" + System.nanoTime() + ".fleet.test", "secure", false));
        String ip = Fleet.freshIp();
        HttpResult first = retrieve(kiosk, ip);
        assertThat(first.status()).as("provisioning window after registration").isEqualTo(200);
        assertThat(first.data().getJsonObject("host").getBoolean("secure")).isFalse();
        assertThat(first.data().getJsonObject("host").getString("insecure_enabled_until"))
                .as("RFC 3339 with its offset, unlike the original's zone-less DATETIME text")
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");

        admin("POST", "/admin/api/hosts/" + kiosk.id() + "/insecure/disable", null);
        HttpResult closed = retrieve(kiosk, ip);
        assertThat(closed.status()).isEqualTo(403);
        assertThat(closed.json().getString("message")).isEqualTo("Insecure host API access disabled");

        HttpResult opened = admin("POST", "/admin/api/hosts/" + kiosk.id() + "/insecure/enable", json("duration_minutes", 5));
        assertThat(opened.data().getJsonObject("host").getInt("insecure_window_minutes")).isEqualTo(5);
        assertThat(retrieve(kiosk, ip).status()).isEqualTo(200);
        assertThat(admin("POST", "/admin/api/hosts/" + kiosk.id() + "/insecure/enable", json("duration_minutes", 0)).status())
                .isEqualTo(422);
    }

    @Test
    void aVipHostIsWarnOnlyWhateverTheFleetSays() {
        Fleet.HostKey boss = Fleet.register(json("fqdn", "vip-" + System.nanoTime() + ".fleet.test", "vip", true));

        HttpResult answer = retrieve(boss, Fleet.freshIp());

        assertThat(answer.data().getBoolean("quota_hard_fail")).isFalse();
        assertThat(answer.data().getJsonObject("versions").getBoolean("quota_hard_fail")).isTrue();
        assertThat(answer.data().getJsonObject("host").getBoolean("vip")).isTrue();
    }

    @Test
    void theKillSwitchStopsEveryHostRouteButNotTheAdminApi() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        try {
            assertThat(admin("POST", "/admin/api/state", json("disabled", true, "reason", "incident 42")).status()).isEqualTo(200);
            for (String[] route : new String[][] {{"POST", "/auth"}, {"GET", "/versions"}, {"POST", "/host/users"},
                    {"GET", "/install/" + laptop.installerToken()}, {"GET", "/no/such/route"}}) {
                HttpResult answer = host(ip, route[0], route[1], laptop.key(), route[0].equals("GET") ? null : "{}");
                assertThat(answer.status()).as(route[1]).isEqualTo(503);
                assertThat(answer.json().getString("message")).isEqualTo("API disabled by administrator");
            }
            HttpResult state = admin("GET", "/admin/api/state", null);
            assertThat(state.data().getBoolean("disabled")).isTrue();
            assertThat(state.data().getString("reason")).isEqualTo("incident 42");
        } finally {
            admin("POST", "/admin/api/state", json("disabled", false));
        }
        assertThat(users(laptop, ip).status()).isEqualTo(200);
    }

    @Test
    void hostUsersAreRecordedOncePerNameAndListedByName() {
        Fleet.HostKey server = Fleet.newHost();
        String ip = Fleet.freshIp();
        host(ip, "POST", "/host/users", server.key(), json("username", "zoe", "hostname", "build-7"));
        host(ip, "POST", "/host/users", server.key(), json("username", "adam"));
        HttpResult answer = host(ip, "POST", "/host/users", server.key(), json("username", "zoe", "hostname", "build-7.internal"));

        assertThat(answer.data().getJsonArray("users")).hasSize(2);
        assertThat(answer.data().getJsonArray("users").getJsonObject(0).getString("username")).isEqualTo("adam");
        assertThat(answer.data().getJsonArray("users").getJsonObject(1).getString("hostname")).isEqualTo("build-7.internal");
    }

    private static HttpResult users(Fleet.HostKey key, String ip) {
        return host(ip, "POST", "/host/users", key == null ? null : key.key(), json("username", "ci"));
    }

    private static HttpResult retrieve(Fleet.HostKey key, String ip) {
        return host(ip, "POST", "/auth", key.key(), json("digest", AuthDecisionTableIT.sha256("local"),
                "last_refresh", "2025-11-19T09:27:43.373506211Z"));
    }
}
