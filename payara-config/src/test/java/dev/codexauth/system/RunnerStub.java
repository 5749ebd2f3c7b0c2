package dev.codexauth.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for the validation runner sidecar: answers readiness GETs and validation POSTs as the test programs
 * it ({@link #answer(String)}), records what it was sent, and can stop answering to play an unreachable runner.
 */
public final class RunnerStub implements AutoCloseable {

    private static RunnerStub shared;

    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile String answer = "{\"status\":\"ok\",\"latency_ms\":12,\"codex_version\":\"0.63.0\"}";
    private volatile boolean reachable = true;

    private RunnerStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/verify", exchange -> {
            if (!reachable) {
                exchange.close();
                return;
            }
            byte[] body;
            if ("POST".equals(exchange.getRequestMethod())) {
                received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                body = answer.getBytes(StandardCharsets.UTF_8);
            } else {
                body = "{\"ready\":true}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static synchronized RunnerStub shared() {
        if (shared == null) {
            try {
                shared = new RunnerStub();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/verify";
    }

    /** The JSON the next validations get. */
    public void answer(String json) {
        answer = json;
    }

    public void answerOk() {
        answer("{\"status\":\"ok\",\"latency_ms\":12,\"codex_version\":\"0.63.0\"}");
        reachable = true;
    }

    public void unreachable() {
        reachable = false;
    }

    public List<String> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
