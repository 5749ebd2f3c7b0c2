package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every operation of the server's own OpenAPI document gets generated bad input, with and without valid credentials:
 * wrong types, missing and extra members, over-long and out-of-range values, deep nesting, invalid UTF-8, huge bodies,
 * odd content types, methods and path parameters. Whatever arrives, the answer is no 5xx but the product's documented
 * 503s, errors are the JSON error shape, and the server log grows by a few lines per request without a stack trace.
 * Runs on a server and database of its own ({@link UnlimitedServer}), since the admin operations it fuzzes change the
 * fleet.
 */
class ApiFuzzIT {

    private static final int TRIES = 2500;
    /** The routes of seed 002's clients, which answer {"detail"} instead of this server's error body. */
    private static final List<String> SEED_002_ROUTES = List.of("/xo-auth/", "/claude/setup-token", "/codex/setup", "/debug/ai-auth");
    private static final Set<String> DOCUMENTED_503 = Set.of("api_disabled", "public_base_url_missing", "runner_required",
            "runner_unavailable", "runner_not_configured", "canonical_unavailable", "identity_not_configured", "stripe_not_configured");

    private static RunningServer server;
    private static List<FuzzOperations.Operation> operations;
    private static long logOffset;
    private static final AtomicLong requests = new AtomicLong();
    private static final AtomicLong logLines = new AtomicLong();
    private static final Map<String, Integer> statuses = new TreeMap<>();

    /** One generated request. */
    record Case(FuzzOperations.Operation operation, String method, String credential, String path, byte[] body, String contentType) {
    }

    @BeforeContainer
    static void readTheDocument() throws Exception {
        server = UnlimitedServer.server();
        String document = StandaloneAdmin.send(server, "GET", "/openapi", Map.of("Accept", "application/json"), null).body();
        operations = FuzzOperations.read(document);
        logOffset = server.logLength();
        try (Connection connection = UnlimitedServer.database().connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE fuzz_admin_backup AS SELECT * FROM admin_users WHERE username = 'admin'");
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("API fuzz: %d operations, %d requests, statuses %s, %.2f log lines per request%n", operations.size(),
                requests.get(), statuses, (double) logLines.get() / Math.max(1, requests.get()));
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void noInputMakesTheServerFail(@ForAll("cases") Case fuzz) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (fuzz.contentType() != null) {
            headers.put("Content-Type", fuzz.contentType());
        }
        credential(fuzz, headers);
        HttpResult answer = RawHttp.sendBytes("127.0.0.1", server.port(), fuzz.method(), fuzz.path(), headers, fuzz.body());
        requests.incrementAndGet();
        synchronized (statuses) {
            statuses.merge(String.valueOf(answer.status()), 1, Integer::sum);
        }
        String label = fuzz.method() + " " + fuzz.path() + " (" + fuzz.operation().label() + ", " + fuzz.credential() + ", "
                + fuzz.contentType() + ", " + (fuzz.body() == null ? 0 : fuzz.body().length) + " bytes): " + answer;

        boolean jsonRpc = fuzz.path().split("\\?", 2)[0].replaceAll("/+$", "").equals("/mcp");
        if (answer.status() == 502) {
            assertThat(answer.json().getString("code")).as(label + ": only a provider's failed sign-in is a 502").isEqualTo("upstream_failed");
        } else if (answer.status() >= 500) {
            assertThat(answer.status()).as(label).isEqualTo(503);
            assertThat(DOCUMENTED_503).as(label).contains("HEAD".equals(fuzz.method()) ? "api_disabled"
                    : jsonRpc ? answer.json().getJsonObject("error").getJsonObject("data").getString("code") : answer.json().getString("code"));
        }
        if (jsonRpc && answer.status() >= 400 && !"HEAD".equals(fuzz.method())) {
            // MCP's transport answers its refusals as JSON-RPC errors with id null (docs/mcp.md).
            assertThat(answer.header("content-type")).as(label).startsWith("application/json");
            assertThat(answer.json().getString("jsonrpc")).as(label).isEqualTo("2.0");
            assertThat(answer.json().getJsonObject("error").getString("message")).as(label).isNotBlank();
        } else if (answer.status() == 400 && answer.body().isEmpty() && !"HEAD".equals(fuzz.method())) {
            assertThat(refusedByTheWebContainer(fuzz.path())).as(label + ": an empty 400 only for the container's Invalid URI").isTrue();
        } else if (answer.status() >= 400 && !isScript(answer) && !"HEAD".equals(fuzz.method())) {
            assertThat(answer.header("content-type")).as(label).startsWith("application/json");
            JsonObject error = answer.json();
            assertThat(error.getString("code")).as(label).isNotBlank();
            if (error.containsKey("detail")) {
                assertThat(SEED_002_ROUTES.stream().anyMatch(fuzz.path()::startsWith)).as(label + ": only seed 002's routes answer {detail}").isTrue();
                assertThat(error.getString("detail")).as(label).isNotBlank();
            } else {
                assertThat(error.getString("status")).as(label).isEqualTo("error");
                assertThat(error.getString("message")).as(label).isNotBlank();
            }
        }
        String added = server.logSince(logOffset);
        logOffset += added.getBytes(StandardCharsets.UTF_8).length;
        logLines.addAndGet(added.lines().count());
        assertThat(added).as("log after " + label).doesNotContain("\tat ").doesNotContain("Caused by:");
        assertThat(logLines.get()).as("log lines after %d requests", requests.get()).isLessThanOrEqualTo(4 * requests.get() + 200);
        repair(fuzz);
    }

    /**
     * A path whose decoded form holds NUL or a backslash, or climbs with {@code ..}: Payara's web container answers
     * 400 "Invalid URI" before any filter of ours runs, without a body (docs/security.md).
     */
    private static boolean refusedByTheWebContainer(String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        String decoded;
        try {
            decoded = java.net.URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return true;
        }
        return decoded.contains("\0") || decoded.contains("\\") || decoded.contains("/../") || decoded.endsWith("/..")
                || decoded.contains("/./") || decoded.endsWith("/.");
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(operations).flatMap(operation -> Combinators.combine(
                method(operation),
                Arbitraries.of("valid", "valid", "valid", "none", "wrong"),
                path(operation),
                FuzzBodies.forSchema(operation.body()).injectNull(0.1),
                Arbitraries.of("application/json", "application/json", "application/json; charset=utf-8", null,
                        "application/x-www-form-urlencoded", "text/xml", "application/json; charset=latin1", "multipart/form-data",
                        ";;/;", "application/json, text/plain"))
                .as((method, credential, path, body, type) -> new Case(operation, method, credential, path, body, type)));
    }

    /** Mostly the declared method, sometimes one the path does not take. */
    private static Arbitrary<String> method(FuzzOperations.Operation operation) {
        List<String> others = FuzzOperations.undeclaredMethods(operations, operation.path());
        return others.isEmpty() ? Arbitraries.just(operation.method())
                : Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(operation.method())), Tuple.of(1, Arbitraries.of(others)));
    }

    private Arbitrary<String> path(FuzzOperations.Operation operation) {
        Arbitrary<String> filled = Arbitraries.just(operation.path());
        for (var parameter : operation.pathParameters()) {
            String placeholder = "\\{" + java.util.regex.Pattern.quote(parameter.getName()) + "(:[^}]*)?}";
            filled = filled.flatMap(path -> pathValue().map(value -> path.replaceFirst(placeholder,
                    java.util.regex.Matcher.quoteReplacement(value))));
        }
        Arbitrary<String> query = operation.queryParameters().isEmpty() ? Arbitraries.just("")
                : Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of(operation.queryParameters())
                        .flatMap(parameter -> queryValue().map(value -> "?" + parameter.getName() + "=" + value)));
        return Combinators.combine(filled, query).as((path, q) -> path + q);
    }

    private static Arbitrary<String> pathValue() {
        return Arbitraries.oneOf(Arbitraries.of("1", "2", "0", "-1", "99999999999999999999", "abc", "review.md", "release",
                        "%2e%2e", "..%2F..%2Fetc", "a%20b", "%F0%9F%98%80", "00000000-0000-4000-8000-000000000000"),
                Arbitraries.strings().ofMaxLength(80).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20")));
    }

    private static Arbitrary<String> queryValue() {
        return Arbitraries.oneOf(Arbitraries.of("1", "0", "-5", "1000000", "1e9", "true", "yes", "banana", "", "%00", "2026-13-45",
                        "host", "desc"),
                Arbitraries.strings().ofMaxLength(300).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)));
    }

    private static void credential(Case fuzz, Map<String, String> headers) {
        FuzzOperations.Caller caller = fuzz.operation().caller();
        switch (fuzz.credential()) {
            case "valid" -> {
                if (caller == FuzzOperations.Caller.ADMIN) {
                    headers.put("Authorization", "Bearer " + UnlimitedServer.adminToken());
                } else if (caller == FuzzOperations.Caller.HOST) {
                    headers.put("X-API-Key", hostKey());
                }
            }
            case "wrong" -> headers.put("Authorization", "Bearer " + (caller == FuzzOperations.Caller.ADMIN ? "cxadm_nope" : "nope"));
            default -> {
            }
        }
    }

    /** A host key that exists right now: the fuzzer may just have deleted, suspended or rotated the last one. */
    private static String hostKey() {
        return UnlimitedServer.newHostKey("fuzz-" + requests.get() + ".fleet.test");
    }

    /**
     * Undoes what the fuzzer may have done to its own access: the kill switch, its token, and the admin account that
     * created the token, which it may have locked, demoted, renamed or (once it created another admin) deleted.
     */
    private static void repair(Case fuzz) throws Exception {
        if (fuzz.operation().caller() != FuzzOperations.Caller.ADMIN) {
            return;
        }
        try (Connection connection = UnlimitedServer.database().connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT IGNORE INTO admin_users SELECT * FROM fuzz_admin_backup");
            statement.execute("UPDATE IGNORE admin_users u JOIN fuzz_admin_backup b ON b.id = u.id SET u.username = b.username,"
                    + " u.enabled = 1, u.role = 'admin', u.locked_until = NULL, u.failed_logins = 0, u.must_change_password = 0");
            statement.execute("UPDATE admin_api_tokens SET revoked_at = NULL WHERE id = " + UnlimitedServer.adminTokenId());
            statement.execute("DELETE FROM versions WHERE name = 'api_disabled'");
        }
    }

    private static boolean isScript(HttpResult answer) {
        String type = answer.header("content-type");
        return type != null && type.startsWith("text/x-shellscript");
    }
}
