package dev.codexauth.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An upstream that trickles or floods its answer ends the exchange at the deadline or the size limit, not whenever it likes. */
class UpstreamExchangeTest {

    private HttpServer upstream;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/quick", exchange -> PacedAnswer.send(exchange, "{\"ok\":true}".getBytes(), 11, 0));
        upstream.createContext("/trickle", exchange -> PacedAnswer.send(exchange, new byte[60], 6, 1000));
        upstream.createContext("/flood", exchange -> PacedAnswer.send(exchange, new byte[64 * 1024], 64 * 1024 / 10, 0));
        upstream.start();
    }

    @AfterEach
    void stop() {
        upstream.stop(0);
    }

    @Test
    void aWholeAnswerWithinItsBoundsIsRead() throws Exception {
        UpstreamExchange.Answer answer = UpstreamExchange.send(client, get("/quick"), Duration.ofSeconds(5), 1024);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    @Timeout(10)
    void headersThenAByteASecondEndAtTheDeadline() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> UpstreamExchange.send(client, get("/trickle"), Duration.ofSeconds(2), 1024))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBodyPastItsLimitIsRefusedWhileItArrives() {
        assertThatThrownBy(() -> UpstreamExchange.send(client, get("/flood"), Duration.ofSeconds(5), 16 * 1024))
                .isInstanceOf(IOException.class).hasMessageContaining("larger than 16384 bytes");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + path)).build();
    }
}
