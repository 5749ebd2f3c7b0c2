package dev.codexauth.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A DBA points the new server at the live database of the original service: it must be adopted at version 1 with
 * every row intact, later migrations applied on top, and a database that is not the original's left untouched.
 */
class AdoptOriginalDatabaseIT {

    @Test
    void adoptsTheOriginalDatabaseWithoutLosingRows() throws Exception {
        try (TestDatabase db = TestDatabase.create("adopt")) {
            createOriginalSchema(db);
            seedOriginalRows(db);

            DatabaseMigrator.Outcome first = new DatabaseMigrator(db.dataSource()).migrate();

            assertThat(first.adoptedOriginal()).isTrue();
            assertThat(first.migrationsApplied()).isGreaterThanOrEqualTo(1);
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT COUNT(*) FROM hosts")).isEqualTo("2");
                assertThat(single(statement, "SELECT fqdn FROM hosts WHERE id = 7")).isEqualTo("build-01.example.com");
                assertThat(single(statement, "SELECT vip FROM hosts WHERE id = 7")).isEqualTo("1");
                assertThat(single(statement, "SELECT body FROM auth_payloads WHERE id = 3")).isEqualTo("sbox:v1:AAAA");
                assertThat(single(statement, "SELECT COUNT(*) FROM token_usages")).isEqualTo("1");
                assertThat(single(statement, "SELECT version FROM versions WHERE name = 'quota_limit_percent'")).isEqualTo("90");
                assertThat(single(statement, "SELECT MIN(CAST(version AS UNSIGNED)) FROM flyway_schema_history WHERE success = 1")).isEqualTo("1");
                assertThat(single(statement, "SELECT type FROM flyway_schema_history WHERE version = '1'")).isEqualTo("BASELINE");
                assertThat(single(statement, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND INDEX_NAME = 'uniq_hosts_api_key_hash'")).isEqualTo("1");
            }

            DatabaseMigrator.Outcome second = new DatabaseMigrator(db.dataSource()).migrate();
            assertThat(second.adoptedOriginal()).isFalse();
            assertThat(second.migrationsApplied()).isZero();
            assertThat(new DatabaseMigrator(db.dataSource()).state().upToDate()).isTrue();
        }
    }

    @Test
    void refusesAnOriginalDatabaseThatLacksColumnsAndChangesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.create("adopt_partial")) {
            createOriginalSchema(db);
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE hosts DROP COLUMN vip");
                statement.execute("ALTER TABLE hosts DROP INDEX idx_hosts_expires_at");
            }

            assertThatThrownBy(() -> new DatabaseMigrator(db.dataSource()).migrate())
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("column hosts.vip")
                    .hasMessageContaining("index hosts.idx_hosts_expires_at");
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'flyway_schema_history'")).isEqualTo("0");
            }
        }
    }

    @Test
    void refusesADatabaseOfSomethingElse() throws Exception {
        try (TestDatabase db = TestDatabase.create("adopt_foreign")) {
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE invoices (id INT PRIMARY KEY)");
            }
            assertThatThrownBy(() -> new DatabaseMigrator(db.dataSource()).migrate())
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("invoices");
        }
    }

    @Test
    void createsEverythingOnAnEmptyDatabase() throws Exception {
        try (TestDatabase db = TestDatabase.create("fresh")) {
            DatabaseMigrator migrator = new DatabaseMigrator(db.dataSource());
            DatabaseMigrator.Outcome outcome = migrator.migrate();
            assertThat(outcome.adoptedOriginal()).isFalse();
            assertThat(migrator.state().upToDate()).isTrue();
            assertThat(migrator.state().currentVersion()).isEqualTo(migrator.state().latestVersion());
        }
    }

    /** The original's tables: hosts as grown by ALTERs, every other table as in V1. */
    private static void createOriginalSchema(TestDatabase db) throws IOException, SQLException {
        List<String> statements = new ArrayList<>(split(resource("/original-hosts-table.sql")));
        for (String statement : split(resource("/" + BaselineSchema.RESOURCE))) {
            if (!statement.startsWith("CREATE TABLE hosts ")) {
                statements.add(statement.replace("CREATE TABLE ", "CREATE TABLE IF NOT EXISTS "));
            }
        }
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static void seedOriginalRows(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO hosts (id, fqdn, api_key, api_key_hash, api_key_enc, created_at, updated_at, vip)"
                    + " VALUES (7, 'build-01.example.com', REPEAT('a', 64), REPEAT('a', 64), 'sbox:v1:AAAA',"
                    + " '2025-11-01T10:00:00+00:00', '2025-11-02T10:00:00+00:00', 1)");
            statement.execute("INSERT INTO hosts (id, fqdn, api_key, api_key_hash, created_at, updated_at)"
                    + " VALUES (8, 'build-02.example.com', REPEAT('b', 64), REPEAT('b', 64), '2025-11-01T10:00:00Z', '2025-11-01T10:00:00Z')");
            statement.execute("INSERT INTO auth_payloads (id, last_refresh, sha256, source_host_id, created_at, body)"
                    + " VALUES (3, '2025-11-19T09:27:43.373506211Z', REPEAT('c', 64), 7, '2025-11-19T09:30:00+00:00', 'sbox:v1:AAAA')");
            statement.execute("INSERT INTO token_usages (host_id, total, input_tokens, output_tokens, created_at)"
                    + " VALUES (7, 1234, 1000, 234, '2025-11-19T09:31:00+00:00')");
            statement.execute("INSERT INTO versions (name, version, updated_at) VALUES ('quota_limit_percent', '90', '2025-11-01T00:00:00+00:00')");
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AdoptOriginalDatabaseIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> split(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            if (line.startsWith("--") || line.isBlank()) {
                continue;
            }
            current.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                statements.add(current.toString().trim().replaceAll(";$", ""));
                current.setLength(0);
            }
        }
        return statements;
    }
}
