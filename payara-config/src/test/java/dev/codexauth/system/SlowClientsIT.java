package dev.codexauth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.TestDatabase;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that sends request bodies a byte at a time held one of the container's 64 HTTP threads per connection
 * for as long as it kept sending: 300 such connections to {@code /xo-auth/start}, which needs no credential, left
 * {@code GET /versions} unanswered for 20 s and more. Now a client has 8 slow bodies at a time in an application,
 * each for at most {@code HTTP_BODY_TIMEOUT_SECONDS}.
 */
class SlowClientsIT {

    private static final int SLOW_CONNECTIONS = 100;

    @Test
    void aClientSendingBodiesAByteAtATimeLeavesTheServerToEveryoneElse() throws Exception {
        try (TestDatabase database = TestDatabase.create("slow_clients")) {
            Map<String, String> settings = RunningServer.ownNodeSettings(database);
            settings.put("HTTP_BODY_TIMEOUT_SECONDS", "4");
            settings.put("RATE_LIMIT_GLOBAL_PER_MINUTE", "0");
            settings.put("ADMIN_CONSOLE_START", "on-demand");
            try (RunningServer server = RunningServer.startServingHosts("slow-clients", settings)) {
                List<Socket> slow = new ArrayList<>();
                try {
                    for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                        slow.add(startSlowBody(server.port()));
                    }
                    Thread.sleep(1_000);

                    // Within 10 s: before, these waited until the transport's read timeout (30 s) freed a thread.
                    HttpResult versions = within10Seconds(() -> RawHttp.send("127.0.0.3", server.port(), "GET", "/versions", Map.of(), null));
                    HttpResult otherSignIn = within10Seconds(() -> RawHttp.send("127.0.0.3", server.port(), "POST", "/xo-auth/start",
                            Map.of("Content-Type", "application/json"), "{}"));
                    assertThat(versions.status()).isEqualTo(200);
                    assertThat(otherSignIn.status()).as(otherSignIn.body()).isEqualTo(200);

                    List<Socket> waiting = new ArrayList<>();
                    int refusedAtOnce = 0;
                    for (Socket socket : slow) {
                        if (answered(socket)) {
                            HttpResult refused = RawHttp.read(new BufferedInputStream(socket.getInputStream()), false);
                            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
                            assertThat(refused.body()).contains("too_many_slow_bodies");
                            refusedAtOnce++;
                        } else {
                            waiting.add(socket);
                        }
                    }
                    assertThat(waiting).hasSize(8);
                    assertThat(refusedAtOnce).isEqualTo(SLOW_CONNECTIONS - 8);

                    for (int second = 0; second < 6; second++) {
                        for (Socket socket : waiting) {
                            socket.getOutputStream().write(' ');
                        }
                        Thread.sleep(1_000);
                    }
                    for (Socket socket : waiting) {
                        socket.setSoTimeout(10_000);
                        HttpResult late = RawHttp.read(new BufferedInputStream(socket.getInputStream()), false);
                        assertThat(late.status()).as(late.body()).isEqualTo(408);
                        assertThat(late.body()).contains("body_timeout");
                    }
                } finally {
                    for (Socket socket : slow) {
                        socket.close();
                    }
                }
            }
        }
    }

    private static HttpResult within10Seconds(Callable<HttpResult> request) throws Exception {
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            return caller.submit(request).get(10, TimeUnit.SECONDS);
        } finally {
            caller.shutdownNow();
        }
    }

    /** Sends a request head announcing a 1,000-byte body, and its first byte. */
    private static Socket startSlowBody(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /xo-auth/start HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    /** Whether the server has written something on the connection by now. */
    private static boolean answered(Socket socket) throws IOException {
        return socket.getInputStream().available() > 0;
    }
}
