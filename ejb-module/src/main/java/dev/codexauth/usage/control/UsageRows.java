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
import java.util.List;

/**
 * Writes {@code POST /usage} reports with plain JDBC on the caller's connection (and so in its transaction): an
 * ingest row per report, then one batch of usage rows and one batch of {@code token.usage} events, which the driver
 * sends as multi-row INSERTs ({@code rewriteBatchedStatements}). The original wrote two single INSERTs per entry.
 */
public final class UsageRows {

    private static final String INSERT_INGEST = "INSERT INTO token_usage_ingests (host_id, entries, total, input_tokens,"
            + " output_tokens, cached_tokens, reasoning_tokens, cost, client_ip, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_USAGE = "INSERT INTO token_usages (host_id, ingest_id, total, input_tokens, output_tokens,"
            + " cached_tokens, reasoning_tokens, cost, model, line, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_EVENT = "INSERT INTO logs (host_id, action, details, created_at) VALUES (?, ?, ?, ?)";

    /** An entry with the cost it was priced at (null when the prices gave none). */
    public record Priced(UsageEntry entry, BigDecimal cost) {
    }

    private UsageRows() {
    }

    /** One host's report, priced, as it is stored: an ingest row and a usage row and an event per entry. */
    public record Ingest(long hostId, String clientIp, List<Priced> entries, Instant at) {

        /** The rows it writes, which is what it weighs in a batch. */
        int rows() {
            return 1 + 2 * entries.size();
        }
    }

    /**
     * Writes the reports on the caller's connection and in its transaction: an ingest row each (for its generated id),
     * then the usage rows of all of them in one batch and their events in another.
     *
     * @return the ids of the new ingest rows, in the order of the reports
     */
    public static List<Long> insert(Connection connection, List<Ingest> ingests) throws SQLException {
        List<Long> ingestIds = new ArrayList<>(ingests.size());
        for (Ingest ingest : ingests) {
            ingestIds.add(insertIngest(connection, ingest.hostId(), ingest.clientIp(), ingest.entries(), Timestamps.format(ingest.at())));
        }
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

    private static long insertIngest(Connection connection, long hostId, String clientIp, List<Priced> entries, String createdAt)
            throws SQLException {
        try (PreparedStatement ingest = connection.prepareStatement(INSERT_INGEST, Statement.RETURN_GENERATED_KEYS)) {
            ingest.setLong(1, hostId);
            ingest.setInt(2, entries.size());
            setCount(ingest, 3, sum(entries, UsageEntry::total));
            setCount(ingest, 4, sum(entries, UsageEntry::input));
            setCount(ingest, 5, sum(entries, UsageEntry::output));
            setCount(ingest, 6, sum(entries, UsageEntry::cached));
            setCount(ingest, 7, sum(entries, UsageEntry::reasoning));
            ingest.setBigDecimal(8, totalCost(entries));
            ingest.setString(9, clientIp);
            ingest.setString(10, payload(entries));
            ingest.setString(11, createdAt);
            ingest.executeUpdate();
            try (ResultSet keys = ingest.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
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
