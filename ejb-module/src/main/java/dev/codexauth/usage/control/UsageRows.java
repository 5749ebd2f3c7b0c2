package dev.codexauth.usage.control;

import dev.codexauth.http.Jsonp;
import dev.codexauth.ops.control.Timestamps;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code POST /usage} reports with plain JDBC on the caller's connection (and so in its transaction): the
 * reports' ingest rows, then one batch of usage rows and one batch of {@code token.usage} events, which the driver
 * sends as multi-row INSERTs ({@code rewriteBatchedStatements}). The original wrote two single INSERTs per entry.
 */
public final class UsageRows {

    private static final String INGEST_COLUMNS = "INSERT INTO token_usage_ingests (host_id, entries, total, input_tokens,"
            + " output_tokens, cached_tokens, reasoning_tokens, cost, client_ip, payload, created_at) VALUES ";
    private static final String INGEST_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int INGEST_PARAMETERS = 11;
    private static final String INSERT_INGEST = INGEST_COLUMNS + INGEST_VALUES;
    private static final String INSERT_USAGE = "INSERT INTO token_usages (host_id, ingest_id, total, input_tokens, output_tokens,"
            + " cached_tokens, reasoning_tokens, cost, model, line, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_EVENT = "INSERT INTO logs (host_id, action, details, created_at) VALUES (?, ?, ?, ?)";

    /** An entry with the cost it was priced at (null when the prices gave none). */
    public record Priced(UsageEntry entry, BigDecimal cost) {
    }

    private UsageRows() {
    }

    /** How the ingest rows of several reports are inserted, so that each report learns the id of its own. */
    public enum IngestInsert {
        /** One multi-row INSERT … RETURNING id (MariaDB 10.5 and later): the server sends each row's id, in order. */
        RETURNING,
        /**
         * One INSERT per report: MySQL has no RETURNING, and the ids of a multi-row INSERT are not consecutive for
         * certain under {@code innodb_autoinc_lock_mode=2} (its default) while other nodes insert.
         */
        ONE_BY_ONE;

        private static final Pattern MARIADB_VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.\\d+-MariaDB");

        /** @param serverVersion as the driver reports it, for example {@code 5.5.5-10.11.19-MariaDB-0+deb12u1} or {@code 8.0.40} */
        public static IngestInsert forServer(String serverVersion) {
            Matcher mariadb = MARIADB_VERSION.matcher(serverVersion);
            if (mariadb.find()) {
                int major = Integer.parseInt(mariadb.group(1));
                int minor = Integer.parseInt(mariadb.group(2));
                return major > 10 || major == 10 && minor >= 5 ? RETURNING : ONE_BY_ONE;
            }
            return ONE_BY_ONE;
        }
    }

    /** One host's report, priced, as it is stored: an ingest row and a usage row and an event per entry. */
    public record Ingest(long hostId, String clientIp, List<Priced> entries, Instant at) {

        /** The rows it writes, which is what it weighs in a batch. */
        int rows() {
            return 1 + 2 * entries.size();
        }
    }

    /**
     * Writes the reports on the caller's connection and in its transaction: their ingest rows (for the generated ids),
     * then the usage rows of all of them in one batch and their events in another.
     *
     * @return the ids of the new ingest rows, in the order of the reports
     */
    public static List<Long> insert(Connection connection, List<Ingest> ingests, IngestInsert ingestInsert) throws SQLException {
        List<Long> ingestIds = ingestInsert == IngestInsert.RETURNING && ingests.size() > 1
                ? insertIngestsReturning(connection, ingests) : insertIngestsOneByOne(connection, ingests);
        try (PreparedStatement usage = connection.prepareStatement(INSERT_USAGE);
             PreparedStatement event = connection.prepareStatement(INSERT_EVENT)) {
            for (int i = 0; i < ingests.size(); i++) {
                addRows(usage, event, ingests.get(i), ingestIds.get(i));
            }
            usage.executeBatch();
            event.executeBatch();
        }
        return ingestIds;
    }

    private static void addRows(PreparedStatement usage, PreparedStatement event, Ingest ingest, long ingestId) throws SQLException {
        String createdAt = Timestamps.format(ingest.at());
        for (Priced priced : ingest.entries()) {
            UsageEntry e = priced.entry();
            usage.setLong(1, ingest.hostId());
            usage.setLong(2, ingestId);
            setCount(usage, 3, e.total());
            setCount(usage, 4, e.input());
            setCount(usage, 5, e.output());
            setCount(usage, 6, e.cached());
            setCount(usage, 7, e.reasoning());
            usage.setBigDecimal(8, priced.cost());
            usage.setString(9, e.model());
            usage.setString(10, e.line());
            usage.setString(11, createdAt);
            usage.addBatch();

            event.setLong(1, ingest.hostId());
            event.setString(2, "token.usage");
            event.setString(3, eventDetails(ingestId, priced));
            event.setString(4, createdAt);
            event.addBatch();
        }
    }

    private static List<Long> insertIngestsOneByOne(Connection connection, List<Ingest> ingests) throws SQLException {
        List<Long> ingestIds = new ArrayList<>(ingests.size());
        try (PreparedStatement insert = connection.prepareStatement(INSERT_INGEST, Statement.RETURN_GENERATED_KEYS)) {
            for (Ingest ingest : ingests) {
                bindIngest(insert, 0, ingest);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    ingestIds.add(keys.getLong(1));
                }
            }
        }
        return ingestIds;
    }

    /** Executed, not queried: the driver refuses an INSERT through executeQuery even when it returns rows. */
    private static List<Long> insertIngestsReturning(Connection connection, List<Ingest> ingests) throws SQLException {
        String sql = INGEST_COLUMNS + String.join(", ", Collections.nCopies(ingests.size(), INGEST_VALUES)) + " RETURNING id";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < ingests.size(); i++) {
                bindIngest(insert, i * INGEST_PARAMETERS, ingests.get(i));
            }
            insert.execute();
            List<Long> ingestIds = new ArrayList<>(ingests.size());
            try (ResultSet ids = insert.getResultSet()) {
                while (ids.next()) {
                    ingestIds.add(ids.getLong(1));
                }
            }
            if (ingestIds.size() != ingests.size()) {
                throw new SQLException("Inserted " + ingests.size() + " ingest rows but got " + ingestIds.size() + " ids back");
            }
            return ingestIds;
        }
    }

    private static void bindIngest(PreparedStatement insert, int offset, Ingest ingest) throws SQLException {
        List<Priced> entries = ingest.entries();
        insert.setLong(offset + 1, ingest.hostId());
        insert.setInt(offset + 2, entries.size());
        setCount(insert, offset + 3, sum(entries, UsageEntry::total));
        setCount(insert, offset + 4, sum(entries, UsageEntry::input));
        setCount(insert, offset + 5, sum(entries, UsageEntry::output));
        setCount(insert, offset + 6, sum(entries, UsageEntry::cached));
        setCount(insert, offset + 7, sum(entries, UsageEntry::reasoning));
        insert.setBigDecimal(offset + 8, totalCost(entries));
        insert.setString(offset + 9, ingest.clientIp());
        insert.setString(offset + 10, payload(entries));
        insert.setString(offset + 11, Timestamps.format(ingest.at()));
    }

    /** The sum over the entries that have the count; null when none has it (sync.md §9). */
    static Long sum(List<Priced> entries, java.util.function.Function<UsageEntry, Long> count) {
        Long sum = null;
        for (Priced priced : entries) {
            Long value = count.apply(priced.entry());
            if (value != null) {
                sum = sum == null ? value : sum + value;
            }
        }
        return sum;
    }

    /** The sum of the costs the entries have; null when none has one. */
    public static BigDecimal totalCost(List<Priced> entries) {
        BigDecimal sum = null;
        for (Priced priced : entries) {
            if (priced.cost() != null) {
                sum = sum == null ? priced.cost() : sum.add(priced.cost());
            }
        }
        return sum;
    }

    /**
     * The stored ingest payload, {@code {"usages":[normalized entries with cost]}}, streamed with JSON-P: JSON-B's cycle
     * check hashes every record of a batch, which showed up in profiles of large batches.
     */
    static String payload(List<Priced> entries) {
        StringWriter text = new StringWriter(entries.size() * 160);
        try (JsonGenerator json = Jsonp.PROVIDER.createGenerator(text)) {
            json.writeStartObject().writeStartArray("usages");
            for (Priced priced : entries) {
                UsageEntry e = priced.entry();
                json.writeStartObject();
                writeCount(json, "total", e.total());
                writeCount(json, "input", e.input());
                writeCount(json, "output", e.output());
                writeCount(json, "cached", e.cached());
                writeCount(json, "reasoning", e.reasoning());
                writeText(json, "model", e.model());
                writeText(json, "line", e.line());
                if (priced.cost() == null) {
                    json.writeNull("cost");
                } else {
                    json.write("cost", priced.cost());
                }
                json.writeEnd();
            }
            json.writeEnd().writeEnd();
        }
        return text.toString();
    }

    private static void writeCount(JsonGenerator json, String name, Long value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }

    private static void writeText(JsonGenerator json, String name, String value) {
        if (value == null) {
            json.writeNull(name);
        } else {
            json.write(name, value);
        }
    }

    /** What {@code token.usage} records: the counts, model and cost, not the line. */
    private static String eventDetails(long ingestId, Priced priced) {
        UsageEntry e = priced.entry();
        JsonObjectBuilder details = Jsonp.PROVIDER.createObjectBuilder().add("ingest_id", ingestId);
        addCount(details, "total", e.total());
        addCount(details, "input", e.input());
        addCount(details, "output", e.output());
        addCount(details, "cached", e.cached());
        addCount(details, "reasoning", e.reasoning());
        if (priced.cost() == null) {
            details.addNull("cost");
        } else {
            details.add("cost", priced.cost());
        }
        if (e.model() == null) {
            details.addNull("model");
        } else {
            details.add("model", e.model());
        }
        return details.build().toString();
    }

    private static void addCount(JsonObjectBuilder details, String name, Long value) {
        if (value == null) {
            details.addNull(name);
        } else {
            details.add(name, value);
        }
    }

    private static void setCount(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
