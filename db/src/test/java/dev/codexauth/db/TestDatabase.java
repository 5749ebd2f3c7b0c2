package dev.codexauth.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.sql.DataSource;
import com.mysql.cj.jdbc.MysqlDataSource;

/**
 * A fresh database and a dedicated user with a password on the MariaDB/MySQL server named by the test settings
 * ({@code test.db.host}, {@code test.db.port}, {@code test.db.admin.user}, {@code test.db.admin.password}; defaults
 * 127.0.0.1:3306, root, empty password). Closing it drops both.
 */
public final class TestDatabase implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final String user;
    private final String password;

    private TestDatabase(String name, String user, String password) {
        this.name = name;
        this.user = user;
        this.password = password;
    }

    public static TestDatabase create(String purpose) {
        String suffix = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss")) + "_"
                + HexFormat.of().formatHex(RANDOM.generateSeed(3));
        String name = "cac_" + purpose + "_" + suffix;
        String user = "cac_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        String password = HexFormat.of().formatHex(RANDOM.generateSeed(12));
        TestDatabase db = new TestDatabase(name, user, password);
        db.admin("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
                "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'",
                "CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'",
                "GRANT ALL ON `" + name + "`.* TO '" + user + "'@'localhost'",
                "GRANT ALL ON `" + name + "`.* TO '" + user + "'@'127.0.0.1'");
        return db;
    }

    public static String host() {
        return setting("test.db.host", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(setting("test.db.port", "3306"));
    }

    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:mysql://" + host() + ":" + port() + "/" + name
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectionTimeZone=UTC";
    }

    public DataSource dataSource() {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** Runs statements as the server's administrative user (for set-up that the app user may not do). */
    public void admin(String... statements) {
        String url = "jdbc:mysql://" + host() + ":" + port() + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true";
        try (Connection connection = DriverManager.getConnection(url, setting("test.db.admin.user", "root"),
                setting("test.db.admin.password", ""));
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Test database server " + host() + ":" + port()
                    + " refused set-up (is MariaDB running? see docs/testing.md): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS `" + name + "`",
                "DROP USER IF EXISTS '" + user + "'@'localhost'",
                "DROP USER IF EXISTS '" + user + "'@'127.0.0.1'");
    }

    private static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        }
        return value == null ? fallback : value;
    }
}
