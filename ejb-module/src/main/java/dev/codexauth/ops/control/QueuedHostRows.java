package dev.codexauth.ops.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Logger;

/**
 * Informational rows that may name a host (event log, MCP access log), queued by requests and inserted together
 * with one JDBC batch per {@link WriteBehind#FLUSH_INTERVAL}. A host deleted in between fails the batch on its
 * foreign key: the batch is then written row by row, and such a row keeps everything but its host.
 *
 * @param <R> one queued row
 */
public abstract class QueuedHostRows<R> extends WriteBehindBuffer {

    private static final Logger LOG = Logger.getLogger(QueuedHostRows.class.getName());
    private static final int MAX_BATCH = 2000;

    private final ConcurrentLinkedQueue<R> queue = new ConcurrentLinkedQueue<>();

    /** The INSERT whose parameters {@link #bind} sets. */
    protected abstract String insert();

    protected abstract Long hostId(R row);

    /** Sets every parameter of {@link #insert()} for the row, with {@code hostId} in place of its own. */
    protected abstract void bind(PreparedStatement insert, R row, Long hostId) throws SQLException;

    /** What names the row in the warning when it cannot be written at all. */
    protected abstract String describe(R row);

    protected void enqueue(R row) {
        queue.add(row);
    }

    @Override
    public void flush() {
        while (!queue.isEmpty()) {
            List<R> batch = new ArrayList<>();
            R next;
            while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            write(batch);
        }
    }

    /** Sets a host id parameter, or NULL when there is none. */
    protected static void setHostId(PreparedStatement insert, int index, Long hostId) throws SQLException {
        if (hostId == null) {
            insert.setNull(index, Types.BIGINT);
        } else {
            insert.setLong(index, hostId);
        }
    }

    private void write(List<R> batch) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(insert())) {
            for (R row : batch) {
                bind(insert, row, hostId(row));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            batch.forEach(this::writeOne);
        }
    }

    private void writeOne(R row) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(insert())) {
            bind(insert, row, hostId(row));
            try {
                insert.executeUpdate();
            } catch (SQLException hostGone) {
                bind(insert, row, null);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.warning(() -> "Dropped " + describe(row) + ": " + e.getMessage());
        }
    }
}
