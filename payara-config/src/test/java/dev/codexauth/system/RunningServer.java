package dev.codexauth.system;

import dev.codexauth.db.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The product as an operator runs it: {@code target/dist/bin/codex-auth-central} in its own process, configured by
 * environment variables only. One shared instance on a fresh test database serves the system tests of a run.
 */
public final class RunningServer implements AutoCloseable {

    private static RunningServer shared;
    private static TestDatabase sharedDatabase;

    private final Process process;
    private final int port;
    private final Path log;
    private final long readyMillis;
    private final List<StartingAnswer> startingAnswers;

    /** What the server answered while it listened but was not ready: the admin API's answer and readiness's status. */
    public record StartingAnswer(int adminStatus, String adminBody, String adminRetryAfter, int readyStatus) {
    }

    private RunningServer(Process process, int port, Path log, long readyMillis, List<StartingAnswer> startingAnswers) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.readyMillis = readyMillis;
        this.startingAnswers = startingAnswers;
    }

    /** The shared server on the shared test database, started on first use and stopped when the test run ends. */
    public static synchronized RunningServer shared() {
        if (shared == null) {
            sharedDatabase = TestDatabase.create("system");
            Map<String, String> env = ownNodeSettings(sharedDatabase);
            env.put("SETTINGS_CACHE_MILLIS", "0");
            env.put("TRUSTED_PROXIES", Fleet.TRUSTED_PROXY);
            env.put("RATE_LIMIT_GLOBAL_PER_MINUTE", "40");
            env.put("RATE_LIMIT_GLOBAL_WINDOW", "4");
            env.put("RATE_LIMIT_AUTH_FAIL_COUNT", "20");
            env.put("RATE_LIMIT_AUTH_FAIL_WINDOW", "600");
            env.put("RATE_LIMIT_AUTH_FAIL_BLOCK", "3");
            env.put("AUTH_RUNNER_URL", RunnerStub.shared().url());
            env.put("AUTH_RUNNER_POLICY", "required");
            env.put("AUTH_RUNNER_TIMEOUT", "3");
            env.put("AUTH_RUNNER_IP_BYPASS", "on");
            env.put("AUTH_RUNNER_BYPASS_SUBNETS", "10.99.0.0/16");
            env.put("AUTH_RUNNER_TOKEN", Fleet.RUNNER_TOKEN);
            env.put("INSTALLATION_ID", Fleet.INSTALLATION_ID);
            env.put("CODEX_RELEASES_URL", UpstreamStub.shared().releasesUrl());
            env.put("PRICING_URL", UpstreamStub.shared().pricingUrl());
            env.put("CHATGPT_BASE_URL", UpstreamStub.shared().chatgptBaseUrl());
            env.put("CHATGPT_USAGE_FORCE_MIN_SECONDS", "3");
            env.put("MCP_FS_ENABLED", "true");
            env.put("MCP_FS_ROOT", Path.of("target", "mcp-files").toAbsolutePath().toString());
            env.putAll(ClerkStub.shared().serverSettings());
            env.put("STRIPE_WEBHOOK_SECRET", People.STRIPE_SECRET);
            env.put("CLERK_WEBHOOK_SECRET", People.CLERK_SECRET);
            env.putAll(ProviderStub.shared().serverSettings());
            sharedSettings = Map.copyOf(env);
            shared = startForManyClasses("shared", env);
        }
        return shared;
    }

    /** Another node with the shared server's settings on the same database, as a cluster member would run. */
    public static RunningServer anotherNode(String name) {
        shared();
        return start(name, sharedSettings);
    }

    private static Map<String, String> sharedSettings;

    /**
     * JVM options of the servers a single test class starts ({@code -Dit.server.jvm.options}, empty for the JVM's
     * defaults): the client compiler only, which took a start from 69 to 47 CPU-seconds on two cores, where CI starts
     * about twenty of them with both cores busy; C2's compilations do not pay back in a server that lives for one
     * class. The servers many classes share keep the defaults (sqlmap's thousands of requests ran 16 % slower on C1).
     * Changes nothing a test asserts; the shipped start script keeps the JVM's defaults.
     */
    private static final String SHORT_LIVED_JVM_OPTIONS = System.getProperty("it.server.jvm.options", "-XX:TieredStopAtLevel=1");

    /** The shared server's settings, to start nodes like it with a few changed. */
    public static Map<String, String> sharedSettings() {
        shared();
        return new HashMap<>(sharedSettings);
    }

    public static TestDatabase sharedDatabase() {
        shared();
        return sharedDatabase;
    }

    static synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            sharedDatabase.close();
            shared = null;
        }
    }

    public static Map<String, String> databaseEnv(TestDatabase database) {
        return Map.of("DB_URL", database.jdbcUrl(), "DB_USERNAME", database.user(), "DB_PASSWORD", database.password());
    }

    /**
     * Settings for a node of a test's own on this database: its connection, a fresh encryption key, the bootstrap
     * admin signing in over plain HTTP, and no readiness drain, since no balancer watches a test node. A copy for the
     * test to add to or replace.
     */
    public static Map<String, String> ownNodeSettings(TestDatabase database) {
        Map<String, String> settings = new HashMap<>(databaseEnv(database));
        settings.put("AUTH_ENCRYPTION_KEY", randomKey());
        settings.put("ADMIN_BOOTSTRAP_PASSWORD", Fleet.BOOTSTRAP_PASSWORD);
        settings.put("ADMIN_COOKIE_SECURE", "false");
        settings.put("SHUTDOWN_DRAIN_SECONDS", "0");
        return settings;
    }

    public static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Starts the distribution with exactly these settings (plus a free PORT) and waits until it is ready. */
    public static RunningServer start(String name, Map<String, String> settings) {
        return launch(name, settings, true, SHORT_LIVED_JVM_OPTIONS);
    }

    /** As {@link #start(String, Map)}, but returns once hosts are served: the admin application may still deploy. */
    public static RunningServer startServingHosts(String name, Map<String, String> settings) {
        return launch(name, settings, false, SHORT_LIVED_JVM_OPTIONS);
    }

    private static RunningServer launch(String name, Map<String, String> settings, boolean adminToo, String jvmOptions) {
        try {
            return launch(name, settings, Path.of(System.getProperty("dist.dir", "target/dist")), freePort(), adminToo, jvmOptions);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a given build of the distribution on a given port and waits until it is ready, admin application included. */
    public static RunningServer start(String name, Map<String, String> settings, Path dist, int port) {
        return launch(name, settings, dist, port, true, SHORT_LIVED_JVM_OPTIONS);
    }

    /** As {@link #start(String, Map, Path, int)}, but returns once hosts are served: the admin application may still deploy. */
    public static RunningServer startServingHosts(String name, Map<String, String> settings, Path dist, int port) {
        return launch(name, settings, dist, port, false, SHORT_LIVED_JVM_OPTIONS);
    }

    /**
     * Starts one node per name at the same moment, as the first deployment of several replicas does, and waits until
     * all are ready, admin application included. When one fails to start, the others are stopped before the failure is
     * thrown, so that no node outlives the test.
     */
    public static List<RunningServer> startTogether(List<String> names, Map<String, String> settings, Path dist, List<Integer> ports) {
        ExecutorService starters = Executors.newFixedThreadPool(names.size());
        List<CompletableFuture<RunningServer>> starts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int port = ports.get(i);
            starts.add(CompletableFuture.supplyAsync(() -> start(name, settings, dist, port), starters));
        }
        starters.shutdown();
        List<RunningServer> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<RunningServer> start : starts) {
            try {
                started.add(start.join());
            } catch (CompletionException e) {
                failure = failure != null ? failure
                        : e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            started.forEach(RunningServer::close);
            throw failure;
        }
        return started;
    }

    /** Starts the server for a suite of classes, with the JVM's default compilers (see {@link #SHORT_LIVED_JVM_OPTIONS}). */
    static RunningServer startForManyClasses(String name, Map<String, String> settings) {
        return launch(name, settings, true, "");
    }

    private static RunningServer launch(String name, Map<String, String> settings, Path dist, int port, boolean adminToo,
                                        String jvmOptions) {
        try {
            Path log = logOf(name);
            ProcessBuilder builder = new ProcessBuilder("bash", dist.resolve("bin/codex-auth-central").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("DB_") || k.startsWith("AUTH_") || k.equals("DATA_DIR"));
            builder.environment().putAll(settings);
            builder.environment().merge("JAVA_OPTS", jvmOptions, (given, ours) -> ours + " " + given);
            builder.environment().put("PORT", String.valueOf(port));
            builder.environment().putIfAbsent("PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
            long started = System.nanoTime();
            Process process = builder.start();
            RunningServer server = new RunningServer(process, port, log, 0, new ArrayList<>());
            server.awaitReady(Duration.ofSeconds(240), adminToo);
            return new RunningServer(process, port, log, (System.nanoTime() - started) / 1_000_000, List.copyOf(server.startingAnswers));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the server started under {@code name} logs. */
    public static Path logOf(String name) {
        return Path.of("target", "server-" + name + ".log").toAbsolutePath();
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public long readyMillis() {
        return readyMillis;
    }

    /**
     * The admin API's answers seen, every 250 ms, between the listener opening and the server being ready; none when
     * only hosts were awaited.
     */
    public List<StartingAnswer> startingAnswers() {
        return startingAnswers;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    public long logLength() throws IOException {
        return Files.size(log);
    }

    /** What the server logged after the first {@code offset} bytes. */
    public String logSince(long offset) throws IOException {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            byte[] added = new byte[(int) Math.max(0, file.length() - offset)];
            file.seek(offset);
            file.readFully(added);
            return new String(added, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private void awaitReady(Duration timeout, boolean adminToo) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + " (" + whyItStopped() + "); see " + log);
            }
            try {
                // Hosts-only waits never touch /admin: with ADMIN_CONSOLE_START=on-demand a request there deploys it.
                HttpResponse<String> admin = adminToo ? client.send(HttpRequest.newBuilder(uri("/admin/api/session")).build(),
                        HttpResponse.BodyHandlers.ofString()) : null;
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(uri("/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200 && (admin == null || admin.statusCode() == 401)) {
                    return;
                }
                if (admin != null) {
                    startingAnswers.add(new StartingAnswer(admin.statusCode(), admin.body(),
                            admin.headers().firstValue("Retry-After").orElse(null), ready.statusCode()));
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("The server was not ready within " + timeout + "; see " + log);
    }

    /**
     * The launcher's own reason when it gave up, else the log's last line, and the first severe entry before it: what
     * a failed CI run shows of a log it does not keep.
     */
    private String whyItStopped() {
        try {
            List<String> lines = Files.readAllLines(log);
            String reason = lines.stream().filter(line -> line.contains("could not start:")).reduce((first, last) -> last)
                    .or(() -> lines.stream().filter(line -> !line.isBlank()).reduce((first, last) -> last))
                    .map(String::strip).orElse("nothing logged");
            return lines.stream().filter(line -> line.contains("SEVERE") && !line.contains("could not start:")).findFirst()
                    .map(severe -> reason + "; first severe entry: " + abbreviated(severe.strip(), 600)).orElse(reason);
        } catch (IOException unreadable) {
            return "log unreadable: " + unreadable.getMessage();
        }
    }

    private static String abbreviated(String line, int limit) {
        return line.length() <= limit ? line : line.substring(0, limit) + "…";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A full garbage collection in the server's JVM (its launcher execs java, so the process is the JVM), so that a
     * heap reading afterwards is what the server keeps, not garbage that no collection has needed to reclaim yet.
     */
    public void collectGarbage() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), "GC.run").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed: " + output);
        }
    }

    /** The TCP ports the server's JVM listens on: its socket descriptors found in the kernel's listening sockets (Linux). */
    public Set<Integer> listeningPorts() throws IOException {
        Path proc = Path.of("/proc", String.valueOf(process.pid()));
        Set<String> sockets = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(proc.resolve("fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing is no listener
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            List<String> rows = Files.readAllLines(proc.resolve("net").resolve(table));
            for (String row : rows.subList(1, rows.size())) {
                String[] columns = row.trim().split("\\s+");
                boolean listening = "0A".equals(columns[3]);
                if (listening && sockets.contains(columns[9])) {
                    ports.add(Integer.parseInt(columns[1].substring(columns[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /** Ends the node as a crash or an out-of-memory killer would: SIGKILL, no shutdown hook, nothing flushed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server's JVM: the start script execs java, so the process it started is the JVM. */
    public long pid() {
        return process.pid();
    }

    /** Ends the node as a fault inside the JVM would (SIGSEGV) and waits until the JVM has reported it and exited. */
    public void crash() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-SEGV", String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The JVM did not exit after SIGSEGV; see " + log);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
