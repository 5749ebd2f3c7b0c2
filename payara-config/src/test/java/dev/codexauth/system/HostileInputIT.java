package dev.codexauth.system;

import static dev.codexauth.system.Fleet.admin;
import static dev.codexauth.system.Fleet.direct;
import static dev.codexauth.system.Fleet.host;
import static dev.codexauth.system.Fleet.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an attacker, a fuzzer or a careless client sends, answered with a clear 4xx in the JSON error shape: never a
 * 5xx, an HTML page, a stack trace in the log or a body read before its sender is known.
 */
class HostileInputIT {

    private static final String DEEP = "[".repeat(5000) + "]".repeat(5000);

    @Test
    void deepNestingIsA400WithOneLogLineAndNoStackTrace() throws Exception {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        long linesBefore = Fleet.server().log().lines().count();

        for (int i = 0; i < 10; i++) {
            HttpResult hostAnswer = host(ip, "POST", "/auth", laptop.key(), DEEP);
            assertError(hostAnswer, 400, "invalid_json");
            assertThat(hostAnswer.json().getJsonObject("details").getString("reason")).isEqualTo("nested deeper than 64 levels");
            assertError(direct("POST", "/admin/api/session/login", Map.of("Content-Type", "application/json"), DEEP), 400,
                    "invalid_json");
        }

        String added = Fleet.server().log().lines().skip(linesBefore).reduce("", (a, b) -> a + b + "\n");
        assertThat(added.lines().count()).as("log lines for 20 refused requests").isLessThanOrEqualTo(40);
        assertThat(added).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aHostBodyIsNotReadBeforeTheKeyIsKnown() {
        HttpResult unknownKey = host(Fleet.freshIp(), "POST", "/auth", "not-a-key", DEEP);

        assertError(unknownKey, 401, "invalid_api_key");
    }

    @Test
    void declaredBodiesOverTheLimitAre413AtOnce() {
        Map<String, String> hugeDeclared = Map.of("Content-Type", "application/json", "Content-Length", "62914560");

        HttpResult admin = RawHttp.sendBytes("127.0.0.1", Fleet.server().port(), "POST", "/admin/api/session/login", hugeDeclared,
                "{}".getBytes(StandardCharsets.UTF_8));
        HttpResult hostApi = RawHttp.sendBytes(Fleet.TRUSTED_PROXY, Fleet.server().port(), "POST", "/usage", hugeDeclared,
                "{}".getBytes(StandardCharsets.UTF_8));

        assertError(admin, 413, "payload_too_large");
        assertError(hostApi, 413, "payload_too_large");
        assertThat(admin.header("connection")).isEqualToIgnoringCase("close");
    }

    @Test
    void containerRefusalsAreJsonToo() {
        assertError(direct("GET", "/versions", Map.of("X-Padding", "a".repeat(20_000)), null), 431, "headers_too_large");
        assertError(direct("GET", "/versions?" + "q".repeat(9000), Map.of(), null), 414, "uri_too_long");
        assertError(direct("GET", "/admin/nothing-here", Map.of(), null), 404, "not_found");
        assertError(direct("POST", "/auth", Map.of("Content-Type", ";;;/"), "{}"), 415, "unsupported_media_type");

        HttpResult wrongMethod = direct("PUT", "/auth", Map.of(), null);
        assertError(wrongMethod, 405, "method_not_allowed");
        assertThat(wrongMethod.header("allow")).contains("POST").contains("DELETE");

        HttpResult patchOnAStaticPath = direct("PATCH", "/admin/api/users/..%2F..%2Fetc", Map.of(), null);
        assertError(patchOnAStaticPath, 405, "method_not_allowed");
        assertThat(patchOnAStaticPath.header("allow")).contains("GET");
    }

    @Test
    void noAnswerNamesTheServerAndErrorsAreUtf8() {
        for (HttpResult answer : new HttpResult[] {direct("GET", "/versions", Map.of(), null), direct("GET", "/admin/api/hosts", Map.of(), null),
                direct("GET", "/admin/nothing", Map.of(), null), direct("TRACE", "/versions", Map.of(), null)}) {
            assertThat(answer.headers()).doesNotContainKey("server").doesNotContainKey("x-powered-by");
            assertThat(answer.header("content-type")).doesNotContainIgnoringCase("iso-8859-1");
        }
    }

    @Test
    void traceAndConnectAreRefusedAndTheirBodyNeverRunsAsARequest() throws Exception {
        for (String method : new String[] {"TRACE", "CONNECT"}) {
            // Short enough for the log to keep it whole (longer segments are redacted as secret-like).
            String marker = "/smuggled-" + UUID.randomUUID().toString().substring(0, 8);
            String smuggled = "TRACE " + marker + " HTTP/1.1\r\nHost: x\r\n\r\n";
            String request = method + " /versions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + smuggled.length() + "\r\n\r\n" + smuggled;
            long logOffset = Fleet.server().logLength();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", Fleet.server().port()), 5000);
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = socket.getInputStream();

                HttpResult first = RawHttp.read(in, false);

                assertError(first, 405, "method_not_allowed");
                assertThat(in.read()).as("nothing after the refusal: the connection is closed").isEqualTo(-1);
            }
            // Grizzly once parsed such a body as a request of its own and ran it, though nobody saw its answer.
            Thread.sleep(1000);
            assertThat(Fleet.server().logSince(logOffset)).as(method + " body").doesNotContain(marker);
        }
    }

    @Test
    void inputOfTheWrongTypeOrLengthIs422NotADefaultOrA500() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();

        assertError(host(ip, "POST", "/host/users", laptop.key(), "false"), 422, "validation_failed");
        assertError(host(ip, "POST", "/host/users", laptop.key(), json("username", 12)), 422, "validation_failed");
        assertError(host(ip, "POST", "/auth", laptop.key(), "{\"command\":7}"), 422, "validation_failed");
        HttpResult longVersion = host(ip, "POST", "/auth", laptop.key(), json("command", "store", "client_version", "9".repeat(5000)));
        assertError(longVersion, 422, "validation_failed");
        assertThat(longVersion.json().getJsonObject("errors").keySet()).contains("client_version");
        assertError(admin("POST", "/admin/api/insecure-window-default", "{\"minutes\":\"12\"}"), 422, "validation_failed");
        assertError(admin("POST", "/admin/api/hosts/register", json("fqdn", "a".repeat(1000) + ".test")), 422, "validation_failed");
    }

    @Test
    void aBodyMustBeUtf8AndJsonOfAKnownType() {
        Fleet.HostKey laptop = Fleet.newHost();
        String ip = Fleet.freshIp();
        byte[] latin1 = "{\"username\":\"J\u00f6rg\"}".getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> headers = Map.of("X-Forwarded-For", ip, "X-API-Key", laptop.key(), "Content-Type", "application/json");

        HttpResult invalidUtf8 = RawHttp.sendBytes(Fleet.TRUSTED_PROXY, Fleet.server().port(), "POST", "/host/users", headers, latin1);

        assertError(invalidUtf8, 400, "invalid_json");
        assertThat(invalidUtf8.json().getJsonObject("details").getString("reason")).isEqualTo("the body is not valid UTF-8");
        assertError(host(ip, "POST", "/host/users", laptop.key(), "<user/>", Map.of("Content-Type", "application/xml")), 415,
                "unsupported_media_type");
        assertError(host(ip, "POST", "/host/users", laptop.key(), "{}", Map.of("Content-Type", "application/json; charset=latin1")),
                415, "unsupported_media_type");
        assertThat(host(ip, "POST", "/host/users", laptop.key(), json("username", "ops"),
                Map.of("Content-Type", "application/x-www-form-urlencoded")).status())
                .as("curl -d sends JSON with the form type; the original's documentation does so").isEqualTo(200);
    }

    private static void assertError(HttpResult answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("content-type")).as(answer.toString()).startsWith("application/json");
        assertThat(answer.json().getString("status")).isEqualTo("error");
        assertThat(answer.json().getString("code")).isEqualTo(code);
        assertThat(answer.json().getString("message")).isNotBlank();
    }
}
