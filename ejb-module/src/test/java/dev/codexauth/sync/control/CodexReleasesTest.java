package dev.codexauth.sync.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.codexauth.http.PacedAnswer;
import java.io.IOException;
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
        byte[] release = "{\"tag_name\":\"rust-v0.170.0\"}".getBytes(StandardCharsets.UTF_8);
        source.createContext("/latest", exchange -> PacedAnswer.send(exchange, release, release.length, 0));
        source.createContext("/stalls", exchange -> PacedAnswer.send(exchange, release, 1, 1000));
        byte[] huge = ("{\"tag_name\":\"rust-v0.170.0\",\"body\":\"" + "x".repeat(8 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        source.createContext("/floods", exchange -> PacedAnswer.send(exchange, huge, huge.length, 0));
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
}
