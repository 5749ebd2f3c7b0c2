package dev.codexauth.sync.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The release lookup runs on a timer and on an admin's request: a release source that stalls or floods holds neither. */
class CodexReleasesTest {

    private HttpServer source;

    @BeforeEach
    void start() throws IOException {
        source = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        source.createContext("/latest", exchange -> answer(exchange, "{\"tag_name\":\"rust-v0.170.0\"}".getBytes(StandardCharsets.UTF_8), 0));
        source.createContext("/stalls", exchange -> answer(exchange, "{\"tag_name\":\"rust-v0.170.0\"}".getBytes(StandardCharsets.UTF_8), 1000));
        source.createContext("/floods", exchange -> answer(exchange,
                ("{\"tag_name\":\"rust-v0.170.0\",\"body\":\"" + "x".repeat(8 << 20) + "\"}").getBytes(StandardCharsets.UTF_8), 0));
        source.start();
    }

    @AfterEach
    void stop() {
        source.stop(0);
    }

    @Test
    void theLatestReleaseIsItsSemanticVersion() {
        assertThat(CodexReleases.latest(url("/latest"), Duration.ofSeconds(5))).contains("0.170.0");
    }

    @Test
    @Timeout(10)
    void aSourceThatSendsItsAnswerAByteASecondIsGivenUpAtTheTimeout() {
        long started = System.nanoTime();
        assertThat(CodexReleases.latest(url("/stalls"), Duration.ofSeconds(2))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anAnswerOfMegabytesIsNotARelease() {
        assertThat(CodexReleases.latest(url("/floods"), Duration.ofSeconds(5))).isEmpty();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + source.getAddress().getPort() + path;
    }

    /** Headers at once, then the body in chunks {@code pauseMillis} apart (a byte at a time when pausing). */
    private static void answer(HttpExchange exchange, byte[] body, long pauseMillis) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            int chunk = pauseMillis > 0 ? 1 : body.length;
            for (int sent = 0; sent < body.length; sent += chunk) {
                out.write(body, sent, Math.min(chunk, body.length - sent));
                out.flush();
                Thread.sleep(pauseMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientLeft) {
            // the lookup gave up: what these tests want
        }
    }
}
