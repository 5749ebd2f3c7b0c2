package dev.codexauth.system;

import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a bash host without a JSON parser relies on (docs/cdx-protocol.md): answers as lines, and {@code /auth}
 * reading the host's auth.json from base64 and handing back the exact bytes to write.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdxProtocolIT {

    private static final Map<String, String> LINES = Map.of("Accept", "text/plain");
    private static final Instant BASE = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private static Fleet.HostKey laptop;
    private static String ip;

    @BeforeAll
    static void noCanonical() {
        Fleet.forgetCanonical();
        RunnerStub.shared().answerOk();
        laptop = Fleet.newHost();
        ip = Fleet.freshIp();
    }

    @Test
    @Order(1)
    void errorsComeBackAsLinesWithTheirStatus() {
        HttpResult answer = host(ip, "POST", "/auth", null, "{}", LINES);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        assertThat(lines(answer)).containsEntry("status", "error").containsEntry("message", "API key missing");
    }

    @Test
    @Order(2)
    void aHostWithoutCanonicalSeedsItFromItsFile() {
        String file = file(at(10), "first");

        Map<String, String> missing = lines(auth("retrieve", file));
        assertThat(missing).containsEntry("data.status", "missing").containsEntry("data.local_auth", "valid")
                .containsEntry("data.local_last_refresh", at(10)).doesNotContainKey("data.auth_file_b64");

        Map<String, String> stored = lines(auth("store", file));
        assertThat(stored).containsEntry("data.status", "updated");
        assertThat(decode(stored.get("data.auth_file_b64"))).isEqualTo(file);
    }

    @Test
    @Order(3)
    void theSameFileIsValidAndKeptByteForByte() {
        String file = file(at(10), "first");

        Map<String, String> answer = lines(auth("retrieve", file));

        assertThat(answer).containsEntry("data.status", "valid").containsEntry("data.local_auth", "valid");
        assertThat(decode(answer.get("data.auth_file_b64"))).isEqualTo(file);
    }

    @Test
    @Order(4)
    void anAbsentOrMalformedFileIsReplacedByTheCanonical() {
        Map<String, String> absent = lines(auth("retrieve", ""));
        assertThat(absent).containsEntry("data.status", "outdated").containsEntry("data.local_auth", "absent")
                .doesNotContainKey("data.local_last_refresh");
        assertThat(decode(absent.get("data.auth_file_b64"))).isEqualTo(file(at(10), "first"));

        for (String broken : new String[] {"not json at all", "[1,2]", "{\"last_refresh\":\"" + at(20) + "\"}",
                "{\"last_refresh\":\"yesterday\",\"OPENAI_API_KEY\":\"sk-x\"}"}) {
            Map<String, String> malformed = lines(auth("retrieve", broken));
            assertThat(malformed).as(broken).containsEntry("data.status", "outdated").containsEntry("data.local_auth", "malformed");
            assertThat(decode(malformed.get("data.auth_file_b64"))).isEqualTo(file(at(10), "first"));
        }
    }

    @Test
    @Order(5)
    void aNewerFileIsAskedForAndBecomesCanonical() {
        String newer = file(at(30), "second");

        Map<String, String> asked = lines(auth("retrieve", newer));
        assertThat(asked).containsEntry("data.status", "upload_required").doesNotContainKey("data.auth_file_b64");

        Map<String, String> stored = lines(auth("store", newer));
        assertThat(stored).containsEntry("data.status", "updated");
        assertThat(decode(stored.get("data.auth_file_b64"))).isEqualTo(newer);

        Map<String, String> older = lines(auth("retrieve", file(at(10), "first")));
        assertThat(older).containsEntry("data.status", "outdated");
        assertThat(decode(older.get("data.auth_file_b64"))).isEqualTo(newer);
    }

    @Test
    @Order(6)
    void jsonClientsSeeNoneOfTheNewFields() {
        HttpResult answer = host(ip, "POST", "/auth", laptop.key(), json("command", "retrieve",
                "digest", AuthDecisionTableIT.sha256("x"), "last_refresh", at(0)));

        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.data().keySet()).doesNotContain("local_auth", "local_last_refresh", "auth_file_b64");
    }

    private static HttpResult auth(String command, String file) {
        String body = json("command", command, "local_auth_b64",
                Base64.getEncoder().encodeToString(file.getBytes(StandardCharsets.UTF_8)),
                "client_version", "0.169.0", "wrapper_version", "2026.11.23-01", "installation_id", Fleet.INSTALLATION_ID);
        HttpResult answer = host(ip, "POST", "/auth", laptop.key(), body, LINES);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    /** An auth.json as the host keeps it: canonical (sorted targets, default token type), 2-space indent, final newline. */
    private static String file(String lastRefresh, String seed) {
        return "{\n  \"OPENAI_API_KEY\": null,\n  \"auths\": {\n    \"api.openai.com\": {\n      \"token\": \"sk-proto-" + seed
                + "-4bQ9xW2Lm8Kp3Zr7Tt1Yy\",\n      \"token_type\": \"bearer\"\n    }\n  },\n  \"last_refresh\": \"" + lastRefresh + "\",\n  \"tokens\": {\n"
                + "    \"access_token\": \"at-" + seed + "-é\",\n    \"account_id\": \"acct-7\"\n  }\n}\n";
    }

    private static Map<String, String> lines(HttpResult answer) {
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("text/plain");
        Map<String, String> lines = new LinkedHashMap<>();
        for (String line : answer.body().split("\n")) {
            int eq = line.indexOf('=');
            lines.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return lines;
    }

    private static String decode(String base64) {
        assertThat(base64).isNotNull();
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String at(int seconds) {
        return BASE.plusSeconds(seconds).toString();
    }
}
