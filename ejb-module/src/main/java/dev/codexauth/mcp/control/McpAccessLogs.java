package dev.codexauth.mcp.control;

import dev.codexauth.ops.control.DataSourceConfig;
import dev.codexauth.ops.control.SchemaMigration;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.ops.control.WriteBehind;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Rows of {@code mcp_access_logs} (spec/mcp.md §7, §8): one per JSON-RPC item and one per request refused before
 * dispatch (authentication, origin, session), with tool or URI, outcome, error text and latency; never content.
 * Informational, so written behind ({@link WriteBehind}): queued and inserted with one JDBC batch every 200 ms, not
 * inside each call, and a refusal that rolled back still leaves its row.
 */
@ApplicationScoped
public class McpAccessLogs {

    private static final Logger LOG = Logger.getLogger(McpAccessLogs.class.getName());
    private static final int MAX_BATCH = 2000;
    private static final String INSERT = "INSERT INTO mcp_access_logs (host_id, client_ip, method, name, success, error_code,"
            + " error_message, latency_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** One row to write. */
    public record Entry(Long hostId, String method, String name, boolean success, Integer errorCode, String errorMessage) {
    }

    private record Pending(Entry entry, String clientIp, int latencyMillis, String createdAt) {
    }

    @Resource(lookup = DataSourceConfig.JNDI_NAME)
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @EJB
    SchemaMigration schema;

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private ScheduledFuture<?> flusher;

    @PostConstruct
    void start() {
        schema.state();
        flusher = scheduler.scheduleWithFixedDelay(this::flush, WriteBehind.FLUSH_INTERVAL.toMillis(), WriteBehind.FLUSH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (flusher != null) {
            flusher.cancel(false);
        }
        flush();
    }

    public void record(String clientIp, long latencyMillis, List<Entry> entries) {
        String now = Timestamps.format(Instant.now());
        int latency = (int) Math.min(Integer.MAX_VALUE, latencyMillis);
        entries.forEach(entry -> queue.add(new Pending(entry, clientIp, latency, now)));
    }

    /** Writes what is queued; also called at deployment and shutdown. */
    public void flush() {
        while (!queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>();
            Pending next;
            while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            write(batch);
        }
    }

    private void write(List<Pending> batch) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Pending row : batch) {
                bind(insert, row, row.entry().hostId());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            // A host deleted meanwhile fails the foreign key for its rows: write the batch row by row instead.
            batch.forEach(this::writeOne);
        }
    }

    private void writeOne(Pending row) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, row, row.entry().hostId());
            try {
                insert.executeUpdate();
            } catch (SQLException hostGone) {
                bind(insert, row, null);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.warning(() -> "Dropped MCP access log row " + row.entry().method() + ": " + e.getMessage());
        }
    }

    private static void bind(PreparedStatement insert, Pending row, Long hostId) throws SQLException {
        Entry entry = row.entry();
        if (hostId == null) {
            insert.setNull(1, Types.BIGINT);
        } else {
            insert.setLong(1, hostId);
        }
        insert.setString(2, cut(row.clientIp(), 64));
        insert.setString(3, cut(entry.method(), 64));
        insert.setString(4, cut(entry.name(), 128));
        insert.setBoolean(5, entry.success());
        if (entry.errorCode() == null) {
            insert.setNull(6, Types.INTEGER);
        } else {
            insert.setInt(6, entry.errorCode());
        }
        insert.setString(7, cut(entry.errorMessage(), 1000));
        insert.setInt(8, row.latencyMillis());
        insert.setString(9, row.createdAt());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
