package dev.codexauth.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Every {@code POST /auth} sums the host's usage rows of the month ({@code usage/control/MonthUsage}); the index on
 * {@code (host_id, created_at)} carries the summed columns (V11) so that the sum never reads the table's rows.
 */
class MonthTotalsIndexIT {

    /** Ten rows, in SQL that MySQL and MariaDB both read: each host gets 100 usage rows from two of them. */
    private static final String DIGITS = "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
            + " UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";

    @Test
    void aHostsMonthTotalsAreReadFromTheIndexAlone() throws Exception {
        try (TestDatabase db = TestDatabase.create("month_totals")) {
            new DatabaseMigrator(db.dataSource()).migrate();
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO hosts (fqdn, api_key, api_key_hash, created_at, updated_at) VALUES"
                        + " ('a.fleet.test', 'k1', SHA2('k1', 256), NOW(), NOW()), ('b.fleet.test', 'k2', SHA2('k2', 256), NOW(), NOW())");
                statement.execute("INSERT INTO token_usages (host_id, total, input_tokens, output_tokens, cached_tokens, reasoning_tokens,"
                        + " cost, model, line, created_at) SELECT h.id, 30, 20, 10, 5, 1, 0.01, 'gpt-5.1', 'Token usage: total=30',"
                        + " CONCAT('2026-12-0', 1 + (tens.d + ones.d) % 5, 'T10:00:00.000000Z') FROM hosts h CROSS JOIN " + DIGITS
                        + " tens CROSS JOIN " + DIGITS + " ones");
                statement.execute("ANALYZE TABLE token_usages");
                try (ResultSet plan = statement.executeQuery("EXPLAIN SELECT COALESCE(SUM(total), 0), COALESCE(SUM(input_tokens), 0),"
                        + " COALESCE(SUM(output_tokens), 0), COALESCE(SUM(cached_tokens), 0), COALESCE(SUM(reasoning_tokens), 0),"
                        + " COALESCE(SUM(cost), 0), COUNT(*) FROM token_usages WHERE host_id = (SELECT MIN(id) FROM hosts)"
                        + " AND created_at >= '2026-12-01T00:00:00.000000Z'")) {
                    assertThat(plan.next()).isTrue();
                    assertThat(plan.getString("table")).isEqualTo("token_usages");
                    assertThat(plan.getString("key")).isEqualTo("idx_token_usage_host_created");
                    assertThat(plan.getString("Extra").split(";\\s*")).as("index-only, not an index condition then rows")
                            .contains("Using index");
                }
            }
        }
    }
}
