package dev.codexauth.identity.control;

import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.ops.control.WriteBehindBuffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * When and from where each {@code xwllm_} token was last used, without a database write per request: a node keeps
 * the latest use per token and writes them together every {@link #FLUSH_INTERVAL}; a burst of a thousand calls with
 * one token costs one row update. What a crashed node held is at most one interval of "last used" times.
 */
@ApplicationScoped
public class TokenUse extends WriteBehindBuffer {

    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(TokenUse.class.getName());

    private record Use(Instant at, String ip) {
    }

    private final Map<Long, Use> pending = new ConcurrentHashMap<>();

    @Override
    protected Duration interval() {
        return FLUSH_INTERVAL;
    }

    public void record(long tokenId, String ip) {
        pending.put(tokenId, new Use(Instant.now(), ip));
    }

    /** Writes the uses held; also called before tokens are listed, so a list shows this node's latest use. */
    @Override
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<Long, Use> batch = new HashMap<>();
        for (Long id : pending.keySet()) {
            Use use = pending.remove(id);
            if (use != null) {
                batch.put(id, use);
            }
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE llm_tokens SET last_used_at = GREATEST(COALESCE(last_used_at, ?), ?), last_used_ip = ? WHERE id = ?")) {
            for (Map.Entry<Long, Use> entry : batch.entrySet()) {
                update.setObject(1, Timestamps.toUtcDateTime(entry.getValue().at()));
                update.setObject(2, Timestamps.toUtcDateTime(entry.getValue().at()));
                update.setString(3, entry.getValue().ip());
                update.setLong(4, entry.getKey());
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            LOG.warning(() -> "Could not write token last-use times, will retry: " + e.getMessage());
            batch.forEach(pending::putIfAbsent);
        }
    }
}
