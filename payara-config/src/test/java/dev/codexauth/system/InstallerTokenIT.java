package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Single-use installer tokens (host-api.md §4.12, §5.6): one redemption however many race for it, HEAD never uses
 * one up, refusals are scripts, and the script carries the host's own values and the /wrapper/download contract.
 */
class InstallerTokenIT {

    @Test
    void twoHundredConcurrentRedemptionsYieldExactlyOneScript() throws Exception {
        Fleet.HostKey laptop = Fleet.newHost();
        int racers = 200;
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResult>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String ip = Fleet.freshIp();
            results.add(pool.submit(() -> {
                start.await();
                return host(ip, "GET", "/install/" + laptop.installerToken(), null, null);
            }));
        }
        start.countDown();
        int scripts = 0;
        int alreadyUsed = 0;
        for (Future<HttpResult> result : results) {
            HttpResult answer = result.get(120, TimeUnit.SECONDS);
            if (answer.status() == 200) {
                scripts++;
            } else if (answer.status() == 410 && answer.body().contains("Installer already used")) {
                alreadyUsed++;
            }
        }
        pool.shutdown();

        assertThat(scripts).isEqualTo(1);
        assertThat(alreadyUsed).isEqualTo(racers - 1);
    }

    @Test
    void theScriptInstallsTheBakedWrapperWithTheHostsValues() throws Exception {
        Fleet.HostKey laptop = Fleet.register(json("fqdn", "ipv4-" + System.nanoTime() + ".fleet.test", "force_ipv4", true));

        HttpResult head = host(Fleet.freshIp(), "HEAD", "/install/" + laptop.installerToken(), null, null);
        HttpResult script = host(Fleet.freshIp(), "GET", "/install/" + laptop.installerToken().toUpperCase(), null, null);

        assertThat(head.status()).as("HEAD checks without using the token").isEqualTo(200);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("content-type")).startsWith("text/x-shellscript");
        assertThat(script.header("cache-control")).isEqualTo("no-store, must-revalidate");
        assertThat(script.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(script.header("x-installer-expires-at")).isNotBlank();
        assertThat(script.body()).contains("API_KEY='" + laptop.key() + "'")
                .contains("FQDN='" + laptop.fqdn() + "'")
                .contains("BASE_URL='http://127.0.0.1:" + Fleet.server().port() + "'")
                .contains("FORCE_IPV4='1'")
                .contains("$BASE_URL/wrapper/download")
                .contains("X-SHA256");
        Path file = Files.createTempFile("install", ".sh");
        Files.writeString(file, script.body(), StandardCharsets.UTF_8);
        Process syntax = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
        assertThat(syntax.waitFor()).as(new String(syntax.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void refusalsAreScriptsWithTheOriginalsMessages() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        assertThat(host(ip, "GET", "/install/" + laptop.installerToken(), null, null).status()).isEqualTo(200);

        HttpResult used = host(ip, "GET", "/install/" + laptop.installerToken(), null, null);
        HttpResult unknown = host(ip, "GET", "/install/00000000-0000-4000-8000-000000000000", null, null);
        Fleet.HostKey late = Fleet.newHost();
        Fleet.sql("UPDATE install_tokens SET expires_at = '2020-01-01T00:00:00+00:00' WHERE host_id = " + late.id());
        HttpResult expired = host(ip, "GET", "/install/" + late.installerToken(), null, null);
        HttpResult malformed = host(ip, "GET", "/install/not-a-token", null, null);

        assertThat(used.status()).isEqualTo(410);
        assertThat(used.body()).isEqualTo("echo \"Installer already used\" >&2\nexit 1\n");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("Installer not found");
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("Installer expired");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.json().getString("message")).isEqualTo("Route not found");
    }

    @Test
    void aUsedLinkStillAnswers410AfterTheNextRegistrationsAndTheHostsNewInstaller() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        assertThat(host(ip, "GET", "/install/" + laptop.installerToken(), null, null).status()).isEqualTo(200);
        Fleet.newHost();
        admin("POST", "/admin/api/hosts/" + laptop.id() + "/installer", json("rotate_key", false));

        HttpResult again = host(ip, "GET", "/install/" + laptop.installerToken(), null, null);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).isEqualTo("echo \"Installer already used\" >&2\nexit 1\n");
    }

    @Test
    void onlyAWrapperOlderThanKeyFilesIsAnnouncedTheCopyWithItsKey() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();

        HttpResult older = host(ip, "POST", "/auth", laptop.key(), json("command", "retrieve", "local_auth_b64", "",
                "wrapper_version", "2026.11.23-01"));
        String olderUrl = older.data().getJsonObject("versions").getString("wrapper_url");
        HttpResult keyed = host(ip, "GET", olderUrl, laptop.key(), null);
        HttpResult current = host(ip, "POST", "/auth", laptop.key(), json("command", "retrieve", "local_auth_b64", "",
                "wrapper_version", "2026.12.03-01"));
        HttpResult keyless = host(ip, "GET", current.data().getJsonObject("versions").getString("wrapper_url"), laptop.key(), null);

        assertThat(olderUrl).isEqualTo("/wrapper/download?key=baked");
        assertThat(keyed.body()).contains("BAKED_API_KEY=\"" + laptop.key() + "\"");
        assertThat(keyed.header("x-sha256")).isEqualTo(older.data().getJsonObject("versions").getString("wrapper_sha256"));
        assertThat(keyed.header("cache-control")).as("a shared cache must not keep a host's key").isEqualTo("no-store");
        assertThat(older.header("cache-control")).as("an /auth answer carries the fleet's credential").isEqualTo("no-store");
        assertThat(keyless.body()).contains("BAKED_API_KEY=\"\"").doesNotContain(laptop.key());
        assertThat(keyless.header("x-sha256")).isEqualTo(current.data().getJsonObject("versions").getString("wrapper_sha256"));
    }

    @Test
    void aNewInstallerKeepsTheKeyUnlessRotationIsAsked() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        HttpResult fresh = admin("POST", "/admin/api/hosts/" + laptop.id() + "/installer", json("rotate_key", false));
        assertThat(fresh.data().containsKey("api_key")).isFalse();
        HttpResult replaced = host(ip, "GET", "/install/" + laptop.installerToken(), null, null);
        assertThat(replaced.status()).as("the older installer is retired, and says so").isEqualTo(410);
        assertThat(replaced.body()).contains("Installer expired");
        assertThat(host(ip, "POST", "/host/users", laptop.key(), "{}").status()).isEqualTo(200);

        HttpResult rotated = admin("POST", "/admin/api/hosts/" + laptop.id() + "/installer", json("rotate_key", true));
        assertThat(host(ip, "POST", "/host/users", laptop.key(), "{}").status()).as("old key dead").isEqualTo(401);
        assertThat(host(ip, "POST", "/host/users", rotated.data().getString("api_key"), "{}").status()).isEqualTo(200);
    }

    @Test
    void theSeedCommandUploadsOnceAndItsScriptDoesNotUseTheTokenUp() {
        HttpResult issued = admin("POST", "/admin/api/auth/seed-command", null);
        String command = issued.data().getString("command");
        String token = command.replaceAll(".*/seed/auth/([0-9a-f-]{36}).*", "$1");
        String ip = Fleet.freshIp();

        HttpResult script = host(ip, "GET", "/seed/auth/" + token, null, null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("/seed/auth/" + token).contains("--data-binary");
        assertThat(host(ip, "GET", "/seed/auth/" + token, null, null).status()).as("still usable").isEqualTo(200);

        HttpResult scalar = host(ip, "POST", "/seed/auth/" + token, null, "42");
        assertThat(scalar.status()).isEqualTo(422);
        assertThat(scalar.json().getString("message")).isEqualTo("auth.json payload must be valid JSON");
        HttpResult again = host(ip, "POST", "/seed/auth/" + token, null, "{}");
        assertThat(again.status()).as("the rejected upload used the token").isEqualTo(410);
        assertThat(again.json().getString("message")).isEqualTo("Seed token already used");
    }
}
