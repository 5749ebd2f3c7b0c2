package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every row of the {@code POST /auth} decision tables (host-api.md §5.10, §5.11) against the running server, in
 * order: the canonical auth is fleet-wide state, so each step builds on the one before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthDecisionTableIT {

    private static final Instant BASE = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private static Fleet.HostKey laptop;
    private static String ip;
    private static String canonicalDigest;
    private static String canonicalLastRefresh;

    @BeforeAll
    static void freshCanonical() {
        Fleet.forgetCanonical();
        RunnerStub.shared().answerOk();
        laptop = Fleet.newHost();
        ip = Fleet.freshIp();
    }

    @Test
    @Order(1)
    void noCanonicalMeansMissingAndAskToStore() {
        HttpResult answer = retrieve(sha256("whatever"), at(0));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonObject data = answer.data();
        assertThat(data.getString("status")).isEqualTo("missing");
        assertThat(data.getString("action")).isEqualTo("store");
        assertThat(data.isNull("canonical_digest")).isTrue();
        assertThat(data.isNull("canonical_last_refresh")).isTrue();
        assertThat(data.getJsonObject("host").getString("fqdn")).isEqualTo(laptop.fqdn());
        assertThat(data.getJsonNumber("api_calls").longValue()).isEqualTo(1);
        assertThat(data.getJsonObject("versions").getString("installation_id")).isEqualTo(Fleet.INSTALLATION_ID);
        assertThat(data.containsKey("auth")).isFalse();
    }

    @Test
    @Order(2)
    void firstStoreBecomesCanonicalWithTheDigestHostsCompute() throws Exception {
        JsonObject upload = Json.createObjectBuilder()
                .add("OPENAI_API_KEY", JsonObject.NULL)
                .add("tokens", Json.createObjectBuilder().add("access_token", token("first")).add("account_id", "acct-42"))
                .add("last_refresh", at(10))
                .add("auths", Json.createObjectBuilder().add("zeta.example", Json.createObjectBuilder()
                                .add("token", "  " + token("zeta") + "  ").add("type", "bearer").add("org", "org-1")
                                .add("limits", Json.createObjectBuilder().add("rpm", 60)))
                        .add("api.openai.com", Json.createObjectBuilder().add("token", token("openai")).add("base_url", "https://api.openai.com/v1")))
                .build();

        HttpResult answer = store(upload);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonObject data = answer.data();
        assertThat(data.getString("status")).isEqualTo("updated");
        assertThat(data.getBoolean("runner_applied")).isFalse();
        assertThat(data.getJsonObject("validation").getString("status")).isEqualTo("ok");
        JsonObject auth = data.getJsonObject("auth");
        assertThat(List.copyOf(auth.keySet())).as("members keep their place").containsExactly("OPENAI_API_KEY", "tokens", "last_refresh", "auths");
        assertThat(List.copyOf(auth.getJsonObject("auths").keySet())).containsExactly("api.openai.com", "zeta.example");
        JsonObject zeta = auth.getJsonObject("auths").getJsonObject("zeta.example");
        assertThat(List.copyOf(zeta.keySet())).containsExactly("limits", "organization", "token", "token_type");
        assertThat(zeta.getString("token")).isEqualTo(token("zeta"));
        assertThat(auth.getJsonObject("auths").getJsonObject("api.openai.com").getString("api_base")).isEqualTo("https://api.openai.com/v1");
        canonicalDigest = data.getString("canonical_digest");
        canonicalLastRefresh = data.getString("canonical_last_refresh");
        assertThat(canonicalDigest).as("sha256 of Python's compact JSON of the stored document").isEqualTo(pythonDigest(auth));
        assertThat(canonicalLastRefresh).isEqualTo(at(10));
    }

    @Test
    @Order(3)
    void theCanonicalDigestIsValid() {
        JsonObject data = retrieve(canonicalDigest, canonicalLastRefresh).data();

        assertThat(data.getString("status")).isEqualTo("valid");
        assertThat(data.containsKey("action")).isFalse();
        assertThat(data.containsKey("auth")).isFalse();
        assertThat(data.getString("canonical_digest")).isEqualTo(canonicalDigest);
        assertThat(data.getJsonObject("host").getString("last_refresh")).isEqualTo(canonicalLastRefresh);
    }

    @Test
    @Order(4)
    void anotherDigestThatIsNewerOrAsNewMustBeUploaded() {
        for (String lastRefresh : List.of(at(20), canonicalLastRefresh)) {
            JsonObject data = retrieve(sha256("local " + lastRefresh), lastRefresh).data();
            assertThat(data.getString("status")).as(lastRefresh).isEqualTo("upload_required");
            assertThat(data.getString("action")).isEqualTo("store");
            assertThat(data.containsKey("auth")).isFalse();
        }
    }

    @Test
    @Order(5)
    void anOlderDifferentCopyIsOutdatedAndGetsTheCanonicalDocument() {
        JsonObject data = retrieve(sha256("stale"), at(5)).data();

        assertThat(data.getString("status")).isEqualTo("outdated");
        assertThat(pythonDigest(data.getJsonObject("auth"))).isEqualTo(canonicalDigest);
    }

    @Test
    @Order(6)
    void storingTheSameDocumentChangesNothing() throws Exception {
        JsonObject canonical = retrieve(sha256("stale"), at(5)).data().getJsonObject("auth");

        JsonObject data = store(canonical).data();

        assertThat(data.getString("status")).isEqualTo("unchanged");
        assertThat(data.getString("canonical_digest")).isEqualTo(canonicalDigest);
        assertThat(data.containsKey("auth")).isFalse();
        assertThat(count("SELECT COUNT(*) FROM auth_payloads")).isEqualTo(1);
    }

    @Test
    @Order(7)
    void anOlderUploadIsOutdatedAndTheCanonicalWins() {
        JsonObject data = store(document(at(1), "older")).data();

        assertThat(data.getString("status")).isEqualTo("outdated");
        assertThat(data.getString("canonical_digest")).isEqualTo(canonicalDigest);
        assertThat(pythonDigest(data.getJsonObject("auth"))).isEqualTo(canonicalDigest);
    }

    @Test
    @Order(8)
    void sameTimeOtherContentAndLaterUploadsBothUpdate() {
        JsonObject sameTime = store(document(canonicalLastRefresh, "same-time-other-token")).data();
        assertThat(sameTime.getString("status")).isEqualTo("updated");
        assertThat(sameTime.getString("canonical_digest")).isNotEqualTo(canonicalDigest);

        JsonObject later = store(document(at(30), "later")).data();
        assertThat(later.getString("status")).isEqualTo("updated");
        canonicalDigest = later.getString("canonical_digest");
        canonicalLastRefresh = later.getString("canonical_last_refresh");
        assertThat(canonicalLastRefresh).isEqualTo(at(30));
    }

    @Test
    @Order(9)
    void anUnreachableRequiredRunnerRefusesChangesButNotReads() {
        RunnerStub.shared().unreachable();
        try {
            HttpResult refused = store(document(at(40), "while-runner-down"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().getString("message")).isEqualTo("Auth runner unavailable");
            assertThat(retrieve(canonicalDigest, canonicalLastRefresh).data().getString("status")).isEqualTo("valid");
        } finally {
            RunnerStub.shared().answerOk();
        }
    }

    @Test
    @Order(10)
    void aFailingRunnerVerdictIsA422WithAReasonCodeNotTheRunnersText() {
        RunnerStub.shared().answer("{\"status\":\"fail\",\"reason\":\"401 from api.openai.com: stderr of codex\"}");
        try {
            HttpResult refused = store(document(at(41), "revoked"));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().getJsonObject("errors").getJsonArray("auth").getString(0))
                    .isEqualTo("runner validation failed: runner_rejected");
            assertThat(refused.body()).doesNotContain("stderr of codex");
            assertThat(admin("GET", "/admin/api/logs?action_prefix=auth.validate&limit=5", null).body())
                    .as("admins still read the runner's own words").contains("stderr of codex");
        } finally {
            RunnerStub.shared().answerOk();
        }
        assertThat(retrieve(canonicalDigest, canonicalLastRefresh).data().getString("status")).isEqualTo("valid");
    }

    @Test
    @Order(11)
    void aRefreshedDocumentFromTheRunnerIsStoredInstead() {
        JsonObject refreshed = document(at(50), "refreshed-by-runner");
        RunnerStub.shared().answer(Json.createObjectBuilder().add("status", "ok").add("updated_auth", refreshed).build().toString());
        try {
            JsonObject data = store(document(at(45), "uploaded")).data();
            assertThat(data.getString("status")).isEqualTo("updated");
            assertThat(data.getBoolean("runner_applied")).isTrue();
            assertThat(data.getString("canonical_last_refresh")).isEqualTo(at(50));
            assertThat(data.getJsonObject("auth").getJsonObject("auths").getJsonObject("api.openai.com").getString("token"))
                    .isEqualTo(token("refreshed-by-runner"));
            canonicalDigest = data.getString("canonical_digest");
            canonicalLastRefresh = data.getString("canonical_last_refresh");
        } finally {
            RunnerStub.shared().answerOk();
        }
        String sent = RunnerStub.shared().received().get(RunnerStub.shared().received().size() - 1);
        assertThat(sent).as("no host credentials go to the runner").doesNotContain(laptop.key()).doesNotContain("api_key");
    }

    @Test
    @Order(12)
    void badRequestsAre422WithTheFieldNamedAndChangeNothing() {
        long callsBefore = retrieve(canonicalDigest, canonicalLastRefresh).data().getJsonNumber("api_calls").longValue();
        assertError(body("command", "sync"), "command", "command must be \"retrieve\" or \"store\"");
        assertError(body("last_refresh", at(0)), "digest", "digest is required");
        assertError(body("digest", "abc", "last_refresh", at(0)), "digest", "digest must be a 64-character hex sha256 value");
        assertError(body("digest", sha256("x")), "last_refresh", "last_refresh is required");
        assertError(body("digest", sha256("x"), "last_refresh", "tomorrow"), "last_refresh", "must be an RFC3339 timestamp");
        assertError(body("digest", sha256("x"), "last_refresh", "1999-12-31T23:59:59Z"), "last_refresh", "timestamp is implausibly old");
        assertError(body("digest", sha256("x"), "last_refresh", Instant.now().plusSeconds(3600).toString()), "last_refresh",
                "timestamp is in the future");
        assertError(json("command", "store", "last_refresh", at(60)), "auth", "Auth payload is required");
        assertError(storeBody(auths("t", "has space inside token value")), "auth.auths.t.token", "token may not contain whitespace or newlines");
        assertError(storeBody(auths("t", "short")), "auth.auths.t.token", "token too short (min 24 characters)");
        assertError(storeBody(auths("t", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")), "auth.auths.t.token",
                "token is not high-entropy (single repeated character)");
        assertError(storeBody(auths("t", "abababababababababababab")), "auth.auths.t.token",
                "token entropy too low (too few unique characters)");
        assertError(storeBody(Json.createObjectBuilder().add("last_refresh", at(60)).add("auths",
                Json.createObjectBuilder().add("t", "not-an-object")).build()), "auth.auths.t", "entry must be an object");
        assertError(storeBody(Json.createObjectBuilder().add("last_refresh", at(60)).build()), "auth.auths",
                "auths must be an object of targets");
        assertThat(retrieve(canonicalDigest, canonicalLastRefresh).data().getJsonNumber("api_calls").longValue())
                .as("refused calls are not counted").isEqualTo(callsBefore + 1);
    }

    @Test
    @Order(12)
    void concurrentCallsOfOneHostAreEachCountedOnceAndStored() throws Exception {
        Fleet.HostKey busy = Fleet.newHost();
        String busyIp = Fleet.freshIp();
        String body = json("command", "retrieve", "digest", canonicalDigest, "last_refresh", canonicalLastRefresh);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<HttpResult>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            answers.add(pool.submit(() -> host(busyIp, "POST", "/auth", busy.key(), body)));
        }
        java.util.Set<Long> counts = new java.util.TreeSet<>();
        for (var answer : answers) {
            HttpResult result = answer.get(30, TimeUnit.SECONDS);
            assertThat(result.status()).as(result.body()).isEqualTo(200);
            counts.add(result.data().getJsonNumber("api_calls").longValue());
        }
        pool.shutdown();

        assertThat(counts).as("every caller is told its own count").hasSize(24).first().isEqualTo(1L);
        assertThat(counts).last().isEqualTo(24L);
        String stored = "SELECT api_calls FROM hosts WHERE id = " + busy.id();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count(stored) < 24 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count(stored)).isEqualTo(24);
    }

    @Test
    @Order(12)
    void aHostAlreadyInSyncIsCountedLoggedAndStillSubjectToPolicy() throws Exception {
        Fleet.HostKey steady = Fleet.newHost();
        String steadyIp = Fleet.freshIp();
        String body = json("command", "retrieve", "digest", canonicalDigest, "last_refresh", canonicalLastRefresh,
                "client_version", "codex-cli 0.63.0");
        for (long call = 1; call <= 3; call++) {
            HttpResult answer = host(steadyIp, "POST", "/auth", steady.key(), body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.data().getString("status")).isEqualTo("valid");
            assertThat(answer.data().getJsonNumber("api_calls").longValue()).isEqualTo(call);
            assertThat(answer.data().getJsonObject("host").getString("client_version")).isEqualTo("0.63.0");
        }
        String events = "SELECT COUNT(*) FROM logs WHERE action = 'auth.retrieve' AND host_id = " + steady.id();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count(events) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count(events)).as("one auth.retrieve event per call").isEqualTo(3);

        HttpResult upgraded = host(steadyIp, "POST", "/auth", steady.key(), json("command", "retrieve", "digest", canonicalDigest,
                "last_refresh", canonicalLastRefresh, "client_version", "codex-cli 0.64.0"));
        assertThat(upgraded.data().getJsonObject("host").getString("client_version")).isEqualTo("0.64.0");
        assertThat(host(Fleet.freshIp(), "POST", "/auth", steady.key(), body).status()).as("another IP").isEqualTo(403);

        Fleet.admin("POST", "/admin/api/hosts/" + steady.id() + "/status", json("status", "suspended"));
        HttpResult suspended = host(steadyIp, "POST", "/auth", steady.key(), body);
        assertThat(suspended.status()).isEqualTo(403);
        assertThat(suspended.json().getString("message")).isEqualTo("Host is disabled");
    }

    @Test
    @Order(13)
    void aWrongInstallationIdIsRefused() {
        HttpResult answer = host(ip, "POST", "/auth", laptop.key(), json("digest", canonicalDigest, "last_refresh", canonicalLastRefresh,
                "installation_id", "another-server"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().getString("message")).isEqualTo("Installation ID mismatch");
        assertThat(answer.json().getString("code")).isEqualTo("installation_mismatch");
    }

    @Test
    @Order(14)
    void tokensAreSealedAtRestAndNeverLogged() throws Exception {
        try (Connection connection = RunningServer.sharedDatabase().connect(); Statement statement = connection.createStatement()) {
            try (ResultSet bodies = statement.executeQuery("SELECT body FROM auth_payloads")) {
                while (bodies.next()) {
                    assertThat(bodies.getString(1)).startsWith("sbox:v2:legacy:").doesNotContain("token");
                }
            }
            try (ResultSet entries = statement.executeQuery("SELECT token FROM auth_entries")) {
                while (entries.next()) {
                    assertThat(entries.getString(1)).startsWith("sbox:v2:");
                }
            }
            try (ResultSet logs = statement.executeQuery("SELECT COALESCE(details, '') FROM logs")) {
                while (logs.next()) {
                    assertThat(logs.getString(1)).doesNotContain(token("")).doesNotContain(laptop.key());
                }
            }
        }
        assertThat(Fleet.server().log()).doesNotContain(token("")).doesNotContain(laptop.key());
    }

    private static void assertError(String body, String field, String message) {
        HttpResult answer = host(ip, "POST", "/auth", laptop.key(), body);
        assertThat(answer.status()).as(body + " -> " + answer.body()).isEqualTo(422);
        assertThat(answer.json().getString("message")).isEqualTo("Validation failed");
        assertThat(answer.json().getJsonObject("errors").getJsonArray(field).getString(0)).as(body).isEqualTo(message);
    }

    private static HttpResult retrieve(String digest, String lastRefresh) {
        return host(ip, "POST", "/auth", laptop.key(), json("command", "retrieve", "digest", digest, "last_refresh", lastRefresh,
                "client_version", "codex-cli 0.63.0", "wrapper_version", "2026.11.23-01"));
    }

    private static HttpResult store(JsonObject auth) {
        return host(ip, "POST", "/auth", laptop.key(), storeBody(auth));
    }

    private static String storeBody(JsonObject auth) {
        return Json.createObjectBuilder().add("command", "store").add("auth", auth).build().toString();
    }

    private static String body(Object... keysAndValues) {
        return json(keysAndValues);
    }

    private static JsonObject document(String lastRefresh, String tokenSeed) {
        return Json.createObjectBuilder().add("last_refresh", lastRefresh)
                .add("auths", Json.createObjectBuilder().add("api.openai.com", Json.createObjectBuilder().add("token", token(tokenSeed))))
                .build();
    }

    private static JsonObject auths(String target, String token) {
        return Json.createObjectBuilder().add("last_refresh", at(60))
                .add("auths", Json.createObjectBuilder().add(target, Json.createObjectBuilder().add("token", token))).build();
    }

    /** A realistic-looking token that contains the seed (so leaks can be searched for by the common prefix). */
    private static String token(String seed) {
        return "sk-systemtest-9fQz7Lx2" + seed;
    }

    private static String at(int seconds) {
        return BASE.plusSeconds(seconds).toString().replace("Z", ".123456789Z");
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = RunningServer.sharedDatabase().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the original cdx computes: sha256 of json.dumps(doc, separators=(",", ":"), ensure_ascii=False). */
    static String pythonDigest(JsonObject document) {
        try {
            Process python = new ProcessBuilder("python3", "-c", "import hashlib,json,sys; d=json.loads(sys.stdin.buffer.read());"
                    + " print(hashlib.sha256(json.dumps(d, separators=(',', ':'), ensure_ascii=False).encode()).hexdigest())").start();
            python.getOutputStream().write(document.toString().getBytes(StandardCharsets.UTF_8));
            python.getOutputStream().close();
            String digest = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            python.waitFor(30, TimeUnit.SECONDS);
            return digest;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
