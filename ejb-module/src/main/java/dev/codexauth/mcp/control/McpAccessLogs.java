package dev.codexauth.mcp.control;

import dev.codexauth.ops.control.QueuedHostRows;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.ops.control.WriteBehind;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * Rows of {@code mcp_access_logs} (spec/mcp.md §7, §8): one per JSON-RPC item and one per request refused before
 * dispatch (authentication, origin, session), with tool or URI, outcome, error text and latency; never content.
 * Informational, so written behind ({@link WriteBehind}): queued and inserted with one JDBC batch every 200 ms, not
 * inside each call, and a refusal that rolled back still leaves its row.
 */
@ApplicationScoped
public class McpAccessLogs extends QueuedHostRows<McpAccessLogs.Pending> {

    /** One row to write. */
    public record Entry(Long hostId, String method, String name, boolean success, Integer errorCode, String errorMessage) {
    }

    /** An entry with what the request adds to it. */
    record Pending(Entry entry, String clientIp, int latencyMillis, String createdAt) {
    }

    public void record(String clientIp, long latencyMillis, List<Entry> entries) {
        String now = Timestamps.format(Instant.now());
        int latency = (int) Math.min(Integer.MAX_VALUE, latencyMillis);
        entries.forEach(entry -> enqueue(new Pending(entry, clientIp, latency, now)));
    }

    @Override
    protected String insert() {
        return "INSERT INTO mcp_access_logs (host_id, client_ip, method, name, success, error_code, error_message, latency_ms,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    protected Long hostId(Pending row) {
        return row.entry().hostId();
    }

    @Override
    protected void bind(PreparedStatement insert, Pending row, Long hostId) throws SQLException {
        Entry entry = row.entry();
        setHostId(insert, 1, hostId);
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

    @Override
    protected String describe(Pending row) {
        return "MCP access log row " + row.entry().method();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
