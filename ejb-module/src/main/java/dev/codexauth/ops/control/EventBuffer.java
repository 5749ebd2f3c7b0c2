package dev.codexauth.ops.control;

import dev.codexauth.http.JsonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Event-log rows of the hot host paths (every {@code auth.retrieve}, every list and retrieve of a sync artefact):
 * queued in memory and written together every 200 ms with one JDBC batch, instead of one INSERT inside each
 * request. A crash can lose at most the last fraction of a second of these informational rows; anything a
 * decision depends on is written in the request's own transaction ({@link Events#record}).
 */
@ApplicationScoped
public class EventBuffer extends QueuedHostRows<EventBuffer.Pending> {

    /** One event row to write. */
    record Pending(Long hostId, String action, String details, String createdAt) {
    }

    public void record(Long hostId, String action, Map<String, ?> details) {
        enqueue(new Pending(hostId, action, details == null || details.isEmpty() ? null : JsonConfig.jsonb().toJson(details),
                Timestamps.format(Instant.now())));
    }

    @Override
    protected String insert() {
        return "INSERT INTO logs (host_id, action, details, created_at) VALUES (?, ?, ?, ?)";
    }

    @Override
    protected Long hostId(Pending event) {
        return event.hostId();
    }

    @Override
    protected void bind(PreparedStatement insert, Pending event, Long hostId) throws SQLException {
        setHostId(insert, 1, hostId);
        insert.setString(2, event.action());
        insert.setString(3, event.details());
        insert.setString(4, event.createdAt());
    }

    @Override
    protected String describe(Pending event) {
        return "event " + event.action();
    }
}
