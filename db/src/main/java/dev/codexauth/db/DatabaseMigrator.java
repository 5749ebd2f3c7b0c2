package dev.codexauth.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to the newest schema with Flyway, under Flyway's database lock so that several nodes starting
 * at once migrate it exactly once.
 *
 * <p>Three starting points are recognised: an empty database (all migrations run), a database Flyway already
 * manages (pending migrations run), and a database of the original PHP service with its tables but no Flyway
 * history. The last one is adopted at version 1 after checking that every table, column and index of the baseline
 * exists; anything else is refused with a message that names what is missing, before a single statement changes it.
 */
public final class DatabaseMigrator {

    public static final String LOCATION = "classpath:db/migration";
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

    private final DataSource dataSource;
    private final ClassLoader classLoader;

    public DatabaseMigrator(DataSource dataSource) {
        this(dataSource, DatabaseMigrator.class.getClassLoader());
    }

    public DatabaseMigrator(DataSource dataSource, ClassLoader classLoader) {
        this.dataSource = dataSource;
        this.classLoader = classLoader;
    }

    /** What the start-up migration did. */
    public record Outcome(boolean adoptedOriginal, int migrationsApplied, String schemaVersion) {
    }

    /** The schema's state as health checks report it. */
    public record State(String currentVersion, String latestVersion, int pending, boolean failed) {
        public boolean upToDate() {
            return pending == 0 && !failed && currentVersion != null;
        }
    }

    public Outcome migrate() {
        boolean adopt = checkStartingPoint();
        refuseNewerSchema();
        MigrateResult result = flyway(adopt).migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        if (adopt) {
            LOG.info("Adopted an existing database of the original service at schema version 1");
        }
        LOG.info(() -> "Database schema at version " + version + " (" + result.migrationsExecuted + " migrations applied)");
        return new Outcome(adopt, result.migrationsExecuted, version);
    }

    public State state() {
        var info = flyway(false).info();
        MigrationInfo current = info.current();
        MigrationInfo[] all = info.all();
        String latest = all.length == 0 ? null : all[all.length - 1].getVersion().getVersion();
        boolean failed = Arrays.stream(all).anyMatch(m -> m.getState().isFailed());
        return new State(current == null ? null : current.getVersion().getVersion(), latest, info.pending().length, failed);
    }

    private Flyway flyway(boolean baselineOnMigrate) {
        return Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(baselineOnMigrate)
                .baselineVersion("1")
                .baselineDescription("adopted database of the original service")
                .validateMigrationNaming(true)
                .load();
    }

    /**
     * A node of an older build must not start on a schema that a newer build has already moved on: it would run
     * against columns and rules it does not know. Flyway alone would ignore such "future" migrations.
     */
    private void refuseNewerSchema() {
        MigrationInfo[] all = flyway(false).info().all();
        Optional<MigrationInfo> newest = Arrays.stream(all).filter(DatabaseMigrator::future).reduce((a, b) -> b);
        if (newest.isEmpty()) {
            return;
        }
        String ours = Arrays.stream(all).filter(m -> !future(m)).reduce((a, b) -> b)
                .map(m -> m.getVersion().getVersion()).orElse("none");
        throw new IncompatibleSchemaException("The database schema is at version " + newest.get().getVersion().getVersion()
                + " (" + newest.get().getDescription() + "), newer than this build, whose newest migration is version " + ours
                + ". A newer build has already upgraded this database: start that build on this node instead (a rolling"
                + " upgrade replaces old nodes with new ones and never starts an old one again).");
    }

    private static boolean future(MigrationInfo migration) {
        return migration.getState() == MigrationState.FUTURE_SUCCESS || migration.getState() == MigrationState.FUTURE_FAILED;
    }

    /** @return true when the database is one of the original's and must be baselined instead of created. */
    private boolean checkStartingPoint() {
        try (Connection connection = dataSource.getConnection()) {
            Set<String> existing = tableNames(connection);
            if (existing.isEmpty() || existing.contains(HISTORY_TABLE)) {
                return false;
            }
            BaselineSchema baseline = BaselineSchema.load();
            List<String> missing = missingFromBaseline(connection, baseline, existing);
            boolean anyBaselineTable = baseline.tables().keySet().stream().anyMatch(existing::contains);
            if (!anyBaselineTable) {
                throw new IncompatibleSchemaException("The database holds tables " + existing
                        + " but none of this product's; point DB_URL at an empty database or at the original service's database.");
            }
            if (!missing.isEmpty()) {
                throw new IncompatibleSchemaException("The database looks like the original service's but lacks "
                        + String.join(", ", missing)
                        + ". Let the original service finish its own upgrade first (it adds these on start), then start this server again.");
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot inspect the database before migrating: " + e.getMessage(), e);
        }
    }

    private static Set<String> tableNames(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static List<String> missingFromBaseline(Connection connection, BaselineSchema baseline, Set<String> existing)
            throws SQLException {
        Map<String, Set<String>> columns = namesByTable(connection,
                "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()");
        Map<String, Set<String>> indexes = namesByTable(connection,
                "SELECT DISTINCT TABLE_NAME, INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()");
        List<String> missing = new ArrayList<>();
        for (BaselineSchema.Table table : baseline.tables().values()) {
            if (!existing.contains(table.name())) {
                missing.add("table " + table.name());
                continue;
            }
            Set<String> haveColumns = columns.getOrDefault(table.name(), Set.of());
            table.columns().stream().filter(c -> !haveColumns.contains(c))
                    .forEach(c -> missing.add("column " + table.name() + "." + c));
            Set<String> haveIndexes = indexes.getOrDefault(table.name(), Set.of());
            table.indexes().stream().filter(i -> !haveIndexes.contains(i.toLowerCase(java.util.Locale.ROOT)))
                    .forEach(i -> missing.add("index " + table.name() + "." + i));
        }
        return missing;
    }

    private static Map<String, Set<String>> namesByTable(Connection connection, String sql) throws SQLException {
        Map<String, Set<String>> byTable = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                byTable.computeIfAbsent(rows.getString(1).toLowerCase(java.util.Locale.ROOT), t -> new HashSet<>())
                        .add(rows.getString(2).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return byTable;
    }
}
