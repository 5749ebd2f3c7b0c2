package dev.codexauth.launcher;

import fish.payara.micro.PayaraMicro;
import fish.payara.micro.PayaraMicroRuntime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the whole product in one JVM on Payara Micro: the host API at {@code /} and the admin application at {@code
 * /admin}, which deploys while the host API already serves. When neither {@code DB_URL} nor {@code DB_HOST} is set it
 * starts the embedded MariaDB first (in parallel with the Payara runtime, which is why deployments follow the boot
 * instead of being part of it).
 */
public final class Launcher {

    private static final Logger LOG = Logger.getLogger(Launcher.class.getName());
    /** The same name as the host API's AdminStarting filter reads. */
    static final String ADMIN_DEPLOYING = "codexauth.admin.deploying";

    private Launcher() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        reportAheadOfTimeCache();
        try {
            Path deployDir = Path.of(argument(args, "--deploy-dir", "deploy"));
            LauncherSettings settings = LauncherSettings.from(System.getenv());
            EmbeddedDatabase embedded = startDatabase(settings, deployDir, started);
            LOG.info(() -> String.format("Codex Auth Central ready on http://localhost:%d/ (admin at /admin) in %.1f s, database %s",
                    settings.port(), (System.nanoTime() - started) / 1e9,
                    embedded == null ? "from DB_URL" : "embedded under " + settings.dataDir()));
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "Codex Auth Central could not start: " + rootMessage(e));
            System.exit(1);
        }
    }

    /** Tells the operator what the start script chose about the JDK 25+ ahead-of-time cache (docs/performance.md). */
    private static void reportAheadOfTimeCache() {
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("-XX:AOTCache=")) {
                LOG.info(() -> "Starting from the ahead-of-time cache " + flag.substring(flag.indexOf('=') + 1));
            } else if (flag.startsWith("-XX:AOTCacheOutput=")) {
                LOG.info(() -> "Recording an ahead-of-time cache into " + flag.substring(flag.indexOf('=') + 1)
                        + "; the JVM writes it when the server stops, and the next start uses it");
            }
        }
    }

    private static EmbeddedDatabase startDatabase(LauncherSettings settings, Path deployDir, long started) throws Exception {
        Path root = deployDir.toAbsolutePath();
        for (String name : new String[] {"ROOT", "admin"}) {
            if (!Files.exists(application(root, name))) {
                throw new IllegalStateException("Missing " + application(root, name) + "; build with: mvn -DskipTests package");
            }
        }
        requirePortFree(settings.port());
        CompletableFuture<EmbeddedDatabase> database = settings.dbUrl().isPresent()
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(() -> startEmbedded(settings));
        settings.requireExternalDatabaseSettings();
        PayaraMicro micro = PayaraMicro.getInstance();
        Path shared = root.resolveSibling("shared");
        if (Files.isDirectory(shared)) {
            try (var jars = Files.list(shared)) {
                jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> micro.addLibrary(j.toFile()));
            }
        }
        // Payara's deploy-time check that referenced resources exist looks each one up in JNDI. The only one here is the
        // data source the application defines itself, which the persistence unit's creation checks anyway; the lookup
        // failed now and then for the admin application deployed while the host API served ("AS-DEPLOYMENT-00026: JNDI
        // lookup failed for the resource ... java:app/jdbc/central"), and the server stopped.
        System.setProperty("deployment.resource.validation", "false");
        settings.cluster().systemProperties().forEach(System::setProperty);
        HttpListenerSettings listener = new HttpListenerSettings();
        micro.setPreBootHandler(runner -> {
            listener.apply(runner);
            settings.cluster().apply(runner);
        });
        PayaraMicroRuntime runtime = micro
                .setHttpPort(settings.port())
                // Not setNoCluster: Payara applies it instead of setNoHazelcast and keeps a one-member grid that
                // accepts Hazelcast clients on every interface. Without clustering no grid runs at all.
                .setNoHazelcast(!settings.cluster().enabled())
                .setHzClusterName(settings.cluster().name())
                .setMaxHttpThreads(settings.maxHttpThreads())
                .setPrintLogo(false)
                .bootStrap();
        EmbeddedDatabase embedded = database.join();
        if (embedded != null) {
            System.setProperty("db.url", embedded.jdbcUrl());
            System.setProperty("db.username", embedded.user());
            System.setProperty("db.password", embedded.password());
            if (!settings.encryptionConfigured()) {
                System.setProperty("auth.encryption.key.file", DevelopmentKey.ensure(settings.dataDir()).toString());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (Exception e) {
                    LOG.warning("Embedded MariaDB did not stop cleanly: " + e.getMessage());
                }
            }, "embedded-mariadb-stop"));
        }
        LOG.info(() -> String.format("Payara runtime and database up after %.1f s; deploying", (System.nanoTime() - started) / 1e9));
        // One after the other: Payara does not deploy concurrently. The host API goes first and serves hosts while the
        // admin application deploys (at once, or on its first request); until then the host API answers /admin with a
        // 503 (AdminStarting).
        System.setProperty(ADMIN_DEPLOYING, "true");
        deploy(runtime, "codex-auth-central", "/", application(root, "ROOT"));
        listener.open();
        GracefulStop.install(listener, settings.shutdownDrain());
        Runnable deployAdmin = () -> {
            deploy(runtime, "codex-auth-admin", "/admin", application(root, "admin"));
            System.clearProperty(ADMIN_DEPLOYING);
        };
        double serving = (System.nanoTime() - started) / 1e9;
        if (settings.adminOnDemand()) {
            AdminDeployment.register(deployAdmin);
            LOG.info(() -> String.format("Host API serving on port %d after %.1f s; the admin application deploys on its first"
                    + " request (ADMIN_CONSOLE_START=on-demand)", settings.port(), serving));
        } else {
            LOG.info(() -> String.format("Host API serving on port %d after %.1f s; deploying the admin application",
                    settings.port(), serving));
            deployAdmin.run();
        }
        return embedded;
    }

    /**
     * Refuses a port another process listens on. Payara Micro does not: its listener fails to bind without a word, and
     * the server would report itself ready while the other process answers every request.
     */
    static void requirePortFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            // as the HTTP listener binds: a port left in TIME_WAIT by an earlier run is free
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(port));
        } catch (IOException refused) {
            throw new IllegalStateException(portRefusal(port, String.valueOf(refused.getMessage())));
        }
    }

    /** Why the operating system refused the port, in the operator's terms: taken, or not this user's to open. */
    static String portRefusal(int port, String reason) {
        return reason.contains("in use")
                ? "port " + port + " is in use by another process (" + reason + "); stop it or choose another with PORT"
                : "port " + port + " cannot be opened (" + reason + "); ports below 1024 need privileges, choose another with PORT";
    }

    /** The exploded application folder when the distribution has one (faster to deploy), else the WAR. */
    private static Path application(Path deployDir, String name) {
        Path exploded = deployDir.resolve(name);
        return Files.isDirectory(exploded) ? exploded : deployDir.resolve(name + ".war");
    }

    private static EmbeddedDatabase startEmbedded(LauncherSettings settings) {
        try {
            if (!Files.isDirectory(settings.dataDir())) {
                // It holds the database, its password and the encryption key: the owner's alone, whatever the umask.
                Files.createDirectories(settings.dataDir(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return EmbeddedDatabase.start(settings.dataDir());
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static void deploy(PayaraMicroRuntime runtime, String name, String contextRoot, Path war) {
        long started = System.nanoTime();
        try (DeploymentFailure failure = DeploymentFailure.watch()) {
            boolean deployed = runtime.deploy(name, contextRoot, war.toFile()) && runtime.getDeployedApplicationNames().contains(name);
            if (!deployed) {
                throw new IllegalStateException("Deployment of " + name + " (" + war.getFileName() + ") failed: "
                        + failure.cause().orElse("the server log above says why"));
            }
        }
        LOG.info(() -> String.format("%s deployed at %s in %.1f s", name, contextRoot, (System.nanoTime() - started) / 1e9));
    }

    private static String argument(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /**
     * The failure in one line: the outermost message that says something of its own (an ExecutionException's only
     * repeats its cause), and the root cause's message when that adds to it.
     */
    static String rootMessage(Throwable e) {
        Throwable top = e;
        while (top.getCause() != null && top.getCause() != top && String.valueOf(top.getMessage()).equals(top.getCause().toString())) {
            top = top.getCause();
        }
        Throwable root = innermost(top);
        String message = String.valueOf(top.getMessage());
        return root == top || message.contains(String.valueOf(root.getMessage())) ? message : message + " (" + root.getMessage() + ")";
    }

    /** The cause at the bottom of the chain: what actually went wrong. */
    static Throwable innermost(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
