package dev.codexauth.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rolling upgrades run build N and N+1 on one schema, so a migration may only add (tables, nullable or defaulted
 * columns, indexes). Removing or reshaping what build N reads waits for a later release and says so in its name,
 * {@code V<n>__contract_<what>.sql}, shipped once no running build needs the old shape (docs/cluster.md).
 */
class ExpandOnlyMigrationsTest {

    private static final Pattern DESTRUCTIVE = Pattern.compile(
            "\\b(DROP\\s+(TABLE|COLUMN)|RENAME\\s+(TABLE|COLUMN|TO)|MODIFY\\s+(COLUMN\\s+)?\\w+|CHANGE\\s+(COLUMN\\s+)?\\w+\\s+\\w+|TRUNCATE)\\b",
            Pattern.CASE_INSENSITIVE);

    @Test
    void everyMigrationAfterTheBaselineOnlyExpandsTheSchemaUnlessItIsAContractStep() throws IOException, URISyntaxException {
        Path folder = Path.of(getClass().getClassLoader().getResource("db/migration").toURI());
        List<Path> migrations;
        try (Stream<Path> files = Files.list(folder)) {
            migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+__.+\\.sql")).sorted().toList();
        }
        assertThat(migrations).hasSizeGreaterThan(1);

        for (Path migration : migrations) {
            String name = migration.getFileName().toString();
            if (name.startsWith("V1__") || name.toLowerCase(Locale.ROOT).contains("__contract_")) {
                continue;
            }
            String sql = Files.readString(migration).replaceAll("(?m)--.*$", "").replaceAll("COMMENT\\s+'[^']*'", "");
            assertThat(DESTRUCTIVE.matcher(sql).find())
                    .as("%s removes or reshapes something an older node still reads; make it a V<n>__contract_ step", name)
                    .isFalse();
        }
    }

    @Test
    void theRuleRecognisesWhatWouldBreakAnOlderNode() {
        assertThat(DESTRUCTIVE.matcher("ALTER TABLE hosts DROP COLUMN vip;").find()).isTrue();
        assertThat(DESTRUCTIVE.matcher("ALTER TABLE hosts MODIFY fqdn VARCHAR(10);").find()).isTrue();
        assertThat(DESTRUCTIVE.matcher("ALTER TABLE hosts CHANGE COLUMN fqdn host_name VARCHAR(255);").find()).isTrue();
        assertThat(DESTRUCTIVE.matcher("RENAME TABLE hosts TO machines;").find()).isTrue();
        assertThat(DESTRUCTIVE.matcher("ALTER TABLE hosts ADD COLUMN label VARCHAR(64) NULL;").find()).isFalse();
        assertThat(DESTRUCTIVE.matcher("CREATE INDEX idx_hosts_label ON hosts (label);").find()).isFalse();
    }
}
