package dev.codexauth.usage.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codexauth.db.DatabaseMigrator;
import dev.codexauth.db.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDBC writes of {@code POST /usage} and the cost backfill against a migrated MariaDB/MySQL schema. */
class UsageRowsIT {

    private static TestDatabase db;
    private static long hostId;

    @BeforeAll
    static void migrate() throws Exception {
        db = TestDatabase.create("usagerows");
        new DatabaseMigrator(db.dataSource()).migrate();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO hosts (fqdn, api_key, api_key_hash, status, created_at, updated_at)"
                    + " VALUES ('meter.fleet.test', REPEAT('a', 64), REPEAT('a', 64), 'active', '2026-11-23T10:00:00+00:00',"
                    + " '2026-11-23T10:00:00+00:00')", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                hostId = keys.getLong(1);
            }
        }
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void oneIngestRowLinksItsUsageRowsAndOneEventPerEntry() throws Exception {
        List<UsageRows.Priced> entries = List.of(
                new UsageRows.Priced(new UsageEntry(1234L, 1000L, 234L, 200L, null, "gpt-5.1", "Token usage: total=1,234"),
                        new BigDecimal("0.003615")),
                new UsageRows.Priced(new UsageEntry(10L, null, 10L, null, 4L, null, null), new BigDecimal("0.000100")),
                new UsageRows.Priced(new UsageEntry(null, null, null, null, null, "x", "line only"), null));
        Instant at = Instant.parse("2026-11-23T10:54:00.678Z");

        long ingestId;
        try (Connection connection = batchingConnection()) {
            connection.setAutoCommit(false);
            ingestId = UsageRows.insert(connection, List.of(new UsageRows.Ingest(hostId, "203.0.113.9", entries, at)),
                    UsageRows.IngestInsert.RETURNING).get(0);
            connection.commit();
        }

        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            ResultSet ingest = statement.executeQuery("SELECT host_id, entries, total, input_tokens, output_tokens, cached_tokens,"
                    + " reasoning_tokens, cost, client_ip, payload, created_at FROM token_usage_ingests WHERE id = " + ingestId);
            assertThat(ingest.next()).isTrue();
            assertThat(ingest.getLong("host_id")).isEqualTo(hostId);
            assertThat(ingest.getInt("entries")).isEqualTo(3);
            assertThat(ingest.getLong("total")).isEqualTo(1244);
            assertThat(ingest.getLong("input_tokens")).isEqualTo(1000);
            assertThat(ingest.getLong("cached_tokens")).isEqualTo(200);
            assertThat(ingest.getLong("reasoning_tokens")).isEqualTo(4);
            assertThat(ingest.getBigDecimal("cost")).isEqualByComparingTo("0.003715");
            assertThat(ingest.getString("client_ip")).isEqualTo("203.0.113.9");
            assertThat(ingest.getString("created_at")).isEqualTo("2026-11-23T10:54:00+00:00");
            JsonArray payload = Json.createReader(new StringReader(ingest.getString("payload"))).readObject().getJsonArray("usages");
            assertThat(payload).hasSize(3);
            assertThat(payload.getJsonObject(0).getJsonNumber("cost").bigDecimalValue()).isEqualByComparingTo("0.003615");
            assertThat(payload.getJsonObject(0).getString("line")).isEqualTo("Token usage: total=1,234");
            assertThat(payload.getJsonObject(2).isNull("cost")).isTrue();

            ResultSet usages = statement.executeQuery("SELECT ingest_id, host_id, total, reasoning_tokens, cost, model, line"
                    + " FROM token_usages WHERE ingest_id = " + ingestId + " ORDER BY id");
            assertThat(usages.next()).isTrue();
            assertThat(usages.getString("model")).isEqualTo("gpt-5.1");
            assertThat(usages.getBigDecimal("cost")).isEqualByComparingTo("0.003615");
            assertThat(usages.next()).isTrue();
            assertThat(usages.getLong("reasoning_tokens")).isEqualTo(4);
            assertThat(usages.next()).isTrue();
            assertThat(usages.getObject("total")).isNull();
            assertThat(usages.getObject("cost")).isNull();
            assertThat(usages.next()).isFalse();

            ResultSet events = statement.executeQuery("SELECT host_id, details FROM logs WHERE action = 'token.usage'"
                    + " AND JSON_VALUE(details, '$.ingest_id') = " + ingestId + " ORDER BY id");
            assertThat(events.next()).isTrue();
            JsonObject first = Json.createReader(new StringReader(events.getString("details"))).readObject();
            assertThat(first.getJsonNumber("ingest_id").longValue()).isEqualTo(ingestId);
            assertThat(first.getJsonNumber("total").longValue()).isEqualTo(1234);
            assertThat(first.containsKey("line")).as("the line stays out of the event log").isFalse();
            int count = 1;
            while (events.next()) {
                count++;
            }
            assertThat(count).isEqualTo(3);
        }
    }

    /** Both ways of inserting the ingest rows run here: MariaDB has RETURNING, and the one-by-one way needs none. */
    @ParameterizedTest
    @EnumSource(UsageRows.IngestInsert.class)
    void reportsWrittenTogetherKeepTheirOwnIngestRowsUsageRowsAndEvents(UsageRows.IngestInsert ingestInsert) throws Exception {
        Instant at = Instant.parse("2026-11-24T08:00:00Z");
        List<UsageRows.Ingest> reports = List.of(
                new UsageRows.Ingest(hostId, "203.0.113.1", List.of(priced(100), priced(101)), at),
                new UsageRows.Ingest(hostId, "203.0.113.2", List.of(priced(200)), at),
                new UsageRows.Ingest(hostId, "203.0.113.3", List.of(priced(300), priced(301), priced(302)), at));

        List<Long> ingestIds;
        try (Connection connection = batchingConnection()) {
            connection.setAutoCommit(false);
            ingestIds = UsageRows.insert(connection, reports, ingestInsert);
            connection.commit();
        }

        assertThat(ingestIds).hasSize(3).doesNotHaveDuplicates();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < reports.size(); i++) {
                long ingestId = ingestIds.get(i);
                List<Long> totals = reports.get(i).entries().stream().map(p -> p.entry().total()).toList();
                ResultSet ingest = statement.executeQuery("SELECT client_ip, entries FROM token_usage_ingests WHERE id = " + ingestId);
                assertThat(ingest.next()).isTrue();
                assertThat(ingest.getString("client_ip")).isEqualTo(reports.get(i).clientIp());
                assertThat(ingest.getInt("entries")).isEqualTo(totals.size());
                assertThat(longs(statement, "SELECT total FROM token_usages WHERE ingest_id = " + ingestId + " ORDER BY id"))
                        .isEqualTo(totals);
                assertThat(longs(statement, "SELECT JSON_VALUE(details, '$.total') FROM logs WHERE action = 'token.usage'"
                        + " AND JSON_VALUE(details, '$.ingest_id') = " + ingestId + " ORDER BY id")).isEqualTo(totals);
            }
        }
    }

    private static UsageRows.Priced priced(long total) {
        return new UsageRows.Priced(new UsageEntry(total, total, 0L, 0L, 0L, "gpt-5.1", "Token usage: total=" + total), BigDecimal.ONE);
    }

    private static List<Long> longs(Statement statement, String sql) throws Exception {
        List<Long> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
        }
        return values;
    }

    @Test
    void theBackfillPricesRowsWithoutACostAndLeavesOthersAlone() throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO token_usages (host_id, total, input_tokens, output_tokens, cached_tokens, cost, model,"
                    + " created_at) VALUES (NULL, 1434, 1000, 234, 200, NULL, 'old', '2025-01-01T00:00:00+00:00'),"
                    + " (NULL, 5, 5, 0, 0, 9.5, 'priced', '2025-01-01T00:00:00+00:00'),"
                    + " (NULL, NULL, NULL, NULL, NULL, NULL, 'empty', '2025-01-01T00:00:00+00:00')");
            // The statement numbers its parameters for JPA (?1, ?2, ?3); plain JDBC wants bare question marks.
            try (PreparedStatement backfill = connection.prepareStatement(CostBackfill.batch("token_usages").replaceAll("\\?\\d", "?"))) {
                backfill.setBigDecimal(1, new BigDecimal("0.00125"));
                backfill.setBigDecimal(2, new BigDecimal("0.01"));
                backfill.setBigDecimal(3, new BigDecimal("0.000125"));
                assertThat(backfill.executeUpdate()).isEqualTo(2);
            }
            ResultSet rows = statement.executeQuery("SELECT model, cost FROM token_usages WHERE model IN ('old', 'priced', 'empty')"
                    + " ORDER BY model");
            rows.next();
            assertThat(rows.getBigDecimal("cost")).isEqualByComparingTo("0");
            rows.next();
            assertThat(rows.getBigDecimal("cost")).as("1.0 × 0.00125 + 0.234 × 0.01 + 0.2 × 0.000125").isEqualByComparingTo("0.003615");
            rows.next();
            assertThat(rows.getBigDecimal("cost")).isEqualByComparingTo("9.5");
        }
    }

    private static Connection batchingConnection() throws Exception {
        return DriverManager.getConnection(db.jdbcUrl() + "&rewriteBatchedStatements=true", db.user(), db.password());
    }
}
