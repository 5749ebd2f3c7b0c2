package dev.codexauth.host.control;

import dev.codexauth.host.entity.Host;
import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.ops.control.WriteBehind;
import dev.codexauth.ops.control.WriteBehindBuffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Counts {@code /auth} calls per host ({@code hosts.api_calls}) without writing the host row in every request: the
 * count a host is told comes from memory (seeded from the row the request read), and the increments reach the
 * database as one batched {@code api_calls = api_calls + n} every 200 ms ({@link WriteBehind}), which stays exact when several nodes
 * count the same host. A node re-reads a host's stored count once it has been idle for a minute, so counts made on
 * other nodes or reset by an admin show up again.
 */
@ApplicationScoped
public class HostCallCounter extends WriteBehindBuffer {

    private static final Logger LOG = Logger.getLogger(HostCallCounter.class.getName());
    private static final long IDLE_NANOS = Duration.ofMinutes(1).toNanos();
    private static final String UPDATE = "UPDATE hosts SET api_calls = api_calls + ?, updated_at = ? WHERE id = ?";

    private static final class Tally {
        final AtomicLong shown;
        final AtomicLong unwritten = new AtomicLong();
        volatile Instant lastCall;
        volatile long lastCallNanos;

        Tally(long stored) {
            shown = new AtomicLong(stored);
        }
    }

    private final Map<Long, Tally> tallies = new ConcurrentHashMap<>();

    /** Counts one call of {@code host} (as just read from the database) and returns its count including this call. */
    public long count(Host host) {
        long[] count = new long[1];
        Instant now = Instant.now();
        tallies.compute(host.getId(), (id, tally) -> {
            Tally current = tally != null ? tally : new Tally(host.getApiCalls());
            current.unwritten.incrementAndGet();
            current.lastCall = now;
            current.lastCallNanos = System.nanoTime();
            count[0] = current.shown.incrementAndGet();
            return current;
        });
        return count[0];
    }

    /** Forgets a host whose row was deleted or whose counters an admin reset. */
    public void forget(long hostId) {
        tallies.remove(hostId);
    }

    /** Writes the counted calls; also called by tests and at shutdown. */
    @Override
    public void flush() {
        List<long[]> increments = new ArrayList<>();
        List<Instant> lastCalls = new ArrayList<>();
        long now = System.nanoTime();
        for (Map.Entry<Long, Tally> entry : tallies.entrySet()) {
            long unwritten = entry.getValue().unwritten.getAndSet(0);
            if (unwritten > 0) {
                increments.add(new long[] {entry.getKey(), unwritten});
                lastCalls.add(entry.getValue().lastCall);
            } else if (now - entry.getValue().lastCallNanos > IDLE_NANOS) {
                tallies.computeIfPresent(entry.getKey(), (id, tally) -> tally.unwritten.get() == 0 ? null : tally);
            }
        }
        if (!increments.isEmpty()) {
            write(increments, lastCalls);
        }
    }

    private void write(List<long[]> increments, List<Instant> lastCalls) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(UPDATE)) {
            for (int i = 0; i < increments.size(); i++) {
                update.setLong(1, increments.get(i)[1]);
                update.setString(2, Timestamps.format(lastCalls.get(i)));
                update.setLong(3, increments.get(i)[0]);
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            LOG.warning(() -> "Could not write /auth call counts, will retry: " + e.getMessage());
            for (long[] increment : increments) {
                Tally tally = tallies.get(increment[0]);
                if (tally != null) {
                    tally.unwritten.addAndGet(increment[1]);
                }
            }
        }
    }
}
