package dev.codexauth.ops.control;

import dev.codexauth.http.JsonConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Event-log rows of the hot host paths (every {@code auth.retrieve}, every list and retrieve of a sync artefact):
 * queued in memory and written together every 200 ms with one JDBC batch, instead of one INSERT inside each
 * request. A crash can lose at most the last fraction of a second of these informational rows; anything a
 * decision depends on is written in the request's own transaction ({@link Events#record}).
 */
@ApplicationScoped
public class EventBuffer {

    private static final Logger LOG = Logger.getLogger(EventBuffer.class.getName());
    private static final int MAX_BATCH = 2000;
    private static final String INSERT = "INSERT INTO logs (host_id, action, details, created_at) VALUES (?, ?, ?, ?)";

    private record Pending(Long hostId, String action, String details, String createdAt) {
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

    public void record(Long hostId, String action, Map<String, ?> details) {
        queue.add(new Pending(hostId, action, details == null || details.isEmpty() ? null : JsonConfig.jsonb().toJson(details),
                Timestamps.format(Instant.now())));
    }

    /** Writes what is queued; also called by tests and at shutdown. */
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
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Pending event : batch) {
                bind(insert, event, event.hostId());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            // A host deleted meanwhile fails the foreign key for its rows: write the batch row by row instead.
            batch.forEach(this::writeOne);
        }
    }

    private void writeOne(Pending event) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, event, event.hostId());
            try {
                insert.executeUpdate();
            } catch (SQLException hostGone) {
                bind(insert, event, null);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.warning(() -> "Dropped event " + event.action() + ": " + e.getMessage());
        }
    }

    private static void bind(PreparedStatement insert, Pending event, Long hostId) throws SQLException {
        if (hostId == null) {
            insert.setNull(1, Types.BIGINT);
        } else {
            insert.setLong(1, hostId);
        }
        insert.setString(2, event.action());
        insert.setString(3, event.details());
        insert.setString(4, event.createdAt());
    }
}
