package dev.codexauth.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A freshly migrated database is the schema of {@code spec/schema.md}: the same tables, the same columns in the
 * same order with the same types, nullability and defaults, the same indexes and foreign keys, InnoDB and
 * utf8mb4_unicode_ci everywhere. Later migrations may add tables and indexes, never change an original table's
 * columns.
 */
class SchemaMatchesSpecIT {

    /** Indexes that later migrations add to original tables, each documented in spec/schema.md §4. */
    private static final Map<String, Set<String>> LATER_INDEXES = Map.of(
            "hosts", Set.of("uniq_hosts_api_key_hash"),
            "logs", Set.of("idx_logs_action_created_at"),
            "token_usages", Set.of("idx_token_usage_host_created"),
            "mcp_memories", Set.of("idx_memories_host_updated", "uniq_memories_workspace_key", "idx_memories_workspace_updated"));

    /**
     * Nullable columns later migrations add after a spec column (V5: MCP call latency; V10: the workspace owning a
     * person's memories); the original never reads them.
     */
    private static final Map<String, Map<String, String>> LATER_COLUMNS = Map.of(
            "mcp_access_logs", Map.of("error_message", "latency_ms int null"),
            "mcp_memories", Map.of("host_id", "workspace_id bigint unsigned null"));

    /** Spec columns a contract migration relaxed, as they are now (V10: a workspace's memory has no host; docs/mcp.md). */
    private static final Map<String, Map<String, String>> RELAXED_COLUMNS = Map.of(
            "mcp_memories", Map.of("host_id", "host_id bigint unsigned null"));

    private static final SpecSchema SPEC = SpecSchema.load();
    private static TestDatabase baseline;
    private static TestDatabase latest;

    @BeforeAll
    static void migrate() {
        baseline = TestDatabase.create("schema_v1");
        Flyway.configure().dataSource(baseline.dataSource()).locations(DatabaseMigrator.LOCATION).target("1").load().migrate();
        latest = TestDatabase.create("schema_latest");
        new DatabaseMigrator(latest.dataSource()).migrate();
    }

    @AfterAll
    static void drop() {
        baseline.close();
        latest.close();
    }

    @Test
    void specCopyInTheRepositoryIsTheSharedSpec() throws Exception {
        Path shared = Path.of("..", "..", "shared", "spec", "schema.md");
        if (Files.exists(shared)) {
            assertThat(Files.readString(Path.of("src/test/resources/spec/schema.md"))).isEqualTo(Files.readString(shared));
        }
        assertThat(SPEC.tables()).hasSize(21);
    }

    @Test
    void baselineHasExactlyTheSpecTablesColumnForColumn() throws SQLException {
        try (Connection connection = baseline.connect()) {
            assertThat(tables(connection)).containsExactlyInAnyOrderElementsOf(SPEC.tables().keySet());
            for (SpecSchema.Table table : SPEC.tables().values()) {
                assertThat(columns(connection, table.name())).as("columns of %s", table.name())
                        .containsExactlyElementsOf(table.columns().stream().map(SchemaMatchesSpecIT::describe).toList());
                assertThat(indexes(connection, table.name())).as("indexes of %s", table.name())
                        .containsExactlyInAnyOrderElementsOf(expectedIndexes(table, Set.of()));
                assertThat(foreignKeys(connection, table.name())).as("foreign keys of %s", table.name())
                        .containsExactlyInAnyOrderElementsOf(table.foreignKeys().stream()
                                .map(fk -> fk.name() + " " + fk.column() + " -> " + fk.references() + " ON DELETE " + fk.onDelete())
                                .toList());
            }
        }
    }

    @Test
    void everyTableIsInnoDbUtf8mb4UnicodeCi() throws SQLException {
        try (Connection connection = latest.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
             ResultSet rows = statement.executeQuery()) {
            int count = 0;
            while (rows.next()) {
                count++;
                assertThat(rows.getString(2)).as("engine of %s", rows.getString(1)).isEqualTo("InnoDB");
                assertThat(rows.getString(3)).as("collation of %s", rows.getString(1)).isEqualTo("utf8mb4_unicode_ci");
            }
            assertThat(count).isGreaterThanOrEqualTo(21);
        }
    }

    @Test
    void laterMigrationsKeepTheOriginalColumnsAndAddOnlyDocumentedIndexes() throws SQLException {
        try (Connection connection = latest.connect()) {
            assertThat(tables(connection)).containsAll(SPEC.tables().keySet());
            for (SpecSchema.Table table : SPEC.tables().values()) {
                assertThat(columns(connection, table.name())).as("columns of %s", table.name())
                        .containsExactlyElementsOf(withLaterColumns(table));
                List<String> expected = expectedIndexes(table, LATER_INDEXES.getOrDefault(table.name(), Set.of()));
                assertThat(indexes(connection, table.name()).stream().map(i -> i.split(" ")[0]).toList())
                        .as("indexes of %s", table.name())
                        .containsExactlyInAnyOrderElementsOf(expected.stream().map(i -> i.split(" ")[0]).toList());
            }
        }
    }

    private static List<String> withLaterColumns(SpecSchema.Table table) {
        Map<String, String> added = LATER_COLUMNS.getOrDefault(table.name(), Map.of());
        Map<String, String> relaxed = RELAXED_COLUMNS.getOrDefault(table.name(), Map.of());
        List<String> expected = new ArrayList<>();
        for (SpecSchema.Column column : table.columns()) {
            expected.add(relaxed.getOrDefault(column.name(), describe(column)));
            if (added.containsKey(column.name())) {
                expected.add(added.get(column.name()));
            }
        }
        return expected;
    }

    private static String describe(SpecSchema.Column column) {
        return column.name() + " " + column.type().toLowerCase(Locale.ROOT)
                + (column.nullable() ? " null" : " not null")
                + (column.defaultValue() == null ? "" : " default " + normaliseDefault(column.defaultValue()))
                + (column.autoIncrement() ? " auto_increment" : "");
    }

    private static List<String> expectedIndexes(SpecSchema.Table table, Set<String> later) {
        List<String> expected = new ArrayList<>();
        table.indexes().forEach(i -> expected.add(i.name() + " " + i.kind() + " " + i.columns()));
        Set<String> covered = new TreeSet<>();
        table.indexes().forEach(i -> covered.add(i.columns().get(0)));
        // InnoDB names the index of an otherwise unindexed foreign-key column after its constraint.
        table.foreignKeys().stream().filter(fk -> !covered.contains(fk.column()))
                .forEach(fk -> expected.add(fk.name() + " index [" + fk.column() + "]"));
        later.forEach(name -> expected.add(name + " later"));
        return expected;
    }

    private static Set<String> tables(Connection connection) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> ?")) {
            statement.setString(1, DatabaseMigrator.HISTORY_TABLE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        Set<String> jsonChecked = jsonCheckedColumns(connection, table);
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLLATION_NAME
                  FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
                 ORDER BY ORDINAL_POSITION""")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    String type = normaliseType(rows.getString(2));
                    if (type.equals("longtext") && jsonChecked.contains(name)) {
                        type = "json"; // MariaDB stores JSON as LONGTEXT with a json_valid() check
                    }
                    String collation = rows.getString(6);
                    assertThat(collation == null || collation.equals("utf8mb4_unicode_ci") || collation.equals("utf8mb4_bin"))
                            .as("collation of %s.%s is %s", table, name, collation).isTrue();
                    String dflt = rows.getString(4);
                    boolean hasDefault = dflt != null && !dflt.equalsIgnoreCase("NULL");
                    columns.add(name + " " + type
                            + ("YES".equals(rows.getString(3)) ? " null" : " not null")
                            + (hasDefault ? " default " + normaliseDefault(dflt) : "")
                            + (rows.getString(5).contains("auto_increment") ? " auto_increment" : ""));
                }
            }
        }
        return columns;
    }

    private static Set<String> jsonCheckedColumns(Connection connection, String table) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(2).toLowerCase(Locale.ROOT).contains("json_valid")) {
                        names.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException mysqlWithoutTableName) {
            return names; // MySQL 8 has native JSON and no TABLE_NAME in CHECK_CONSTRAINTS
        }
        return names;
    }

    private static List<String> indexes(Connection connection, String table) throws SQLException {
        Map<String, String> kinds = new LinkedHashMap<>();
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT INDEX_NAME, NON_UNIQUE, INDEX_TYPE, COLUMN_NAME FROM information_schema.STATISTICS
                 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX""")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    kinds.put(name, "FULLTEXT".equals(rows.getString(3)) ? "fulltext" : rows.getInt(2) == 0 ? "unique" : "index");
                    columns.computeIfAbsent(name, n -> new ArrayList<>()).add(rows.getString(4));
                }
            }
        }
        List<String> result = new ArrayList<>();
        kinds.forEach((name, kind) -> result.add(name + " " + kind + " " + columns.get(name)));
        return result;
    }

    private static List<String> foreignKeys(Connection connection, String table) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE
                  FROM information_schema.KEY_COLUMN_USAGE k
                  JOIN information_schema.REFERENTIAL_CONSTRAINTS r
                    ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
                 WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL""")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getString(4)).isEqualTo("id");
                    result.add(rows.getString(1) + " " + rows.getString(2) + " -> " + rows.getString(3)
                            + " ON DELETE " + rows.getString(5));
                }
            }
        }
        return result;
    }

    /** MariaDB and MySQL 5.7 print display widths ({@code bigint(20)}); MySQL 8 does not, except tinyint(1). */
    private static String normaliseType(String columnType) {
        String type = columnType.toLowerCase(Locale.ROOT);
        if (type.startsWith("tinyint(1)")) {
            return type;
        }
        return type.replaceFirst("^(bigint|int|smallint|mediumint|tinyint)\\(\\d+\\)", "$1");
    }

    private static String normaliseDefault(String value) {
        String unquoted = value.replaceAll("^'(.*)'$", "$1");
        try {
            return new BigDecimal(unquoted).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notNumeric) {
            return unquoted;
        }
    }
}
