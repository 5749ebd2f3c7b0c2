package dev.codexauth.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy from Debian in front of the nodes, configured as docs/cluster.md advises: round robin, readiness checks
 * every second (three failures take a node out), connection failures retried on another node. It connects to the nodes from the trusted proxy address
 * and passes the client's {@code X-Forwarded-For} on unchanged, so each test request keeps the client IP it chose.
 */
final class Balancer implements AutoCloseable {

    private final Process process;
    private final int port;

    private Balancer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Balancer start(List<RunningServer> nodes) throws IOException, InterruptedException {
        return startForPorts(nodes.stream().map(RunningServer::port).toList());
    }

    /** A balancer over these node ports; a port nobody listens on yet stays down until its node passes the check. */
    static Balancer startForPorts(List<Integer> ports) throws IOException, InterruptedException {
        int port = RunningServer.freePort();
        StringBuilder config = new StringBuilder("""
                global
                    maxconn 4096
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 120s
                    timeout server 120s
                    retries 3
                    option redispatch
                    retry-on conn-failure empty-response
                frontend fleet
                    bind 127.0.0.1:%d
                    default_backend nodes
                backend nodes
                    balance roundrobin
                    source %s
                    option httpchk GET /health/ready
                    http-check expect status 200
                    timeout check 5s
                    default-server inter 1s fall 3 rise 2
                """.formatted(port, Fleet.TRUSTED_PROXY));
        for (int i = 0; i < ports.size(); i++) {
            config.append("    server node").append(i).append(" 127.0.0.1:").append(ports.get(i)).append(" check\n");
        }
        Path file = Path.of("target", "haproxy-" + port + ".cfg").toAbsolutePath();
        Files.writeString(file, config);
        Process process = new ProcessBuilder("haproxy", "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "haproxy-" + port + ".log").toFile()).start();
        Balancer balancer = new Balancer(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + process.exitValue() + "; see target/haproxy-" + port + ".log");
            }
            try {
                if (balancer.send("127.0.0.1", "GET", "/health/ready", null, null).status() == 200) {
                    return balancer;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        balancer.close();
        throw new IllegalStateException("haproxy did not forward within 20 s");
    }

    /** Waits until the balancer forwards again (after a burst its checks may have taken nodes out for a moment). */
    void awaitServing() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int inARow = 0;
        while (inARow < 4 && System.nanoTime() < deadline) {
            inARow = send("127.0.0.1", "GET", "/health/ready", null, null).status() == 200 ? inARow + 1 : 0;
            Thread.sleep(250);
        }
    }

    /** A host call through the balancer from {@code clientIp}. */
    HttpResult send(String clientIp, String method, String path, String key, String body) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Forwarded-For", clientIp);
        if (key != null) {
            headers.put("X-API-Key", key);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return RawHttp.send("127.0.0.1", port, method, path, headers, body);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
