package dev.codexauth.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * During a rolling upgrade the first new node migrates the database; an old build started after that must refuse
 * with a message an operator can act on, and leave the schema as the newer build left it.
 */
class NewerSchemaIT {

    @Test
    void anOlderBuildRefusesToStartOnASchemaANewerBuildMigrated() throws Exception {
        try (TestDatabase db = TestDatabase.create("newer_schema")) {
            new DatabaseMigrator(db.dataSource()).migrate();
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                        + " checksum, installed_by, execution_time, success) SELECT MAX(installed_rank) + 1, '999',"
                        + " 'added by a newer build', 'SQL', 'V999__added_by_a_newer_build.sql', 0, 'test', 1, 1"
                        + " FROM flyway_schema_history");
            }

            assertThatThrownBy(() -> new DatabaseMigrator(db.dataSource()).migrate())
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("schema is at version 999 (added by a newer build)")
                    .hasMessageContaining("start that build on this node");
            try (Connection connection = db.connect(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '999'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
        }
    }
}
